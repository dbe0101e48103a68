package org.ketnoi.workflow;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Vietnam's working days: Monday to Friday, 08:00–12:00 and 13:00–17:00, less the public holidays of
 * the Labour Code (art. 112), Tết and the Hùng Kings' day computed from the lunar calendar, and the
 * compensatory day when a holiday falls on a weekend.
 */
public interface WorkingCalendar {

    boolean isWorkingDay(LocalDate date);

    /**
     * The appointment date of a time limit in working days counted from a receipt: day 1 is the first
     * working day after the day of receipt; 0 days means the same working day (or the next, when
     * received outside working time).
     */
    LocalDate addWorkingDays(LocalDateTime received, int workingDays);

    /** The same for a limit in working hours: the moment it runs out. */
    LocalDateTime addWorkingHours(LocalDateTime received, int workingHours);

    /** Working days strictly after {@code from} up to and including {@code to}; 0 when to ≤ from. */
    int workingDaysBetween(LocalDate from, LocalDate to);

    /** The public holidays of a year, in date order (compensatory days included). */
    List<Holiday> holidays(int year);

    /** @param name Vietnamese and English names, e.g. "Tết Nguyên đán" / "Lunar New Year" */
    record Holiday(LocalDate date, String nameVi, String nameEn, boolean compensatory) {
    }
}
