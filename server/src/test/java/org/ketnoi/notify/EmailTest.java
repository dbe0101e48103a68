package org.ketnoi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ketnoi.platform.InvalidInput;

class EmailTest {

    @Test
    void acceptsAPlainAddressAndDropsSurroundingSpaces() {
        Email email = new Email("  an.nguyen+ketnoi@mail.example.vn ", "email-confirmation", Map.of("code", "123456"));
        assertThat(email.recipient()).isEqualTo("an.nguyen+ketnoi@mail.example.vn");
        assertThat(email.locale()).isEqualTo(Email.VIETNAMESE);
    }

    @Test
    void refusesWhatIsNotOnePlainAddress() {
        for (String bad : new String[] {null, "", "an", "an@", "@example.vn", "an@example", "an@@example.vn",
                "An <an@example.vn>", "an@example.vn, binh@example.vn", "an nguyen@example.vn",
                "an@example.vn\r\nBcc: all@example.vn", "nguyễn@example.vn", "an@example..vn", "an@example.vn."}) {
            assertThatThrownBy(() -> new Email(bad, "email-confirmation", Map.of()))
                    .as("%s", bad).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("email"));
        }
        assertThatThrownBy(() -> new Email("a".repeat(250) + "@x.vn", "email-confirmation", Map.of()))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void speaksVietnameseUnlessAskedForEnglish() {
        assertThat(new Email("an@example.vn", "password-reset", Locale.forLanguageTag("en-GB"), Map.of()).locale())
                .isEqualTo(Locale.ENGLISH);
        assertThat(new Email("an@example.vn", "password-reset", Locale.forLanguageTag("vi-VN"), Map.of()).locale())
                .isEqualTo(Email.VIETNAMESE);
        assertThat(new Email("an@example.vn", "password-reset", Locale.FRENCH, Map.of()).locale())
                .isEqualTo(Email.VIETNAMESE);
        assertThat(new Email("an@example.vn", "password-reset", null, null).locale()).isEqualTo(Email.VIETNAMESE);
    }

    @Test
    void refusesTemplateNamesThatAreNotPlainWords() {
        for (String bad : new String[] {null, "", "../secret", "Email-Confirmation", "email_confirmation", "a-"}) {
            assertThatThrownBy(() -> new Email("an@example.vn", bad, Map.of())).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void keepsItsOwnCopyOfTheModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("name", "Nguyễn Văn An");
        model.put("note", null);
        Email email = new Email("an@example.vn", "email-confirmation", model);
        model.put("name", "changed");
        assertThat(email.model()).containsEntry("name", "Nguyễn Văn An").containsEntry("note", null);
        assertThatThrownBy(() -> email.model().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
