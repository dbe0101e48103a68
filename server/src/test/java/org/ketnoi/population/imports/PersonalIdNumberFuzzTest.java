package org.ketnoi.population.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.PersonalIdNumber;

/**
 * The ID-number parser sees every number of every imported file. Whatever the text, it returns a
 * number that is consistent with itself, or refuses with InvalidInput.
 */
class PersonalIdNumberFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void parsesOrRefuses(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        PersonalIdNumber number;
        try {
            number = PersonalIdNumber.parse(text);
        } catch (InvalidInput e) {
            assertThat(e.field()).isEqualTo("idNumber");
            return;
        }
        assertThat(number.value()).hasSize(12).containsOnlyDigits().isEqualTo(text.strip());
        assertThat(PersonalIdNumber.of(number.asLong())).isEqualTo(number);
        assertThat(PersonalIdNumber.compose(number.birthRegistrationProvince(), number.sex(), number.birthYear(),
                Integer.parseInt(number.value().substring(6)))).isEqualTo(number);
        assertThat(number.masked()).startsWith(number.value().substring(0, 3)).endsWith(number.value().substring(9));
    }
}
