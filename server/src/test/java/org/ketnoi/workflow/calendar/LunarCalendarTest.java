package org.ketnoi.workflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketnoi.workflow.calendar.LunarCalendar.LunarDate;

class LunarCalendarTest {

    @ParameterizedTest(name = "Tết {0} is {1}")
    @CsvSource({
        "1900, 1900-01-31",
        // North Vietnam, already on UTC+7, kept Tết Mậu Thân a day before the South and China.
        "1968, 1968-01-29",
        // UTC+7 puts the new moon of late 1984 on another day than UTC+8: a month earlier than China (02-20).
        "1985, 1985-01-21",
        // China: 2007-02-18.
        "2007, 2007-02-17",
        "2020, 2020-01-25",
        "2021, 2021-02-12",
        "2022, 2022-02-01",
        "2023, 2023-01-22",
        "2024, 2024-02-10",
        "2025, 2025-01-29",
        "2026, 2026-02-17",
        "2027, 2027-02-06",
    })
    void tetIsTheFirstDayOfTheLunarYear(int year, LocalDate tet) {
        assertThat(LunarCalendar.newYear(year)).isEqualTo(tet);
        assertThat(LunarCalendar.toSolar(year, 1, 1, false)).isEqualTo(tet);
        assertThat(LunarCalendar.toLunar(tet)).isEqualTo(new LunarDate(year, 1, 1, false));
        LunarDate eve = LunarCalendar.toLunar(tet.minusDays(1));
        assertThat(eve.year()).isEqualTo(year - 1);
        assertThat(eve.month()).isEqualTo(12);
        assertThat(eve.day()).isIn(29, 30);
        assertThat(LunarCalendar.lastDayOfYear(year - 1)).isEqualTo(tet.minusDays(1));
    }

    @ParameterizedTest(name = "lunar 10/3/{0} is {1}")
    @CsvSource({"2023, 2023-04-29", "2024, 2024-04-18", "2025, 2025-04-07", "2026, 2026-04-26"})
    void hungKingsDay(int year, LocalDate date) {
        assertThat(LunarCalendar.toSolar(year, 3, 10, false)).isEqualTo(date);
        assertThat(LunarCalendar.toLunar(date)).isEqualTo(new LunarDate(year, 3, 10, false));
    }

    @ParameterizedTest(name = "{0} repeats month {1} from {2}")
    @CsvSource({
        "2020, 4, 2020-05-23",
        "2023, 2, 2023-03-22",
        "2025, 6, 2025-07-25",
        // A leap 11th month, which the Chinese calendar also has in 2033.
        "2033, 11, 2033-12-22",
    })
    void leapMonths(int year, int month, LocalDate start) {
        assertThat(LunarCalendar.leapMonth(year)).isEqualTo(month);
        assertThat(LunarCalendar.toSolar(year, month, 1, true)).isEqualTo(start);
        assertThat(LunarCalendar.toLunar(start)).isEqualTo(new LunarDate(year, month, 1, true));
        // The leap month follows the ordinary month of the same number directly.
        LocalDate ordinaryStart = LunarCalendar.toSolar(year, month, 1, false);
        assertThat(ordinaryStart.plusDays(LunarCalendar.monthLength(year, month, false))).isEqualTo(start);
        assertThat(LunarCalendar.toLunar(start.minusDays(1)))
                .isEqualTo(new LunarDate(year, month, LunarCalendar.monthLength(year, month, false), false));
    }

