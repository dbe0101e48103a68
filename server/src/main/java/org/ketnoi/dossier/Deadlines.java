package org.ketnoi.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.workflow.WorkingCalendar;

/**
 * Appointment dates in working days (Decree 61/2018 counts statutory times so), in Vietnam's time:
 * a limit in days runs to the end of office hours (17:00) of its last day; the days a supplement
 * request stopped the clock are added back.
 */
record Deadlines(WorkingCalendar calendar) {

    static final LocalTime CLOSING = LocalTime.of(17, 0);

    /** The appointment of a statutory time counted from a receipt. */
    Instant appointment(Instant received, Procedure.ProcessingTime time) {
        LocalDateTime local = LocalDateTime.ofInstant(received, Dossiers.VIETNAM);
        if (time.unit() == Procedure.TimeUnit.WORKING_HOURS) {
            return calendar.addWorkingHours(local, time.amount()).atZone(Dossiers.VIETNAM).toInstant();
        }
        return calendar.addWorkingDays(local, time.amount()).atTime(CLOSING).atZone(Dossiers.VIETNAM).toInstant();
    }

    /** The due date moved on by the working days between the supplement request and the answer. */
    Instant extended(Instant due, Instant paused, Instant resumed) {
        int days = calendar.workingDaysBetween(LocalDate.ofInstant(paused, Dossiers.VIETNAM),
                LocalDate.ofInstant(resumed, Dossiers.VIETNAM));
        if (days == 0) {
            return due;
        }
        LocalDateTime d = LocalDateTime.ofInstant(due, Dossiers.VIETNAM);
        return calendar.addWorkingDays(d, days).atTime(d.toLocalTime()).atZone(Dossiers.VIETNAM).toInstant();
    }
}
