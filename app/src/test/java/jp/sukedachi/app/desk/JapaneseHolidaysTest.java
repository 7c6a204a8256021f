package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every holiday of 2020–2030 as the Cabinet Office lists them (内閣府「国民の祝日について」 syukujitsu.csv: date,
 * name; substitute and citizens' holidays are both named 休日). Dates after 2027 follow the law and the equinox
 * days the National Astronomical Observatory projects; cross-checked once against the npm package
 * {@code @holiday-jp/holiday_jp} 2.5.1.
 */
class JapaneseHolidaysTest {
    static final String CABINET_OFFICE = """
            2020/1/1,元日
            2020/1/13,成人の日
            2020/2/11,建国記念の日
            2020/2/23,天皇誕生日
            2020/2/24,休日
            2020/3/20,春分の日
            2020/4/29,昭和の日
            2020/5/3,憲法記念日
            2020/5/4,みどりの日
            2020/5/5,こどもの日
            2020/5/6,休日
            2020/7/23,海の日
            2020/7/24,スポーツの日
            2020/8/10,山の日
            2020/9/21,敬老の日
            2020/9/22,秋分の日
            2020/11/3,文化の日
            2020/11/23,勤労感謝の日
            2021/1/1,元日
            2021/1/11,成人の日
            2021/2/11,建国記念の日
            2021/2/23,天皇誕生日
            2021/3/20,春分の日
            2021/4/29,昭和の日
            2021/5/3,憲法記念日
            2021/5/4,みどりの日
            2021/5/5,こどもの日
            2021/7/22,海の日
            2021/7/23,スポーツの日
            2021/8/8,山の日
            2021/8/9,休日
            2021/9/20,敬老の日
            2021/9/23,秋分の日
            2021/11/3,文化の日
            2021/11/23,勤労感謝の日
            2022/1/1,元日
            2022/1/10,成人の日
            2022/2/11,建国記念の日
            2022/2/23,天皇誕生日
            2022/3/21,春分の日
            2022/4/29,昭和の日
            2022/5/3,憲法記念日
            2022/5/4,みどりの日
            2022/5/5,こどもの日
            2022/7/18,海の日
            2022/8/11,山の日
            2022/9/19,敬老の日
            2022/9/23,秋分の日
            2022/10/10,スポーツの日
            2022/11/3,文化の日
            2022/11/23,勤労感謝の日
            2023/1/1,元日
            2023/1/2,休日
            2023/1/9,成人の日
            2023/2/11,建国記念の日
            2023/2/23,天皇誕生日
            2023/3/21,春分の日
            2023/4/29,昭和の日
            2023/5/3,憲法記念日
            2023/5/4,みどりの日
            2023/5/5,こどもの日
            2023/7/17,海の日
            2023/8/11,山の日
            2023/9/18,敬老の日
            2023/9/23,秋分の日
            2023/10/9,スポーツの日
            2023/11/3,文化の日
            2023/11/23,勤労感謝の日
            2024/1/1,元日
            2024/1/8,成人の日
            2024/2/11,建国記念の日
            2024/2/12,休日
            2024/2/23,天皇誕生日
            2024/3/20,春分の日
            2024/4/29,昭和の日
            2024/5/3,憲法記念日
            2024/5/4,みどりの日
            2024/5/5,こどもの日
            2024/5/6,休日
            2024/7/15,海の日
            2024/8/11,山の日
            2024/8/12,休日
            2024/9/16,敬老の日
            2024/9/22,秋分の日
            2024/9/23,休日
            2024/10/14,スポーツの日
            2024/11/3,文化の日
            2024/11/4,休日
            2024/11/23,勤労感謝の日
            2025/1/1,元日
            2025/1/13,成人の日
            2025/2/11,建国記念の日
            2025/2/23,天皇誕生日
            2025/2/24,休日
            2025/3/20,春分の日
            2025/4/29,昭和の日
            2025/5/3,憲法記念日
            2025/5/4,みどりの日
            2025/5/5,こどもの日
            2025/5/6,休日
            2025/7/21,海の日
            2025/8/11,山の日
            2025/9/15,敬老の日
            2025/9/23,秋分の日
            2025/10/13,スポーツの日
            2025/11/3,文化の日
            2025/11/23,勤労感謝の日
            2025/11/24,休日
            2026/1/1,元日
            2026/1/12,成人の日
            2026/2/11,建国記念の日
            2026/2/23,天皇誕生日
            2026/3/20,春分の日
            2026/4/29,昭和の日
            2026/5/3,憲法記念日
            2026/5/4,みどりの日
            2026/5/5,こどもの日
            2026/5/6,休日
            2026/7/20,海の日
            2026/8/11,山の日
            2026/9/21,敬老の日
            2026/9/22,休日
            2026/9/23,秋分の日
            2026/10/12,スポーツの日
            2026/11/3,文化の日
            2026/11/23,勤労感謝の日
            2027/1/1,元日
            2027/1/11,成人の日
            2027/2/11,建国記念の日
            2027/2/23,天皇誕生日
            2027/3/21,春分の日
            2027/3/22,休日
            2027/4/29,昭和の日
            2027/5/3,憲法記念日
            2027/5/4,みどりの日
            2027/5/5,こどもの日
            2027/7/19,海の日
            2027/8/11,山の日
            2027/9/20,敬老の日
            2027/9/23,秋分の日
            2027/10/11,スポーツの日
            2027/11/3,文化の日
            2027/11/23,勤労感謝の日
            2028/1/1,元日
            2028/1/10,成人の日
            2028/2/11,建国記念の日
            2028/2/23,天皇誕生日
            2028/3/20,春分の日
            2028/4/29,昭和の日
            2028/5/3,憲法記念日
            2028/5/4,みどりの日
            2028/5/5,こどもの日
            2028/7/17,海の日
            2028/8/11,山の日
            2028/9/18,敬老の日
            2028/9/22,秋分の日
            2028/10/9,スポーツの日
            2028/11/3,文化の日
            2028/11/23,勤労感謝の日
            2029/1/1,元日
            2029/1/8,成人の日
            2029/2/11,建国記念の日
            2029/2/12,休日
            2029/2/23,天皇誕生日
            2029/3/20,春分の日
            2029/4/29,昭和の日
            2029/4/30,休日
            2029/5/3,憲法記念日
            2029/5/4,みどりの日
            2029/5/5,こどもの日
            2029/7/16,海の日
            2029/8/11,山の日
            2029/9/17,敬老の日
            2029/9/23,秋分の日
            2029/9/24,休日
            2029/10/8,スポーツの日
            2029/11/3,文化の日
            2029/11/23,勤労感謝の日
            2030/1/1,元日
            2030/1/14,成人の日
            2030/2/11,建国記念の日
            2030/2/23,天皇誕生日
            2030/3/20,春分の日
            2030/4/29,昭和の日
            2030/5/3,憲法記念日
            2030/5/4,みどりの日
            2030/5/5,こどもの日
            2030/5/6,休日
            2030/7/15,海の日
            2030/8/11,山の日
            2030/8/12,休日
            2030/9/16,敬老の日
            2030/9/23,秋分の日
            2030/10/14,スポーツの日
            2030/11/3,文化の日
            2030/11/4,休日
            2030/11/23,勤労感謝の日
            """;

    static Map<LocalDate, String> cabinetOffice() {
        DateTimeFormatter slashes = DateTimeFormatter.ofPattern("yyyy/M/d");
        Map<LocalDate, String> days = new LinkedHashMap<>();
        CABINET_OFFICE.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] cells = l.split(",");
            days.put(LocalDate.parse(cells[0], slashes), cells[1]);
        });
        return days;
    }

    @Test
    void everyHolidayFrom2020To2030IsTheCabinetOfficesAndNoOther() {
        Map<LocalDate, String> computed = new LinkedHashMap<>();
        for (int year = 2020; year <= 2030; year++) {
            computed.putAll(JapaneseHolidays.of(year));
        }
        assertThat(computed).containsExactlyEntriesOf(cabinetOffice());
    }

    @Test
    void theOlympicYearsMovedMarineSportsAndMountainDay() {
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2020, 7, 20))).isFalse();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2020, 10, 12))).isFalse();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2020, 8, 11))).isFalse();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2021, 10, 11))).isFalse();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2021, 8, 9))).as("substitute for 8/8, a Sunday").isTrue();
    }

    @Test
    void aWorkdayBetweenTwoHolidaysIsACitizensHoliday() {
        assertThat(JapaneseHolidays.of(2026)).containsEntry(LocalDate.of(2026, 9, 22), "休日");
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2032, 9, 21))).isTrue();
    }

    @Test
    void theEquinoxDaysFollowTheAstronomicalFormula() {
        assertThat(JapaneseHolidays.springEquinox(2027)).isEqualTo(21);
        assertThat(JapaneseHolidays.autumnEquinox(2028)).isEqualTo(22);
    }

    @Test
    void yearsOutsideTheRulesRangeHaveNoHolidaysRatherThanWrongOnes() {
        assertThat(JapaneseHolidays.of(2019)).isEmpty();
        assertThat(JapaneseHolidays.of(2100)).isEmpty();
    }
}
