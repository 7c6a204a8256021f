package jp.sukedachi.app.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.MessageBytes;

/**
 * Tomcat's own error answers (a request it cannot read: bad URL encoding, a malformed header or request
 * line) never reach Spring. On {@code /api/} and {@code /actuator/} paths, and when the path itself could
 * not be read, they are JSON like every other API error; pages keep Tomcat's minimal page.
 */
public class ApiErrorReportValve extends ErrorReportValve {
    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!isApi(request)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":\"" + (status == 400 ? "bad_request" : "http_" + status) + "\",\"status\":" + status
                        + ",\"message\":\"" + message(status) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over: nothing more to say.
        }
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the server could not read this request: check the URL encoding (%XX), the header lines and the request line";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request is too large";
            case 414 -> "the URL is too long";
            case 431 -> "the request headers are too large";
            case 505 -> "HTTP version not supported";
            default -> "the server could not handle this request";
        };
    }

    static boolean isApi(Request request) {
        MessageBytes raw = request.getCoyoteRequest().requestURI();
        String uri = raw == null ? null : raw.toString();
        if (uri == null || uri.isEmpty()) {
            return true;
        }
        // absolute-form request target: http://host/api/…
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 6) {
            int path = uri.indexOf('/', scheme + 3);
            uri = path < 0 ? "/" : uri.substring(path);
        }
        return uri.startsWith("/api/") || uri.equals("/api") || uri.startsWith("/actuator");
    }
}
