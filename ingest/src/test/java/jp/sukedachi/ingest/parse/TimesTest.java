package jp.sukedachi.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The parsers' one time helper, checked against java.time's strict calendar. */
class TimesTest {

    @Test
    void dayOfMonthIsCheckedAndLeapYearsAreRight() {
        assertThat(Times.parseIso("2023-02-29T00:00:00Z")).isEqualTo(Times.INVALID);
        assertThat(Times.parseIso("2024-04-31T12:00:00Z")).isEqualTo(Times.INVALID);
        assertThat(Times.parseIso("1900-02-29T12:00:00Z")).isEqualTo(Times.INVALID);
        assertThat(Times.parseIso("2024-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli());
        assertThat(Times.parseIso("2000-02-29T00:00:00Z")).isEqualTo(Instant.parse("2000-02-29T00:00:00Z").toEpochMilli());
        assertThat(Times.epochMillis(2023, 2, 29, 0, 0, 0, 0)).isEqualTo(Times.INVALID);
        assertThat(Times.epochMillis(2024, 4, 31, 0, 0, 0, 0)).isEqualTo(Times.INVALID);
        assertThat(Times.epochMillis(2024, 2, 29, 0, 0, 0, 0)).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
    }

    /** Day numbers 0..32 of every month in common, leap, century (2100) and 400-year (2000, 2400) years. */
    @Test
    void everyDateAgreesWithJavaTime() {
        for (int year : new int[] {1970, 1999, 2000, 2023, 2024, 2025, 2100, 2400}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 0; day <= 32; day++) {
                    String iso = "%04d-%02d-%02dT10:20:30.456+09:00".formatted(year, month, day);
                    long expected;
                    try {
                        expected = LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(10, 20, 30, 456_000_000))
                                .toInstant(ZoneOffset.ofHours(9)).toEpochMilli();
                    } catch (DateTimeException e) {
                        expected = Times.INVALID;
                    }
                    assertThat(Times.parseIso(iso)).as(iso).isEqualTo(expected);
                    assertThat(Times.epochMillis(year, month, day, 1, 20, 30, 456)).as(iso).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void isoFormsTheSourcesWrite() {
        long t = Instant.parse("2016-07-13T22:42:07.573Z").toEpochMilli();
        assertThat(Times.parseIso("2016-07-13T22:42:07.573103+0000")).isEqualTo(t); // Suricata
        assertThat(Times.parseIso("2016-07-13T22:42:07.5731034Z")).isEqualTo(t); // Wazuh, 7 fraction digits
        assertThat(Times.parseIso("2016-07-14T07:42:07.573+09:00")).isEqualTo(t);
        assertThat(Times.parseIso("2016-07-14T07:42:07.573+09")).isEqualTo(t);
        assertThat(Times.parseIso("2016-07-13 22:42:07,573")).isEqualTo(t); // no zone: UTC
        assertThat(Times.parseIso("2016/07/13t22:42:07.573z")).isEqualTo(t);
        assertThat(Times.parseIso("2016-07-13T22:42:07")).isEqualTo(t - 573);
    }

    @Test
    void whatIsNotATimeIsInvalid() {
        for (String bad : new String[] {"", "2016-07-13", "2016-07-13T22:42", "2016-07-13T22:42:07.", "2016-07-13T22:42:07Zx",
                "2016-07-13T22:42:07+0", "2016-07-13T22:42:07+19:00", "2016-07-13T22:42:07+09:60", "2016-13-01T00:00:00Z",
                "2016-07-13T24:00:00Z", "2016-07-13T23:60:00Z", "1969-12-31T23:59:59Z", "2016-07-13X22:42:07Z", "abcd-07-13T22:42:07Z"}) {
            assertThat(Times.parseIso(bad)).as(bad).isEqualTo(Times.INVALID);
        }
        assertThat(Times.parseIso(null)).isEqualTo(Times.INVALID);
    }

    @Test
    void scanningInsideALineTellsWhereTheTimestampEnds() {
        int[] end = new int[1];
        String line = "<34>1 2024-02-29T09:00:00.5+09:00 host app - - - msg";
        assertThat(Times.scanIso(line, 6, end)).isEqualTo(Instant.parse("2024-02-29T00:00:00.500Z").toEpochMilli());
        assertThat(line.charAt(end[0])).isEqualTo(' ');
        assertThat(line.substring(6, end[0])).isEqualTo("2024-02-29T09:00:00.5+09:00");

        // A timestamp's shape with an impossible day: its end is known, its value is not.
        assertThat(Times.scanIso("2023-02-29 09:00:00 host", 0, end)).isEqualTo(Times.INVALID);
        assertThat(end[0]).isEqualTo(19);
        // No timestamp at all.
        assertThat(Times.scanIso("Feb 29 09:00:00 host", 0, end)).isEqualTo(Times.INVALID);
        assertThat(end[0]).isZero();
    }

    @Test
    void offsetsEpochNumbersAndDurations() {
        assertThat(Times.offsetMillis("+0900")).isEqualTo(9 * 3_600_000L);
        assertThat(Times.offsetMillis("-07:30")).isEqualTo(-(7 * 3_600_000L + 30 * 60_000L));
        assertThat(Times.offsetMillis("+8")).isEqualTo(8 * 3_600_000L);
        assertThat(Times.offsetMillis("+19")).isEqualTo(Times.INVALID);
        assertThat(Times.offsetMillis("JST")).isEqualTo(Times.INVALID);

        assertThat(Times.epochAnyUnit(1_700_000_000L, 10)).isEqualTo(1_700_000_000_000L);
        assertThat(Times.epochAnyUnit(1_700_000_000_123L, 13)).isEqualTo(1_700_000_000_123L);
        assertThat(Times.epochAnyUnit(1_700_000_000_123_456L, 16)).isEqualTo(1_700_000_000_123L);
        assertThat(Times.epochAnyUnit(1_700_000_000_123_456_789L, 19)).isEqualTo(1_700_000_000_123L);
        assertThat(Times.epochAnyUnit(-1, 4)).isEqualTo(Times.INVALID);

        assertThat(Times.parseEpochSeconds("1521911721.789543")).isEqualTo(1_521_911_721_789L);
        assertThat(Times.parseEpochSeconds("1.521911721789543E9")).isEqualTo(1_521_911_721_789L);
        assertThat(Times.parseEpochSeconds("15219x")).isEqualTo(Times.INVALID);
        assertThat(Times.secondsToNanos("0.000123")).isEqualTo(123_000L);
        assertThat(Times.secondsToNanos("2.5s")).isEqualTo(-1);
    }

    @Test
    void yearsAndMonthNames() {
        assertThat(Times.year(Instant.parse("2024-12-31T23:59:59.999Z").toEpochMilli())).isEqualTo(2024);
        assertThat(Times.year(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli())).isEqualTo(2025);
        assertThat(Times.year(Instant.parse("2000-02-29T00:00:00Z").toEpochMilli())).isEqualTo(2000);
        String months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
        for (int m = 1; m <= 12; m++) {
            assertThat(Times.month(months, (m - 1) * 4)).isEqualTo(m);
        }
        assertThat(Times.month("DEC", 0)).isEqualTo(12);
        assertThat(Times.month("Foo", 0)).isZero();
        assertThat(Times.month("Ja", 0)).isZero();
    }
}
