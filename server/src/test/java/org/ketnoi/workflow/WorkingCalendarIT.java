package org.ketnoi.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The application offers one working-day calendar, Vietnam's, bound to its (empty) default settings. */
@KetnoiIntegrationTest
class WorkingCalendarIT {

    @Autowired
    WorkingCalendar calendar;

    @Test
    void theApplicationCountsVietnamsWorkingDays() {
        // Received Thursday 4 February 2027, before Tết: day 1 is Friday 12 February.
        assertThat(calendar.addWorkingDays(LocalDateTime.parse("2027-02-04T10:00"), 1))
                .isEqualTo(LocalDate.parse("2027-02-12"));
        assertThat(calendar.addWorkingHours(LocalDateTime.parse("2026-03-02T16:00"), 3))
                .isEqualTo(LocalDateTime.parse("2026-03-03T10:00"));
    }
}
