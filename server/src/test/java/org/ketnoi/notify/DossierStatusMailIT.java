package org.ketnoi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The mail a citizen receives when a dossier changes status, over real SMTP, in both languages. */
@KetnoiIntegrationTest
class DossierStatusMailIT {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final String CODE = "000.04.XA.H01-260205-0007";
    private static final String LINK = "https://ketnoi.example.vn/dossiers/" + CODE;

    @Autowired
    Mailer mailer;

    @Autowired
    GreenMail smtp;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aStatusChangeReadsAsAnOfficialNoticeInVietnamese() throws Exception {
        String ngoc = address("ngoc");
        send(new Email(ngoc, "dossier-status", model("Nguyễn Thị Hồng Ngọc", "3", "Đã tiếp nhận",
                "Hồ sơ đã đầy đủ, hợp lệ và được tiếp nhận tại Bộ phận Một cửa.", "12/02/2026")));

        MimeMessage mail = awaitMail(ngoc);
        assertThat(mail.getSubject()).isEqualTo("Hồ sơ " + CODE + ": Đã tiếp nhận – Ketnoi");
        assertThat(mail.getHeader("Content-Language")).containsExactly("vi");
        String body = text(mail);
        assertThat(body).startsWith("Kính gửi Nguyễn Thị Hồng Ngọc,")
                .contains("hồ sơ của Quý vị đã được cập nhật trạng thái")
                .contains("    Mã hồ sơ:        " + CODE)
                .contains("    Thủ tục:         Đăng ký khai sinh")
                .contains("    Trạng thái mới:  Đã tiếp nhận (mã trạng thái 3)")
                .contains("    Ngày hẹn trả kết quả:  12/02/2026")
                .contains("Nội dung từ cơ quan giải quyết:\n\n    Hồ sơ đã đầy đủ, hợp lệ và được tiếp nhận tại Bộ phận Một cửa.")
                .contains("\n    " + LINK + "\n")
                .contains("Trân trọng,\nKetnoi — Cổng dịch vụ công")
                .doesNotContain("[(").doesNotContain("[#").doesNotContain("[/]");
    }

    @Test
    void withoutANoteOrAnAppointmentTheirLinesAreLeftOutInEnglishToo() throws Exception {
        String david = address("david");
        String lan = address("lan");
        send(new Email(david, "dossier-status", Email.ENGLISH, model("David Trần", "10", "Đã trả kết quả", "", "")));
        send(new Email(lan, "dossier-status", model("Phạm Thị Lan", "10", "Đã trả kết quả", null, null)));

        MimeMessage en = awaitMail(david);
        assertThat(en.getSubject()).isEqualTo("Dossier " + CODE + ": Đã trả kết quả – Ketnoi");
        assertThat(en.getHeader("Content-Language")).containsExactly("en");
        String body = text(en);
        assertThat(body).startsWith("Dear David Trần,")
                .contains("    Dossier code:  " + CODE)
                .contains("    New status:    Đã trả kết quả (status code 10)")
                .contains("\n    " + LINK + "\n")
                .doesNotContain("Date the result is due").doesNotContain("From the agency")
                .doesNotContain("\n\n\n").doesNotContain("[");

        String vi = text(awaitMail(lan));
        assertThat(vi).doesNotContain("Ngày hẹn").doesNotContain("Nội dung từ cơ quan").doesNotContain("\n\n\n")
                .contains("    Trạng thái mới:  Đã trả kết quả (mã trạng thái 10)\n\nQuý vị có thể xem chi tiết");
    }

    /** The plain-text body as written: SMTP carries it with CRLF line ends. */
    private static String text(MimeMessage mail) throws Exception {
        return ((String) mail.getContent()).replace("\r\n", "\n");
    }

    private static Map<String, Object> model(String fullName, String statusCode, String statusName, String note,
            String appointmentDate) {
        Map<String, Object> model = new HashMap<>();
        model.put("fullName", fullName);
        model.put("code", CODE);
        model.put("procedureName", "Đăng ký khai sinh");
        model.put("statusCode", statusCode);
        model.put("statusName", statusName);
        model.put("note", note);
        model.put("appointmentDate", appointmentDate);
        model.put("link", LINK);
        return model;
    }

    private void send(Email email) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> mailer.send(email));
    }

    private static String address(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
    }

    private MimeMessage awaitMail(String to) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20)).until(() -> !mailsTo(to).isEmpty());
        List<MimeMessage> mails = mailsTo(to);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    private List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equals(to));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