    @Test
    void yearsWithoutLeapMonth() {
        assertThat(LunarCalendar.leapMonth(2021)).isZero();
        assertThat(LunarCalendar.leapMonth(2024)).isZero();
        assertThat(LunarCalendar.leapMonth(2026)).isZero();
        assertThatThrownBy(() -> LunarCalendar.toSolar(2024, 2, 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no leap month 2");
    }

    @Test
    void midAutumnFestivals() {
        assertThat(LunarCalendar.toLunar(LocalDate.of(2023, 9, 29))).isEqualTo(new LunarDate(2023, 8, 15, false));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2024, 9, 17))).isEqualTo(new LunarDate(2024, 8, 15, false));
        assertThat(LunarCalendar.toSolar(2025, 8, 15, false)).isEqualTo(LocalDate.of(2025, 10, 6));
    }

    @Test
    void lastDaysOfLunarYears() {
        assertThat(LunarCalendar.lastDayOfYear(2024)).isEqualTo(LocalDate.of(2025, 1, 28));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2025, 1, 28))).isEqualTo(new LunarDate(2024, 12, 29, false));
        assertThat(LunarCalendar.lastDayOfYear(2023)).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2024, 2, 9))).isEqualTo(new LunarDate(2023, 12, 30, false));
        assertThat(LunarCalendar.lastDayOfYear(2026)).isEqualTo(LocalDate.of(2027, 2, 5));
        assertThat(LunarCalendar.monthLength(2026, 12, false)).isEqualTo(29);
    }

    /** Every day of 1900–2199 converts both ways, and the days run on without gaps or jumps. */
    @Test
    void daysRunOnConsistentlyFrom1900To2199() {
        LunarDate previous = LunarCalendar.toLunar(LocalDate.of(1899, 12, 31));
        int leapYears = 0;
        for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() < 2200; d = d.plusDays(1)) {
            LunarDate lunar = LunarCalendar.toLunar(d);
            assertThat(LunarCalendar.toSolar(lunar.year(), lunar.month(), lunar.day(), lunar.leapMonth()))
                    .as("round trip of %s", d).isEqualTo(d);
            if (lunar.day() == 1) {
                assertThat(previous.day()).as("length of the month before %s", d).isIn(29, 30);
                if (lunar.leapMonth()) {
                    assertThat(lunar.month()).isEqualTo(previous.month());
                    assertThat(previous.leapMonth()).isFalse();
                } else {
                    assertThat(lunar.month()).isEqualTo(previous.month() % 12 + 1);
                }
                assertThat(lunar.year()).isEqualTo(lunar.month() == 1 && !lunar.leapMonth()
                        ? previous.year() + 1 : previous.year());
            } else {
                assertThat(lunar).isEqualTo(new LunarDate(previous.year(), previous.month(), previous.day() + 1,
                        previous.leapMonth()));
            }
            if (lunar.month() == 1 && lunar.day() == 1 && !lunar.leapMonth()) {
                // Tết falls between the winter solstice and the spring equinox, within 21 January–20 February.
                assertThat(d).isBetween(LocalDate.of(d.getYear(), 1, 21), LocalDate.of(d.getYear(), 2, 20));
                long length = ChronoUnit.DAYS.between(d, LunarCalendar.newYear(d.getYear() + 1));
                boolean leap = LunarCalendar.leapMonth(d.getYear()) != 0;
                leapYears += leap ? 1 : 0;
                assertThat(length).as("length of lunar year %d", d.getYear()).isBetween(leap ? 383L : 353L,
                        leap ? 385L : 355L);
            }
            previous = lunar;
        }
        // Seven leap months in nineteen years (the Metonic cycle): 300 years have about 110.
        assertThat(leapYears).isBetween(108, 113);
    }

    @Test
    void badLunarDatesAreRefused() {
        assertThatThrownBy(() -> LunarCalendar.toSolar(2024, 13, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 12");
        assertThatThrownBy(() -> LunarCalendar.toSolar(2024, 12, 30, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 29 days");
        assertThatThrownBy(() -> LunarCalendar.toSolar(2024, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LunarCalendar.toSolar(2300, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1800–2299");
        assertThatThrownBy(() -> LunarCalendar.toLunar(LocalDate.of(1799, 12, 31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1800–2299");
    }

    @Test
    void astronomyMatchesPublishedMoments() {
        // Meeus, Astronomical Algorithms, example 49.a: the new moon of February 1977.
        assertThat(Astronomy.newMoon(-283)).isCloseTo(2443192.65118, org.assertj.core.data.Offset.offset(0.00002));
        // Example 25.b: the sun's apparent longitude on 1992-10-13.0 TT is 199°54'21.8" (to about 1").
        assertThat(Astronomy.apparentSolarLongitude(2448908.5))
                .isCloseTo(199 + 54 / 60.0 + 21.818 / 3600, org.assertj.core.data.Offset.offset(0.0005));
        // The December solstice of 2024 was at 09:20 UTC, the new moon of January 2024 at 11:57 UTC.
        assertThat(utc(LunarCalendar.solarTermMoment(2024, 270)))
                .isBetween(LocalDateTime.of(2024, 12, 21, 9, 19), LocalDateTime.of(2024, 12, 21, 9, 22));
        long k = Math.round((LocalDate.of(2024, 1, 11).toEpochDay() + 2440588 - 2451550.1) / 29.530588861);
        assertThat(utc(Astronomy.universalTime(Astronomy.newMoon(k))))
                .isBetween(LocalDateTime.of(2024, 1, 11, 11, 56), LocalDateTime.of(2024, 1, 11, 11, 59));
    }

    private static LocalDateTime utc(double julianDay) {
        return LocalDateTime.ofEpochSecond(Math.round((julianDay - 2440587.5) * 86400), 0, ZoneOffset.UTC);
    }
}
