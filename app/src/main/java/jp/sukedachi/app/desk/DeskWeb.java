package jp.sukedachi.app.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.multipart.MultipartFile;

/** What the desk's pages and API share: reading choices and times from input, files in and out, role checks. */
final class DeskWeb {
    private DeskWeb() {
    }

    /** A named choice, any case; blank is null; otherwise 400 naming the field and the choices. */
    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "desk.error.choice", null, field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()), value.length() > 40 ? value.substring(0, 40) : value);
        }
    }

    /** An ISO-8601 instant or offset time (the API); blank is null. */
    static Instant isoInstant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "desk.error.time", null, field + " must be an ISO-8601 time such as"
                    + " 2026-05-01T16:00:00+09:00");
        }
    }

    /** A date and time typed on a page ({@code datetime-local}), in Japan time; blank is null. */
    static Instant localJapanTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(Formats.TOKYO).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "desk.error.time", null, field + " must be a date and time");
        }
    }

    /** The form's value for a {@code datetime-local} field showing the instant in Japan time. */
    static String localJapanText(Instant at) {
        return LocalDateTime.ofInstant(at, Formats.TOKYO).withSecond(0).withNano(0).toString();
    }

    static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? null : file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored file as a download: never shown inline, never sniffed into something else. */
    static ResponseEntity<byte[]> download(TicketRepository.AttachmentContent file) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(file.content());
    }

    static void requireStaff(Actor actor) {
        if (!Tickets.isStaff(actor)) {
            throw new AccessDeniedException("the desk is for provider staff");
        }
    }

    static void requireCompany(Actor actor) {
        if (actor.tenantId() == null) {
            throw new AccessDeniedException("this page is for the company's own users");
        }
    }
}
