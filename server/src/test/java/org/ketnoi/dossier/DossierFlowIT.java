package org.ketnoi.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.notify.Inbox;
import org.ketnoi.platform.NotFound;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dossier's life on the real stack (PostgreSQL, Flowable, SMTP): submission, the one-stop desk,
 * appraisal, approval, result, rating; supplements, refusals, withdrawal, stale pages, other agencies.
 */
@KetnoiIntegrationTest
class DossierFlowIT {

    private static final String BIRTH = "1.001193";

    @org.springframework.boot.test.web.server.LocalServerPort int port;
    @Autowired Dossiers dossiers;
    @Autowired Queues queues;
    @Autowired DossierList list;
    @Autowired PopulationRegistry registry;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient jdbc;
    @Autowired GreenMail mail;
    @Autowired Inbox inbox;

    private DossierFixtures fixtures;
    private Caller citizen;
    private Caller clerk;
    private Caller specialist;
    private Caller leader;
    private Caller otherClerk;
    // Phường Ba Đình's neighbour communes of Hà Nội: a commune of our own and another one
    private static final String PROVINCE = "01";
    private static final String COMMUNE = "00008";
    private static final String OTHER = "00025";

    @BeforeEach
    void people() {
        fixtures = new DossierFixtures(registry, accounts, passwords);
        citizen = fixtures.citizen(PROVINCE, COMMUNE, "Nguyễn Văn Bình");
        clerk = fixtures.official(PROVINCE, COMMUNE, Roles.ONE_STOP_CLERK, "Cán bộ một cửa");
        specialist = fixtures.official(PROVINCE, COMMUNE, Roles.SPECIALIST, "Chuyên viên tư pháp");
        leader = fixtures.official(PROVINCE, COMMUNE, Roles.LEADER, "Chủ tịch UBND");
        otherClerk = fixtures.official(PROVINCE, OTHER, Roles.ONE_STOP_CLERK, "Cán bộ xã khác");
    }

    private Dossiers.Receipt submit(Caller who, ObjectNode form, UUID key) {
        var file = dossiers.upload(new ByteArrayInputStream(DossierFixtures.pdf()), "giay-chung-sinh.pdf", who);
        return dossiers.submit(new Submission(BIRTH, form, Map.of("birth-notice", List.of(file.sha256())), key,
                java.util.Locale.forLanguageTag("vi")), who);
    }

    @Test
    void aBirthRegistrationGoesFromSubmissionToResultAndRating() throws Exception {
        UUID key = UUID.randomUUID();
        Dossiers.Receipt receipt = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"), key);
        assertThat(receipt.code()).matches("000\\.08\\.XA\\.H01-\\d{6}-\\d{4}");
        assertThat(receipt.status()).isEqualTo(DossierStatus.SUBMITTED);

        // the same submission again: the same dossier, not a second one
        Dossiers.Receipt again = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"), key);
        assertThat(again.code()).isEqualTo(receipt.code());
        assertThat(again.repeated()).isTrue();
        assertThat(jdbc.sql("select count(*) from dossier.dossier where submission_key = ?").param(key)
                .query(Integer.class).single()).isEqualTo(1);

        // the citizen is told by mail and in the inbox
        String address = accounts.byUsername(citizen.username()).orElseThrow().email();
        MimeMessage m = await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(address, receipt.code()), x -> x != null);
        assertThat(GreenMailUtil.getBody(m)).isNotBlank();
        String accountId = accounts.byUsername(citizen.username()).orElseThrow().id().toString();
        assertThat(inbox.messages(accountId, java.util.Locale.forLanguageTag("vi"), 10))
                .anySatisfy(x -> assertThat(x.subject()).contains(receipt.code()));

