package org.ketnoi.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.workflow.calendar.CalendarSettings;
import org.ketnoi.workflow.calendar.VietnamWorkingCalendar;
import tools.jackson.databind.ObjectMapper;

/**
 * A dossier received just before Tết 2027 (lunar new year on Saturday 6 February): its timeline
 * carries the national status codes, and its appointment date skips the five Tết days and the two
 * compensatory days; the days it waited for the applicant's supplement are added back.
 */
class TetTimelineTest {

    private final Deadlines deadlines = new Deadlines(new VietnamWorkingCalendar(CalendarSettings.defaults()));
    private final Dossier.Actor citizen = new Dossier.Actor("001085000001", "Nguyễn Văn Bình", null);
    private final Dossier.Actor clerk = new Dossier.Actor("motcua", "Cán bộ một cửa", "000.04.XA.H01");
    private final Dossier.Actor specialist = new Dossier.Actor("chuyenvien", "Chuyên viên", "000.04.XA.H01");
    private final Dossier.Actor leader = new Dossier.Actor("lanhdao", "Lãnh đạo", "000.04.XA.H01");

    private static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Dossiers.VIETNAM).toInstant();
    }

    @Test
    void theAppointmentSkipsTetAndTheSupplementTimeAndTheTimelineShowsTheNationalCodes() {
        Dossier d = Dossier.submitted(UUID.randomUUID(), "000.04.XA.H01-270204-0001", "1.004873", 1, citizen,
                "0001", "vi", "000.04.XA.H01", null, new ObjectMapper().createObjectNode(), 15_000,
                vn("2027-02-04T08:30:00"), "pi-1");

        // Thursday 4 February, before Tết: 5 working days. Friday 5 (the last day of the lunar year),
        // Monday 8 and Tuesday 9 are Tết; Wednesday 10 and Thursday 11 make up for Tết's Saturday and
        // Sunday. Day 1 is Friday 12, day 5 Thursday 18.
        Instant received = vn("2027-02-04T09:00:00");
        Instant due = deadlines.appointment(received, new Procedure.ProcessingTime(5, Procedure.TimeUnit.WORKING_DAYS));
        assertThat(due).isEqualTo(vn("2027-02-18T17:00:00"));
        d.accept(clerk, received, due, "chuyenvien");
        d.moveTo(Optional.of(Stage.PAYMENT), DossierStatus.RESULT_RETURNED, received, clerk);
        d.recordPayment(clerk, vn("2027-02-04T09:30:00"), "BL-0001");
        d.moveTo(Optional.of(Stage.APPRAISAL), DossierStatus.RESULT_RETURNED, vn("2027-02-04T09:30:00"), clerk);

        // The specialist asks for a paper on Friday 12; the applicant brings it on Wednesday 17.
        // The clock stood still on Monday 15, Tuesday 16 and Wednesday 17: three working days more.
        d.requestSupplement(specialist, vn("2027-02-12T10:00:00"), "Bản sao giấy khai sinh");
        d.moveTo(Optional.of(Stage.SUPPLEMENT), DossierStatus.RESULT_RETURNED, vn("2027-02-12T10:00:00"), specialist);
        assertThat(d.isLate(vn("2027-02-19T08:00:00"))).as("not late while waiting for the applicant").isFalse();
        Instant newDue = deadlines.extended(due, d.pausedAt().orElseThrow(), vn("2027-02-17T15:00:00"));
        assertThat(newDue).isEqualTo(vn("2027-02-23T17:00:00"));
        d.supplied(citizen, vn("2027-02-17T15:00:00"), newDue, "Đã bổ sung");
        d.moveTo(Optional.of(Stage.APPRAISAL), DossierStatus.RESULT_RETURNED, vn("2027-02-17T15:00:00"), citizen);

        d.propose(specialist, vn("2027-02-22T09:00:00"), "result", "Đủ điều kiện");
        d.moveTo(Optional.of(Stage.APPROVAL), DossierStatus.RESULT_RETURNED, vn("2027-02-22T09:00:00"), specialist);
        // A late dossier waits for its apology letter: on Wednesday 24 it is late.
        assertThat(d.isLate(vn("2027-02-24T08:00:00"))).isTrue();
        assertThatThrownBy(() -> d.approve(leader, vn("2027-02-24T08:00:00"), null))
                .isInstanceOf(DossierRefused.class).hasMessageContaining("apology");
        d.apologise(leader, vn("2027-02-24T08:05:00"), vn("2027-02-25T17:00:00"), "Xin lỗi ông vì sự chậm trễ");
        d.approve(leader, vn("2027-02-24T08:10:00"), "Đồng ý");
        d.moveTo(Optional.of(Stage.RETURN_RESULT), DossierStatus.RESULT_RETURNED, vn("2027-02-24T08:10:00"), leader);
        d.returnResult(clerk, vn("2027-02-24T10:00:00"));
        d.moveTo(Optional.empty(), DossierStatus.RESULT_RETURNED, vn("2027-02-24T10:00:00"), clerk);

        assertThat(d.newEntries()).extracting(TimelineEntry::action).containsExactly("submitted", "accepted",
                "payment-requested", "paid", "supplement-requested", "supplemented", "proposed-result", "apologised",
                "approved", "result-returned");
        assertThat(d.newEntries()).extracting(e -> e.status().code()).containsExactly(1, 2, 6, 4, 5, 4, 4, 4, 9, 10);
        assertThat(d.effectiveDue()).isEqualTo(vn("2027-02-25T17:00:00"));
        assertThat(d.status()).isEqualTo(DossierStatus.RESULT_RETURNED);
    }
}
