package org.ketnoi.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ketnoi.notify.Email;

class MailTemplatesTest {

    private static final Path SOURCES = Path.of("src/main/resources", MailTemplates.LOCATION);
    private static final Map<String, Map<String, Object>> MODELS = Map.of(
            "email-confirmation", Map.of("name", "Nguyễn Thị Hồng Nhung", "code", "482913", "minutes", 15),
            "password-reset", Map.of("name", "Trần Văn Đức", "link",
                    "https://ketnoi.example.vn/password/reset?token=Zx81-QPa", "minutes", 30),
            "official-invitation", Map.of("name", "Phạm Thu Trang", "username", "trang.pham", "link",
                    "https://ketnoi.example.vn/reset?token=Yq72-RTb", "hours", 72),
            "dossier-status", Map.of("fullName", "Nguyễn Thị Hồng Ngọc", "code", "000.04.XA.H01-260205-0007",
                    "procedureName", "Đăng ký khai sinh", "statusCode", "4", "statusName", "Đang giải quyết",
                    "note", "Hồ sơ đã được chuyển đến công chức tư pháp - hộ tịch.", "appointmentDate", "12/02/2026",
                    "link", "https://ketnoi.example.vn/dossiers/000.04.XA.H01-260205-0007"));

    private final MailTemplates templates = new MailTemplates();

    @Test
    void everyTemplateExistsInVietnameseAndEnglishAndShowsItsValues() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            files.map(f -> f.getFileName().toString()).forEach(f -> names.add(f.substring(0, f.indexOf('.'))));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(MODELS.keySet());
        for (String name : names) {
            for (Locale locale : new Locale[] {Email.VIETNAMESE, Email.ENGLISH}) {
                assertThat(SOURCES.resolve(name + "." + locale.getLanguage() + ".txt")).exists();
                MailTemplates.Rendered mail = templates.render(new Email("an@example.vn", name, locale,
                        MODELS.get(name)));
                assertThat(mail.subject()).as("%s %s", name, locale).contains("Ketnoi").doesNotContain("\n");
                assertThat(mail.body()).as("%s %s", name, locale)
                        .contains("Ketnoi — Cổng dịch vụ công")
                        .doesNotContain("[(").doesNotContain("${")
                        .endsWith("\n").doesNotStartWith("\n");
                for (Object value : MODELS.get(name).values()) {
                    assertThat(mail.body()).contains(String.valueOf(value));
                }
            }
        }
    }

    @Test
    void rendersTheSubjectLineAndTheBodyInTheMailsLanguage() {
        Map<String, Object> model = MODELS.get("email-confirmation");
        MailTemplates.Rendered vi = templates.render(new Email("an@example.vn", "email-confirmation", model));
        assertThat(vi.subject()).isEqualTo("Mã xác nhận địa chỉ thư điện tử – Ketnoi");
        assertThat(vi.body()).startsWith("Kính gửi Nguyễn Thị Hồng Nhung,\n\n").contains("\n    482913\n")
                .contains("hiệu lực trong 15 phút").contains("bỏ qua thư này");
        MailTemplates.Rendered en = templates.render(new Email("an@example.vn", "email-confirmation", Email.ENGLISH,
                model));
        assertThat(en.subject()).isEqualTo("Your e-mail confirmation code – Ketnoi");
        assertThat(en.body()).startsWith("Dear Nguyễn Thị Hồng Nhung,\n\n").contains("valid for 15 minutes")
                .contains("you can ignore this e-mail");
    }

    @Test
    void aValueCannotBreakTheSubjectIntoHeaders() {
        MailTemplates.Rendered mail = templates.render(new Email("an@example.vn", "password-reset",
                Map.of("name", "An\r\nBcc: x@example.vn", "link", "https://x.example.vn", "minutes", 5)));
        assertThat(mail.subject()).isEqualTo("Đặt lại mật khẩu tài khoản – Ketnoi");
    }

    @Test
    void anUnknownTemplateIsAProgrammingError() {
        assertThatThrownBy(() -> templates.render(new Email("an@example.vn", "no-such-mail", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-mail");
    }
}
