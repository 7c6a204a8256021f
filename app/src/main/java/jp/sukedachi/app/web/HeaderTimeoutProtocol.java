package jp.sukedachi.app.web;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.InputBuffer;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 with a deadline for the request line and headers as a whole. Tomcat's connection timeout
 * restarts with every byte read, so a client that sends its headers one byte at a time (slowloris) would
 * hold a connection for as long as it likes. A sweeper looks at the open connections and closes one that
 * is still in its request line or headers {@link #setHeaderTimeoutMillis header-timeout} after it was
 * first seen there (within one sweep period, at most a second).
 */
public class HeaderTimeoutProtocol extends Http11NioProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderTimeoutProtocol.class);
    private static final Field PARSING_HEADER = parsingHeaderField();
    private final Map<SocketWrapperBase<?>, Long> inHeadersSince = new ConcurrentHashMap<>();
    private volatile long headerTimeoutMillis = 10_000;
    private ScheduledExecutorService sweeper;

    public long getHeaderTimeoutMillis() {
        return headerTimeoutMillis;
    }

    public void setHeaderTimeoutMillis(long headerTimeoutMillis) {
        this.headerTimeoutMillis = headerTimeoutMillis;
    }

    @Override
    public void start() throws Exception {
        super.start();
        if (headerTimeoutMillis <= 0) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-header-deadline");
            t.setDaemon(true);
            return t;
        });
        long period = Math.clamp(headerTimeoutMillis / 4, 100, 1000);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        super.stop();
    }

    /** Tomcat keeps "still reading the request line and headers" in a private flag of its input buffer. */
    private static boolean inHeaders(InputBuffer buffer) {
        if (!(buffer instanceof Http11InputBuffer) || PARSING_HEADER == null) {
            return false;
        }
        try {
            return PARSING_HEADER.getBoolean(buffer);
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static Field parsingHeaderField() {
        try {
            Field field = Http11InputBuffer.class.getDeclaredField("parsingHeader");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("this Tomcat has no Http11InputBuffer.parsingHeader: the header deadline is off, only "
                    + "server.tomcat.connection-timeout applies", e);
            return null;
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            long limit = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis);
            var open = getEndpoint().getConnections();
            inHeadersSince.keySet().retainAll(open);
            for (SocketWrapperBase<?> connection : open) {
                // A processor stays attached between reads only while a request has begun and is incomplete.
                if (connection.getCurrentProcessor() instanceof AbstractProcessor processor
                        && inHeaders(processor.getRequest().getInputBuffer())) {
                    if (now - inHeadersSince.computeIfAbsent(connection, c -> now) > limit) {
                        inHeadersSince.remove(connection);
                        connection.close();
                    }
                } else {
                    inHeadersSince.remove(connection);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("header deadline sweep failed", e);
        }
    }
}
