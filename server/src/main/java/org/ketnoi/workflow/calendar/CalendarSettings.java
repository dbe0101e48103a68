package org.ketnoi.workflow.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the Labour Code leaves to each year's decisions, and office hours, under {@code ketnoi.calendar}.
 * <p>Every year the government announces how Tết and National Day are taken: extra days off (often a bridge
 * day between a holiday and a weekend) and Saturdays worked in exchange. Operators copy those decisions here,
 * for example in application.yml (the dates only show the form):
 * <pre>
 * ketnoi:
 *   calendar:
 *     # days off beyond the Labour Code, as ISO dates (yyyy-MM-dd)
 *     extra-holidays: [2030-02-01]
 *     # days worked although they would be off (a swapped Saturday, or a statutory day the year's decision
 *     # moves, e.g. National Day's second day taken on 3 September: list 09-01 here and 09-03 above)
 *     extra-working-days: [2030-02-16]
 *     # office hours (the defaults)
 *     morning-start: "08:00"
 *     morning-end: "12:00"
 *     afternoon-start: "13:00"
 *     afternoon-end: "17:00"
 * </pre>
 * An extra working day wins over every other rule. Both lists are empty by default.
 *
 * @param extraHolidays days off beyond the Labour Code
 * @param extraWorkingDays days worked although they are weekend days or holidays
 * @param morningStart office opening, 08:00 by default
 * @param morningEnd start of the lunch break, 12:00 by default
 * @param afternoonStart end of the lunch break, 13:00 by default (equal to {@code morningEnd} for no break)
 * @param afternoonEnd office closing, 17:00 by default
 */
@ConfigurationProperties("ketnoi.calendar")
public record CalendarSettings(List<LocalDate> extraHolidays, List<LocalDate> extraWorkingDays,
        LocalTime morningStart, LocalTime morningEnd, LocalTime afternoonStart, LocalTime afternoonEnd) {

    public CalendarSettings {
        extraHolidays = extraHolidays == null ? List.of() : List.copyOf(extraHolidays);
        extraWorkingDays = extraWorkingDays == null ? List.of() : List.copyOf(extraWorkingDays);
        morningStart = morningStart == null ? LocalTime.of(8, 0) : morningStart;
        morningEnd = morningEnd == null ? LocalTime.of(12, 0) : morningEnd;
        afternoonStart = afternoonStart == null ? LocalTime.of(13, 0) : afternoonStart;
        afternoonEnd = afternoonEnd == null ? LocalTime.of(17, 0) : afternoonEnd;
        if (!morningStart.isBefore(morningEnd) || afternoonStart.isBefore(morningEnd)
                || !afternoonStart.isBefore(afternoonEnd)) {
            throw new IllegalArgumentException("ketnoi.calendar: office hours must run morning-start < morning-end ≤ "
                    + "afternoon-start < afternoon-end, not " + morningStart + "–" + morningEnd + " and "
                    + afternoonStart + "–" + afternoonEnd);
        }
        Set<LocalDate> both = new HashSet<>(extraHolidays);
        both.retainAll(Set.copyOf(extraWorkingDays));
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("ketnoi.calendar: " + both.stream().sorted().toList()
                    + " cannot be both an extra holiday and an extra working day");
        }
    }

    /** No extra days, office hours 08:00–12:00 and 13:00–17:00. */
    public static CalendarSettings defaults() {
        return new CalendarSettings(null, null, null, null, null, null);
    }
}
