package jp.sukedachi.app.report.letter;

import java.time.Instant;
import java.time.LocalDate;
import jp.sukedachi.app.shared.Formats;

/**
 * The period a letter covers: whole Japan days from {@code from} to {@code to} (inclusive). It is the last
 * {@code months} whole months, starting later when the company's first device was registered later.
 */
record LetterPeriod(int months, LocalDate from, LocalDate to, boolean shortened) {
    Instant start() {
        return from.atStartOfDay(Formats.TOKYO).toInstant();
    }

    Instant end() {
        return to.plusDays(1).atStartOfDay(Formats.TOKYO).toInstant();
    }
}