        // the clerk of the commune sees it; the clerk of another commune does not, and may not act on it
        Queues.Page clerkQueue = queues.queue(clerk, java.util.Set.of(), 0);
        assertThat(clerkQueue.items()).extracting(Queues.Item::code).contains(receipt.code());
        int clerkOpen = clerkQueue.counts().total();
        int leaderOpen = queues.queue(leader, java.util.Set.of(), 0).counts().total();
        assertThat(queues.queue(otherClerk, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .doesNotContain(receipt.code());
        assertThatThrownBy(() -> dossiers.accept(receipt.code(), 0, null, otherClerk))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> dossiers.view(receipt.code(), otherClerk)).isInstanceOf(NotFound.class);
        assertThat(dossiers.view(receipt.code()).dossier().status()).isEqualTo(DossierStatus.SUBMITTED);
        // a specialist cannot receive: the one-stop desk does
        assertThatThrownBy(() -> dossiers.accept(receipt.code(), 0, null, specialist))
                .isInstanceOf(AccessDeniedException.class);

        DossierView accepted = dossiers.accept(receipt.code(), 0, specialist.username(), clerk);
        assertThat(accepted.dossier().status()).isEqualTo(DossierStatus.PROCESSING);
        assertThat(accepted.dossier().assignee()).contains(specialist.username());
        assertThat(accepted.dossier().dueAt()).isPresent();
        // the counts shown a moment ago are not kept past the change
        assertThat(queues.queue(clerk, java.util.Set.of(), 0).counts().total()).isEqualTo(clerkOpen - 1);
        // a page opened before the acceptance is stale now
        assertThatThrownBy(() -> dossiers.refuse(receipt.code(), 0, "Thiếu giấy tờ", clerk))
                .isInstanceOf(DossierRefused.class).hasMessageContaining("changed after this page was opened");
        // the leader cannot approve what the specialist has not appraised
        assertThatThrownBy(() -> dossiers.approve(receipt.code(), accepted.dossier().version(), null, leader))
                .isInstanceOf(DossierRefused.class);

        DossierView appraised = dossiers.appraise(receipt.code(), accepted.dossier().version(), "result",
                "Hồ sơ đầy đủ, đề nghị cấp", specialist);
        assertThat(appraised.dossier().stage()).contains(Stage.APPROVAL);
        Queues.Page leaderQueue = queues.queue(leader, java.util.Set.of(), 0);
        assertThat(leaderQueue.items()).extracting(Queues.Item::code).contains(receipt.code());
        assertThat(leaderQueue.counts().total()).isEqualTo(leaderOpen + 1);

        DossierView done = dossiers.approve(receipt.code(), appraised.dossier().version(), "Đồng ý", leader);
        // birth registration is a full-process online service: the result returns online at once
        assertThat(done.dossier().status()).isEqualTo(DossierStatus.RESULT_RETURNED);
        assertThat(done.timeline()).extracting(e -> e.status().code()).containsExactly(1, 2, 4, 4, 9, 10);
        assertThat(jdbc.sql("select count(*) from act_ru_execution where proc_inst_id_ = ?")
                .param(done.dossier().processInstance()).query(Integer.class).single()).isZero();

        try (var pdf = Loader.loadPDF(dossiers.result(receipt.code(), citizen).readAllBytes())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("Nguyễn Minh Khang")
                    .contains(receipt.code());
        }
        Caller stranger = fixtures.citizen(PROVINCE, COMMUNE, "Trần Văn Lạ");
        assertThatThrownBy(() -> dossiers.result(receipt.code(), stranger)).isInstanceOf(NotFound.class);

        dossiers.rate(receipt.code(), new Rating(5, 4, 5, 5, "Nhanh chóng"), citizen);
        assertThatThrownBy(() -> dossiers.rate(receipt.code(), new Rating(1, 1, 1, 1, null), citizen))
                .isInstanceOf(DossierRefused.class);
        assertThat(jdbc.sql("select overall from dossier.rating r join dossier.dossier d on d.id = r.dossier_id "
                + "where d.code = ?").param(receipt.code()).query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void aSupplementIsAskedOnceAndTheApplicantAnswersIt() {
        Dossiers.Receipt r = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"),
                UUID.randomUUID());
        DossierView asked = dossiers.requestSupplement(r.code(), 0, "Bản chính giấy chứng sinh rõ nét", clerk);
        assertThat(asked.dossier().status()).isEqualTo(DossierStatus.SUPPLEMENT_REQUESTED);
        assertThat(asked.timeline().getLast().note()).isEqualTo("Bản chính giấy chứng sinh rõ nét");
        // another citizen cannot answer it
        Caller stranger = fixtures.citizen(PROVINCE, COMMUNE, "Lê Thị Khác");
        assertThatThrownBy(() -> dossiers.supplement(r.code(), asked.dossier().version(), Map.of(), "x", stranger))
                .isInstanceOf(NotFound.class);
        var file = dossiers.upload(new ByteArrayInputStream(DossierFixtures.pdf()), "bo-sung.pdf", citizen);
        DossierView answered = dossiers.supplement(r.code(), asked.dossier().version(),
                Map.of("birth-notice", List.of(file.sha256())), "Đã bổ sung", citizen);
        assertThat(answered.dossier().status()).isEqualTo(DossierStatus.SUBMITTED);
        assertThat(answered.dossier().stage()).contains(Stage.RECEPTION);
        assertThat(answered.attachments()).anySatisfy(a -> assertThat(a.round()).isEqualTo(1));
        // once: a second request is refused, the dossier is unchanged
        DossierView accepted = dossiers.accept(r.code(), answered.dossier().version(), null, clerk);
        assertThatThrownBy(() -> dossiers.requestSupplement(r.code(), accepted.dossier().version(), "Thêm nữa",
                accepted.dossier().assignee().map(a -> specialist).orElse(specialist)))
                .isInstanceOfAny(DossierRefused.class, AccessDeniedException.class);
        assertThat(dossiers.view(r.code()).dossier().version()).isEqualTo(accepted.dossier().version());
    }

    @Test
    void badFormsAndForeignFilesChangeNothing() {
        int before = count();
        ObjectNode form = DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình");
        ((ObjectNode) form.get("child")).remove("fullName");
        ((ObjectNode) form.get("child")).put("birthDate", "01/11/2026");
        assertThatThrownBy(() -> submit(citizen, form, UUID.randomUUID())).isInstanceOfSatisfying(FormRefused.class,
                e -> assertThat(e.problems()).extracting(ProcedureCatalogueProblem::field)
                        .contains("fullName", "birthDate"));
        // no birth notice attached
        assertThatThrownBy(() -> dossiers.submit(new Submission(BIRTH, DossierFixtures.birthForm(citizen, COMMUNE,
                "Nguyễn Văn Bình"), Map.of(), UUID.randomUUID(), null), citizen))
                .isInstanceOfSatisfying(FormRefused.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.code()).isEqualTo("attachment.required")));
        // a file another person uploaded
        Caller other = fixtures.citizen(PROVINCE, COMMUNE, "Phạm Thị Người Khác");
        var theirs = dossiers.upload(new ByteArrayInputStream(DossierFixtures.pdf()), "cua-nguoi-khac.pdf", other);
        assertThatThrownBy(() -> dossiers.submit(new Submission(BIRTH, DossierFixtures.birthForm(citizen, COMMUNE,
                "Nguyễn Văn Bình"), Map.of("birth-notice", List.of(theirs.sha256())), UUID.randomUUID(), null), citizen))
                .isInstanceOf(FormRefused.class);
        // someone else's ID number as the applicant
        ObjectNode impostor = DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình");
        ((ObjectNode) impostor.get("applicant")).put("idNumber", other.username());
        assertThatThrownBy(() -> submit(citizen, impostor, UUID.randomUUID())).isInstanceOf(FormRefused.class);
        // an official does not submit
        assertThatThrownBy(() -> submit(clerk, DossierFixtures.birthForm(citizen, COMMUNE, "x"), UUID.randomUUID()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theApplicantWithdrawsAndTheProcessEnds() {
        Dossiers.Receipt r = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"),
                UUID.randomUUID());
        DossierView withdrawn = dossiers.withdraw(r.code(), 0, "Nộp nhầm", citizen);
        assertThat(withdrawn.dossier().status()).isEqualTo(DossierStatus.WITHDRAWN);
        assertThat(jdbc.sql("select count(*) from act_ru_execution where proc_inst_id_ = ?")
                .param(withdrawn.dossier().processInstance()).query(Integer.class).single()).isZero();
        assertThatThrownBy(() -> dossiers.accept(r.code(), withdrawn.dossier().version(), null, clerk))
                .isInstanceOf(DossierRefused.class);
        assertThatThrownBy(() -> dossiers.withdraw(r.code(), withdrawn.dossier().version(), "lại", citizen))
                .isInstanceOf(DossierRefused.class);
    }

    @Test
    void theRefusedDossierEndsWithStatusThreeAndItsReasons() {
        Dossiers.Receipt r = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"),
                UUID.randomUUID());
        assertThatThrownBy(() -> dossiers.refuse(r.code(), 0, " ", clerk)).isInstanceOf(
                org.ketnoi.platform.InvalidInput.class);
        DossierView refused = dossiers.refuse(r.code(), 0, "Trẻ đã được đăng ký khai sinh tại nơi khác", clerk);
        assertThat(refused.dossier().status()).isEqualTo(DossierStatus.REFUSED);
        assertThat(refused.timeline().getLast().note()).contains("nơi khác");
        assertThat(queues.queue(clerk, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .doesNotContain(r.code());
    }

    @Test
    void thePublicLookupShowsTheStatusForTheRightDigitsOnlyAndPausesGuessing() {
        Dossiers.Receipt r = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"),
                UUID.randomUUID());
        String tail = citizen.username().substring(8);
        DossierList.TrackResult found = list.track(r.code(), tail);
        assertThat(found.outcome()).isEqualTo(DossierList.Lookup.FOUND);
        assertThat(found.dossier().orElseThrow()).extracting(DossierList.Tracked::code,
                DossierList.Tracked::procedureCode, DossierList.Tracked::status)
                .containsExactly(r.code(), "1.001193", DossierStatus.SUBMITTED);
        assertThat(found.dossier().orElseThrow().steps()).extracting(DossierList.Step::status)
                .containsExactly(DossierStatus.SUBMITTED);
        String wrong = tail.equals("0000") ? "1111" : "0000";
        for (int i = 0; i < DossierList.MAX_FAILURES; i++) {
            assertThat(list.track(r.code(), wrong).outcome()).isEqualTo(DossierList.Lookup.NO_MATCH);
        }
        // now even the right digits wait: guessing 10,000 combinations is not possible
        assertThat(list.track(r.code(), tail).outcome()).isEqualTo(DossierList.Lookup.PAUSED);
        assertThat(list.track("000.00.XA.H01-000000-0000", tail).outcome()).isEqualTo(DossierList.Lookup.NO_MATCH);
    }

    @Test
    void theLookupPageIsReusedUntilTheDossierChanges() throws Exception {
        Dossiers.Receipt r = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"),
                UUID.randomUUID());
        String path = "/track?code=" + r.code() + "&digits=" + citizen.username().substring(8);
        java.net.http.HttpResponse<String> first = page(path);
        java.net.http.HttpResponse<String> second = page(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("miss");
        assertThat(second.headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body()).contains("1 · ").doesNotContain("2 · ");

        dossiers.accept(r.code(), 0, specialist.username(), clerk);
        java.net.http.HttpResponse<String> after = page(path);
        assertThat(after.headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("miss");
        assertThat(after.body()).contains("2 · ");
        // a wrong second factor is never answered from memory, and shows nothing of the dossier
        java.net.http.HttpResponse<String> wrong = page("/track?code=" + r.code() + "&digits=xxxx");
        assertThat(wrong.headers().firstValue("X-Ketnoi-Page-Cache")).isEmpty();
        assertThat(wrong.body()).doesNotContain("2 · ");
    }

    private java.net.http.HttpResponse<String> page(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJudicialRecordIsPaidForThenPassesFromTheDepartmentOfJusticeToThePolice() {
        org.ketnoi.agency.AgencyId justice = org.ketnoi.agency.AgencyId.provincialDepartment(PROVINCE, "03");
        org.ketnoi.agency.AgencyId police = org.ketnoi.agency.AgencyId.parse("000.00.00.G03");
        Caller desk = fixtures.official(justice, Roles.ONE_STOP_CLERK, "Một cửa Sở Tư pháp");
        Caller justiceSpecialist = fixtures.official(justice, Roles.SPECIALIST, "Chuyên viên lý lịch tư pháp");
        Caller justiceLeader = fixtures.official(justice, Roles.LEADER, "Giám đốc Sở Tư pháp");
        Caller policeSpecialist = fixtures.official(police, Roles.SPECIALIST, "Cán bộ hồ sơ nghiệp vụ");
        Caller policeLeader = fixtures.official(police, Roles.LEADER, "Lãnh đạo Cục");
        ObjectNode form = new tools.jackson.databind.ObjectMapper().createObjectNode();
        form.set("applicant", DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình").get("applicant"));
        form.put("certificateType", "1");
        form.put("sex", "male");
        form.put("placeOfBirth", "Hà Nội");
        form.put("nationality", "Việt Nam");
        form.put("ethnicity", "Kinh");
        form.putObject("family").put("fatherName", "Nguyễn Văn Cha").put("motherName", "Trần Thị Mẹ");
        form.put("residenceHistory", "Từ 2003 đến nay: 12 Phố Thử nghiệm, Phường Ngọc Hà, Hà Nội");
        form.put("purpose", "Bổ sung hồ sơ xin việc");
        form.put("copies", 1);
        Dossiers.Receipt r = dossiers.submit(new Submission("2.000488", form, Map.of(), UUID.randomUUID(), null),
                citizen);
        assertThat(r.agency()).isEqualTo(justice.value());

        DossierView accepted = dossiers.accept(r.code(), 0, justiceSpecialist.username(), desk);
        assertThat(accepted.dossier().status()).isEqualTo(DossierStatus.PAYMENT_REQUESTED);
        assertThat(accepted.dossier().fee()).isEqualTo(200_000);
        assertThatThrownBy(() -> dossiers.appraise(r.code(), accepted.dossier().version(), "result", null,
                justiceSpecialist)).isInstanceOf(DossierRefused.class);
        DossierView paid = dossiers.recordPayment(r.code(), accepted.dossier().version(), "BL-2026-000123", desk);
        assertThat(paid.dossier().status()).isEqualTo(DossierStatus.PROCESSING);
        assertThat(paid.dossier().paidAt()).isPresent();

        DossierView proposed = dossiers.appraise(r.code(), paid.dossier().version(), "result", "Đủ điều kiện",
                justiceSpecialist);
        // the police see nothing until the Department has approved
        assertThat(queues.queue(policeSpecialist, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .doesNotContain(r.code());
        DossierView transferred = dossiers.approve(r.code(), proposed.dossier().version(), null, justiceLeader);
        assertThat(transferred.dossier().stage()).contains(Stage.SECOND_APPRAISAL);
        assertThat(transferred.dossier().agency()).isEqualTo(police.value());
        assertThat(transferred.timeline()).extracting(TimelineEntry::action).contains("transferred");
        // the first agency's officials no longer act on it; the second agency's do
        assertThatThrownBy(() -> dossiers.appraise(r.code(), transferred.dossier().version(), "result", null,
                justiceSpecialist)).isInstanceOf(AccessDeniedException.class);
        assertThat(queues.queue(policeSpecialist, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .contains(r.code());
        assertThat(queues.queue(justiceSpecialist, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .doesNotContain(r.code());
        DossierView checked = dossiers.appraise(r.code(), transferred.dossier().version(), "result",
                "Không có án tích", policeSpecialist);
        assertThat(queues.queue(justiceLeader, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .doesNotContain(r.code());
        assertThat(queues.queue(policeLeader, java.util.Set.of(), 0).items()).extracting(Queues.Item::code)
                .contains(r.code());
        DossierView done = dossiers.approve(r.code(), checked.dossier().version(), null, policeLeader);
        assertThat(done.dossier().status()).isEqualTo(DossierStatus.RESULT_RETURNED);
        assertThat(done.dossier().agency()).isEqualTo(justice.value());
        assertThat(done.timeline()).extracting(e -> e.status().code()).containsExactly(1, 2, 6, 4, 4, 4, 4, 4, 9, 10);
    }

    @Autowired DeadlineWarnings warnings;

    @Test
    void theSpecialistIsWarnedOnceBeforeTheAppointmentAndAgainForAnApologysNewDate() {
        Dossiers.Receipt r = submit(citizen, DossierFixtures.birthForm(citizen, COMMUNE, "Nguyễn Văn Bình"),
                UUID.randomUUID());
        DossierView accepted = dossiers.accept(r.code(), 0, specialist.username(), clerk);
        String inboxOf = accounts.byUsername(specialist.username()).orElseThrow().id().toString();
        jdbc.sql("update dossier.dossier set due_at = now() + interval '1 hour' where code = ?").param(r.code()).update();
        warnings.warn();
        warnings.warn();
        assertThat(inbox.messages(inboxOf, java.util.Locale.forLanguageTag("vi"), 10))
                .filteredOn(m -> m.subject().contains(r.code())).hasSize(1);
        // late now (two days past): the apology's new date, today at 17:00 and so nearly due, is warned of again
        jdbc.sql("update dossier.dossier set due_at = now() - interval '2 days' where code = ?").param(r.code()).update();
        dossiers.apologise(r.code(), accepted.dossier().version(), java.time.LocalDate.now(Dossiers.VIETNAM),
                "Xin lỗi vì chậm trễ", specialist);
        warnings.warn();
        assertThat(inbox.messages(inboxOf, java.util.Locale.forLanguageTag("vi"), 10))
                .filteredOn(m -> m.subject().contains(r.code())).hasSize(2);
    }

    private int count() {
        return jdbc.sql("select count(*) from dossier.dossier").query(Integer.class).single();
    }

    private MimeMessage mailTo(String address, String code) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address) && m.getSubject() != null
                    && GreenMailUtil.getBody(m).replace("=\r\n", "").contains(code.substring(code.length() - 4))) {
                return m;
            }
        }
        return null;
    }

    /** The problem's field, for AssertJ's extracting. */
    private interface ProcedureCatalogueProblem {
        static String field(org.ketnoi.catalogue.ProcedureCatalogue.FormProblem p) {
            return p.field();
        }
    }
}
