package org.ketnoi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail over real SMTP: the shared context runs in demo mode on a free port, and the demo server
 * (the {@link GreenMail} bean) is the mailbox these tests read. Each test writes to addresses of
 * its own, so mails of other tests do not matter.
 */
@KetnoiIntegrationTest
class MailIT {

    private static final Duration DELIVERY = Duration.ofSeconds(15);

    @Autowired
    Mailer mailer;

    @Autowired
    GreenMail smtp;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @LocalServerPort
    int port;

    @Test
    void deliversVietnameseAndEnglishMailsOverSmtpInUtf8() throws Exception {
        String nhung = address("nhung");
        String david = address("david");
        inTransaction(() -> {
            mailer.send(new Email(nhung, "email-confirmation",
                    Map.of("name", "Nguyễn Thị Hồng Nhung", "code", "482913", "minutes", 15)));
            mailer.send(new Email(david, "password-reset", Email.ENGLISH,
                    Map.of("name", "David Trần", "link", "https://ketnoi.example.vn/reset?t=Q1w2", "minutes", 30)));
        });

        MimeMessage vi = awaitMail(nhung);
        assertThat(vi.getSubject()).isEqualTo("Mã xác nhận địa chỉ thư điện tử – Ketnoi");
        assertThat(recipients(vi)).containsExactly(nhung);
        assertThat(((InternetAddress) vi.getFrom()[0]).getPersonal()).isEqualTo("Ketnoi – Cổng dịch vụ công");
        assertThat(vi.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(vi.getHeader("Content-Language")).containsExactly("vi");
        String viBody = (String) vi.getContent();
        assertThat(viBody).contains("Kính gửi Nguyễn Thị Hồng Nhung,").contains("482913")
                .contains("Mã có hiệu lực trong 15 phút").contains("Ketnoi — Cổng dịch vụ công");

        MimeMessage en = awaitMail(david);
        assertThat(en.getSubject()).isEqualTo("Reset your account password – Ketnoi");
        assertThat(recipients(en)).containsExactly(david);
        assertThat(en.getHeader("Content-Language")).containsExactly("en");
        assertThat((String) en.getContent()).contains("Dear David Trần,")
                .contains("https://ketnoi.example.vn/reset?t=Q1w2").contains("valid for 30 minutes");

        assertThat(jdbc.sql("select count(*) from notify.outbox where recipient in (?, ?) and sent_at is not null "
                + "and attempts = 1").params(nhung, david).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aMailSentInATransactionThatRollsBackNeverLeaves() {
        String ghost = address("ghost");
        String marker = address("marker");
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            mailer.send(code(ghost));
            tx.setRollbackOnly();
        });
        // Mails leave in the order they were committed: once the later one arrived, the first would have.
        inTransaction(() -> mailer.send(code(marker)));
        awaitMail(marker);
        assertThat(mailsTo(ghost)).isEmpty();
        assertThat(jdbc.sql("select count(*) from notify.outbox where recipient = ?").param(ghost)
                .query(Long.class).single()).isZero();
    }

    @Test
    void refusesToSendOutsideATransaction() {
        assertThatThrownBy(() -> mailer.send(code(address("alone"))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aMailTheServerDidNotTakeIsTriedAgainAndDelivered() {
        String patient = address("patient");
        smtp.stop();
        try {
            inTransaction(() -> mailer.send(code(patient)));
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                    "select attempts from notify.outbox where recipient = ? and last_error is not null "
                            + "and sent_at is null and failed_at is null").param(patient).query(Integer.class)
                    .optional().orElse(0) >= 1);
        } finally {
            smtp.start();
        }
        awaitMail(patient);
        Map<String, Object> row = jdbc.sql("select attempts, sent_at, failed_at, last_error from notify.outbox "
                + "where recipient = ?").param(patient).query().singleRow();
        assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("failed_at")).isNull();
        assertThat((String) row.get("last_error")).as("what went wrong is kept").isNotBlank();
    }

    @Test
    void aMailIsGivenUpAfterTheLastAttempt() {
        String lost = address("lost");
        String marker = address("after");
        smtp.stop();
        try {
            inTransaction(() -> {
                mailer.send(code(lost));
                // as if it had failed nine times already: the next failure is the tenth and last
                jdbc.sql("update notify.outbox set attempts = 9 where recipient = ?").param(lost).update();
            });
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                    "select count(*) from notify.outbox where recipient = ? and failed_at is not null")
                    .param(lost).query(Long.class).single() == 1);
        } finally {
            smtp.start();
        }
        inTransaction(() -> mailer.send(code(marker)));
        awaitMail(marker);
        assertThat(mailsTo(lost)).isEmpty();
        Map<String, Object> row = jdbc.sql("select attempts, sent_at, last_error from notify.outbox where recipient = ?")
                .param(lost).query().singleRow();
        assertThat(row.get("attempts")).isEqualTo(10);
        assertThat(row.get("sent_at")).isNull();
        assertThat((String) row.get("last_error")).isNotBlank();
    }

    @Test
    void theDemoMailboxListsTheMailsNewestFirstInEitherLanguage() throws Exception {
        String an = address("an");
        inTransaction(() -> mailer.send(new Email(an, "email-confirmation",
                Map.of("name", "Nguyễn Văn An", "code", "100001", "minutes", 10))));
        awaitMail(an);
        inTransaction(() -> mailer.send(new Email(an, "email-confirmation",
                Map.of("name", "Nguyễn Văn An", "code", "200002", "minutes", 10))));
        await().atMost(DELIVERY).until(() -> mailsTo(an).size() == 2);

        HttpResponse<String> page = get("/demo/mailbox?to=" + URLEncoder.encode(an, StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Hộp thư demo").contains("2 thư")
                .contains("Mã xác nhận địa chỉ thư điện tử – Ketnoi").contains(an)
                .contains("Kính gửi Nguyễn Văn An,")
                .containsSubsequence("200002", "100001");

        HttpResponse<String> english = get("/demo/mailbox?lang=en&to=" + URLEncoder.encode(an, StandardCharsets.UTF_8));
        assertThat(english.body()).contains("Demo mailbox").contains("2 mails").contains("Kính gửi Nguyễn Văn An,");

        HttpResponse<String> nobody = get("/demo/mailbox?to=" + URLEncoder.encode(address("nobody"),
                StandardCharsets.UTF_8));
        assertThat(nobody.body()).contains("Chưa có thư nào gửi đến").doesNotContain(an);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> work.run());
    }

    private static Email code(String to) {
        return new Email(to, "email-confirmation", Map.of("name", "Lê Thị Bình", "code", "135790", "minutes", 15));
    }

    private static String address(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
    }

    private MimeMessage awaitMail(String to) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20)).until(() -> !mailsTo(to).isEmpty());
        List<MimeMessage> mails = mailsTo(to);
        assertThat(mails).as("one mail to %s", to).hasSize(1);
        return mails.getFirst();
    }

    private List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipients(m).contains(to)).toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(a -> ((InternetAddress) a).getAddress()).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
