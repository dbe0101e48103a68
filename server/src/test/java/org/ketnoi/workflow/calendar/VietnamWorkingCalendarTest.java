package org.ketnoi.workflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ketnoi.workflow.WorkingCalendar.Holiday;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

class VietnamWorkingCalendarTest {

    private final VietnamWorkingCalendar calendar = new VietnamWorkingCalendar(CalendarSettings.defaults());

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static LocalDateTime at(String iso) {
        return LocalDateTime.parse(iso);
    }

    @Test
    void holidaysOf2026WithTheHungKingsDayOnASunday() {
        assertThat(calendar.holidays(2026)).extracting(Holiday::date, Holiday::compensatory).containsExactly(
                tuple(date("2026-01-01"), false),
                tuple(date("2026-02-16"), false), // last day of the lunar year (Monday)
                tuple(date("2026-02-17"), false), tuple(date("2026-02-18"), false),
                tuple(date("2026-02-19"), false), tuple(date("2026-02-20"), false),
                tuple(date("2026-04-26"), false), // lunar 10/3, a Sunday
                tuple(date("2026-04-27"), true),  // so Monday is given in compensation
                tuple(date("2026-04-30"), false), tuple(date("2026-05-01"), false),
                tuple(date("2026-09-01"), false), tuple(date("2026-09-02"), false));
        Holiday compensatory = calendar.holidays(2026).get(7);
        assertThat(compensatory.nameVi()).isEqualTo("Nghỉ bù Giỗ Tổ Hùng Vương");
        assertThat(compensatory.nameEn()).isEqualTo("Compensatory day off for Hùng Kings' Commemoration Day");
        assertThat(calendar.holidays(2026).get(2).nameVi()).startsWith("Tết Nguyên đán");
        assertThat(calendar.holidays(2026).get(2).nameEn()).startsWith("Lunar New Year");
        assertThat(calendar.isWorkingDay(date("2026-04-27"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2026-04-28"))).isTrue();
    }

    @Test
    void tet2027OnAWeekendPushesTheCompensatoryDaysPastTheOtherTetDays() {
        // Tết 2027: Friday 5 (lunar year's last day), Saturday 6, Sunday 7, Monday 8, Tuesday 9 February.
        List<Holiday> february = calendar.holidays(2027).stream()
                .filter(h -> h.date().getMonthValue() == 2).toList();
        assertThat(february).extracting(Holiday::date, Holiday::compensatory).containsExactly(
                tuple(date("2027-02-05"), false), tuple(date("2027-02-06"), false), tuple(date("2027-02-07"), false),
                tuple(date("2027-02-08"), false), tuple(date("2027-02-09"), false),
                tuple(date("2027-02-10"), true), tuple(date("2027-02-11"), true));
        assertThat(february.get(5).nameVi()).isEqualTo("Nghỉ bù Tết Nguyên đán");
        // 1 May 2027 is a Saturday: Monday 3 May off.
        assertThat(calendar.holidays(2027)).extracting(Holiday::date)
                .contains(date("2027-05-03")).doesNotContain(date("2027-05-02"));
    }

    @Test
    void compensatoryDaysSkipOtherHolidays() {
        // 2023: 1 January a Sunday; Tết from Saturday 21 to Wednesday 25 January; Hùng Kings' day Saturday
        // 29 April, then Sunday 30 April and Monday 1 May; 2 September a Saturday.
        assertThat(calendar.holidays(2023)).filteredOn(Holiday::compensatory).extracting(Holiday::date)
                .containsExactly(date("2023-01-02"), date("2023-01-26"), date("2023-01-27"), date("2023-05-02"),
                        date("2023-05-03"), date("2023-09-04"));
        assertThat(calendar.isWorkingDay(date("2023-05-03"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2023-05-04"))).isTrue();
    }

    /** Over three centuries: one compensatory weekday for each holiday on a weekend, never on another day off. */
    @Test
    void everyWeekendHolidayGetsExactlyOneCompensatoryWeekday() {
        for (int year = 1900; year < 2200; year++) {
            List<Holiday> holidays = calendar.holidays(year);
            assertThat(holidays).isSortedAccordingTo(Comparator.comparing(Holiday::date));
            int y = year;
            assertThat(holidays).extracting(Holiday::date).doesNotHaveDuplicates().allMatch(d -> d.getYear() == y);
            List<Holiday> statutory = holidays.stream().filter(h -> !h.compensatory()).toList();
            List<Holiday> compensatory = holidays.stream().filter(Holiday::compensatory).toList();
            long onWeekends = statutory.stream().filter(h -> h.date().getDayOfWeek().getValue() >= 6).count();
            assertThat(compensatory).as("compensatory days of %d", year).hasSize((int) onWeekends)
                    .allMatch(h -> h.date().getDayOfWeek().getValue() <= 5);
            assertThat(statutory.size()).as("holidays of %d", year).isIn(11, 10); // 10 when 10/3 is 30/4 (1947)
        }
    }

    @Test
    void theYearCacheAnswersTheSameList() {
        assertThat(calendar.holidays(2030)).isSameAs(calendar.holidays(2030));
        assertThatThrownBy(() -> calendar.holidays(2030).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void addWorkingDaysAcrossTet2027() {
        // Received Thursday 4 February 2027; the next working day is Friday 12 February.
        assertThat(calendar.addWorkingDays(at("2027-02-04T10:00"), 1)).isEqualTo(date("2027-02-12"));
        assertThat(calendar.addWorkingDays(at("2027-02-04T10:00"), 2)).isEqualTo(date("2027-02-15"));
        assertThat(calendar.addWorkingDays(at("2027-02-04T10:00"), 5)).isEqualTo(date("2027-02-18"));
        assertThat(calendar.addWorkingDays(at("2027-02-04T10:00"), 0)).isEqualTo(date("2027-02-04"));
        // Received during Tết.
        assertThat(calendar.addWorkingDays(at("2027-02-08T09:00"), 0)).isEqualTo(date("2027-02-12"));
        assertThat(calendar.addWorkingDays(at("2027-02-08T09:00"), 1)).isEqualTo(date("2027-02-12"));
    }

    @Test
    void addWorkingDaysAcrossReunificationAndLabourDay() {
        // 2026: Thursday 30 April and Friday 1 May, then the weekend.
        assertThat(calendar.addWorkingDays(at("2026-04-29T09:00"), 1)).isEqualTo(date("2026-05-04"));
        assertThat(calendar.addWorkingDays(at("2026-04-29T09:00"), 3)).isEqualTo(date("2026-05-06"));
        // 2026 also has Monday 27 April off for the Hùng Kings' day: 15 working days from Friday 24 April.
        assertThat(calendar.addWorkingDays(at("2026-04-24T09:00"), 15)).isEqualTo(date("2026-05-20"));
    }

    @Test
    void sameDayAndAfterHours() {
        // Monday 2 March 2026.
        assertThat(calendar.addWorkingDays(at("2026-03-02T09:00"), 0)).isEqualTo(date("2026-03-02"));
        assertThat(calendar.addWorkingDays(at("2026-03-02T16:59"), 0)).isEqualTo(date("2026-03-02"));
        assertThat(calendar.addWorkingDays(at("2026-03-02T17:00"), 0)).isEqualTo(date("2026-03-03"));
        assertThat(calendar.addWorkingDays(at("2026-03-02T07:00"), 1)).isEqualTo(date("2026-03-03"));
        assertThat(calendar.addWorkingDays(at("2026-03-02T20:00"), 1)).isEqualTo(date("2026-03-03"));
        // Received on Friday evening or on Saturday: day 1 is Monday, and so is day 0.
        assertThat(calendar.addWorkingDays(at("2026-03-06T18:00"), 0)).isEqualTo(date("2026-03-09"));
        assertThat(calendar.addWorkingDays(at("2026-03-06T18:00"), 1)).isEqualTo(date("2026-03-09"));
        assertThat(calendar.addWorkingDays(at("2026-03-07T10:00"), 0)).isEqualTo(date("2026-03-09"));
        assertThat(calendar.addWorkingDays(at("2026-03-07T10:00"), 1)).isEqualTo(date("2026-03-09"));
        assertThat(calendar.addWorkingDays(at("2026-03-07T10:00"), 2)).isEqualTo(date("2026-03-10"));
        assertThatThrownBy(() -> calendar.addWorkingDays(at("2026-03-02T09:00"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingHoursSkipLunchNightsWeekendsAndHolidays() {
        // Monday 2 March 2026: 1½ hours before lunch, 2½ after.
        assertThat(calendar.addWorkingHours(at("2026-03-02T10:30"), 4)).isEqualTo(at("2026-03-02T15:30"));
        assertThat(calendar.addWorkingHours(at("2026-03-02T08:00"), 4)).isEqualTo(at("2026-03-02T12:00"));
        assertThat(calendar.addWorkingHours(at("2026-03-02T08:00"), 8)).isEqualTo(at("2026-03-02T17:00"));
        // Received at lunch: the count starts at 13:00.
        assertThat(calendar.addWorkingHours(at("2026-03-02T12:30"), 1)).isEqualTo(at("2026-03-02T14:00"));
        // Overnight.
        assertThat(calendar.addWorkingHours(at("2026-03-02T16:00"), 3)).isEqualTo(at("2026-03-03T10:00"));
        assertThat(calendar.addWorkingHours(at("2026-03-02T16:15:30"), 1)).isEqualTo(at("2026-03-03T08:15:30"));
        // Friday afternoon over the weekend.
        assertThat(calendar.addWorkingHours(at("2026-03-06T15:00"), 8)).isEqualTo(at("2026-03-09T15:00"));
        assertThat(calendar.addWorkingHours(at("2026-03-07T11:00"), 0)).isEqualTo(at("2026-03-09T08:00"));
        assertThat(calendar.addWorkingHours(at("2026-03-08T23:00"), 2)).isEqualTo(at("2026-03-09T10:00"));
        // Before opening and after closing.
        assertThat(calendar.addWorkingHours(at("2026-03-03T06:00"), 24)).isEqualTo(at("2026-03-05T17:00"));
        assertThat(calendar.addWorkingHours(at("2026-03-03T17:00"), 1)).isEqualTo(at("2026-03-04T09:00"));
        // Over Tết 2027: one hour on Thursday 4 February, the next on Friday 12 February.
        assertThat(calendar.addWorkingHours(at("2027-02-04T16:00"), 2)).isEqualTo(at("2027-02-12T09:00"));
        assertThatThrownBy(() -> calendar.addWorkingHours(at("2026-03-02T09:00"), -2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysBetween() {
        assertThat(calendar.workingDaysBetween(date("2026-03-02"), date("2026-03-09"))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(date("2026-03-06"), date("2026-03-09"))).isEqualTo(1);
        assertThat(calendar.workingDaysBetween(date("2026-03-06"), date("2026-03-08"))).isZero();
        assertThat(calendar.workingDaysBetween(date("2027-02-04"), date("2027-02-12"))).isEqualTo(1);
        assertThat(calendar.workingDaysBetween(date("2027-02-01"), date("2027-02-28"))).isEqualTo(14);
        assertThat(calendar.workingDaysBetween(date("2026-03-09"), date("2026-03-09"))).isZero();
        assertThat(calendar.workingDaysBetween(date("2026-03-09"), date("2026-03-02"))).isZero();
        // It is the inverse of addWorkingDays.
        LocalDateTime received = at("2026-12-28T10:00");
        assertThat(calendar.workingDaysBetween(received.toLocalDate(), calendar.addWorkingDays(received, 40)))
                .isEqualTo(40);
    }

    @Test
    void configuredDaysOffAndSaturdaysWorked() {
        // As a year's decision might read: National Day's second day on Thursday 3 September instead of
        // Tuesday 1 September, and a bridge Friday 4 September paid back on Saturday 12 September.
        CalendarSettings settings = new CalendarSettings(List.of(date("2026-09-03"), date("2026-09-04")),
                List.of(date("2026-09-01"), date("2026-09-12")), null, null, null, null);
        VietnamWorkingCalendar configured = new VietnamWorkingCalendar(settings);

        assertThat(configured.isWorkingDay(date("2026-09-01"))).isTrue();
        assertThat(configured.isWorkingDay(date("2026-09-03"))).isFalse();
        assertThat(configured.isWorkingDay(date("2026-09-04"))).isFalse();
        assertThat(configured.isWorkingDay(date("2026-09-12"))).isTrue();
        assertThat(configured.isWorkingDay(date("2026-09-13"))).isFalse();
        assertThat(configured.holidays(2026)).extracting(Holiday::date)
                .contains(date("2026-09-02"), date("2026-09-03"), date("2026-09-04"))
                .doesNotContain(date("2026-09-01"));
        assertThat(configured.holidays(2026)).filteredOn(h -> h.date().equals(date("2026-09-04"))).singleElement()
                .satisfies(h -> {
                    assertThat(h.nameVi()).isEqualTo("Ngày nghỉ theo quyết định của Chính phủ");
                    assertThat(h.nameEn()).isEqualTo("Day off by government decision");
                    assertThat(h.compensatory()).isFalse();
                });
        // Received Monday 31 August: day 1 is 1 September (worked), day 2 is Monday 7, day 7 is Saturday 12.
        assertThat(configured.addWorkingDays(at("2026-08-31T09:00"), 1)).isEqualTo(date("2026-09-01"));
        assertThat(configured.addWorkingDays(at("2026-08-31T09:00"), 2)).isEqualTo(date("2026-09-07"));
        assertThat(configured.addWorkingDays(at("2026-08-31T09:00"), 6)).isEqualTo(date("2026-09-11"));
        assertThat(configured.addWorkingDays(at("2026-08-31T09:00"), 7)).isEqualTo(date("2026-09-12"));
        assertThat(configured.addWorkingHours(at("2026-09-11T16:00"), 2)).isEqualTo(at("2026-09-12T09:00"));
        // The default calendar is unchanged.
        assertThat(calendar.addWorkingDays(at("2026-08-31T09:00"), 1)).isEqualTo(date("2026-09-03"));
    }

    @Test
    void configuredOfficeHours() {
        CalendarSettings settings = new CalendarSettings(null, null, LocalTime.of(7, 30), LocalTime.of(11, 30),
                LocalTime.of(13, 30), LocalTime.of(16, 30));
        VietnamWorkingCalendar configured = new VietnamWorkingCalendar(settings);
        assertThat(configured.addWorkingHours(at("2026-03-02T06:00"), 5)).isEqualTo(at("2026-03-02T14:30"));
        assertThat(configured.addWorkingHours(at("2026-03-02T16:00"), 1)).isEqualTo(at("2026-03-03T08:00"));
        assertThat(configured.addWorkingDays(at("2026-03-02T16:45"), 0)).isEqualTo(date("2026-03-03"));
    }

    @Test
    void settingsAreBoundFromIsoTextAndCheckedWhenBound() {
        Map<String, String> properties = Map.of(
                "ketnoi.calendar.extra-holidays", "2026-09-03,2026-09-04",
                "ketnoi.calendar.extra-working-days[0]", "2026-09-12",
                "ketnoi.calendar.morning-start", "07:30");
        CalendarSettings bound = binder(properties).bindOrCreate("ketnoi.calendar", CalendarSettings.class);
        assertThat(bound.extraHolidays()).containsExactly(date("2026-09-03"), date("2026-09-04"));
        assertThat(bound.extraWorkingDays()).containsExactly(date("2026-09-12"));
        assertThat(bound.morningStart()).isEqualTo(LocalTime.of(7, 30));
        assertThat(bound.afternoonEnd()).isEqualTo(LocalTime.of(17, 0));

        CalendarSettings empty = binder(Map.of()).bindOrCreate("ketnoi.calendar", CalendarSettings.class);
        assertThat(empty).isEqualTo(CalendarSettings.defaults());
        assertThat(empty.extraHolidays()).isEmpty();

        assertThatThrownBy(() -> binder(Map.of("ketnoi.calendar.extra-holidays", "2026-09-31"))
                .bindOrCreate("ketnoi.calendar", CalendarSettings.class)).hasStackTraceContaining("2026-09-31");
    }

    @Test
    void contradictorySettingsAreRefused() {
        assertThatThrownBy(() -> new CalendarSettings(List.of(date("2026-09-03")), List.of(date("2026-09-03")), null,
                null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2026-09-03] cannot be both");
        assertThatThrownBy(() -> new CalendarSettings(null, null, LocalTime.of(12, 0), LocalTime.of(8, 0), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("office hours");
        assertThatThrownBy(() -> new CalendarSettings(null, null, null, LocalTime.of(14, 0), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("office hours");
    }

    @Test
    void yearsOutsideTheComputedRangeAreRefused() {
        assertThatThrownBy(() -> calendar.isWorkingDay(date("2300-01-02")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1800–2299");
    }

    @Test
    void weekendsAreNeverWorkingDaysUnlessConfigured() {
        Set<DayOfWeek> workingDaysOfWeek = date("2026-03-02").datesUntil(date("2026-03-30"))
                .filter(calendar::isWorkingDay).map(LocalDate::getDayOfWeek).collect(Collectors.toSet());
        assertThat(workingDaysOfWeek).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).hasSize(5);
    }

    private static Binder binder(Map<String, String> properties) {
        return new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
                ApplicationConversionService.getSharedInstance());
    }
}
