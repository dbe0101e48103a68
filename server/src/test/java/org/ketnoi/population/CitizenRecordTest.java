package org.ketnoi.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketnoi.platform.InvalidInput;

class CitizenRecordTest {

    private static CitizenDocument doc(String id, String name, String born, String sex) {
        return new CitizenDocument(id, name, born, sex, null, null, null, null, null, "00004", "1 Phố Huế", null, null,
                null, null, null, null, null, null, null, null, null);
    }

    @Test
    void decodesTheIdNumber() {
        PersonalIdNumber n = PersonalIdNumber.parse("079303000123");
        assertThat(n.birthRegistrationProvince()).isEqualTo("079");
        assertThat(n.sex()).isEqualTo(Sex.FEMALE);
        assertThat(n.birthYear()).isEqualTo(2003);
        assertThat(n.masked()).isEqualTo("079******123");
        assertThat(PersonalIdNumber.compose("001", Sex.MALE, 1985, 42)).isEqualTo(PersonalIdNumber.parse("001085000042"));
        assertThat(PersonalIdNumber.compose("096", Sex.FEMALE, 2010, 999_999).value()).isEqualTo("096310999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00108570000", "0010857000011", "00108570000a", "003085700001", "001985700001"})
    void refusesMalformedOrImpossibleNumbers(String number) {
        // 003 is no province code; 001985... is a male born in 2185 (digit 9 = 2300s? no: 9 → 2300s, future).
        assertThatThrownBy(() -> PersonalIdNumber.parse(number)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void refusesARecordWhoseNumberDisagreesWithSexOrBirthYear() {
        assertThatThrownBy(() -> doc("001085700001", "Lê Thị Hoa", "1985-01-01", "F").toRecord())
                .hasMessageContaining("male person");
        assertThatThrownBy(() -> doc("001085700001", "Lê Văn Hùng", "1986-01-01", "M").toRecord())
                .hasMessageContaining("encodes the birth year 1985");
    }

    @Test
    void refusesFutureAndImpossibleDates() {
        int next = LocalDate.now().getYear() + 1;
        assertThatThrownBy(() -> BirthDate.parse(next + "-01-01")).hasMessageContaining("future");
        assertThatThrownBy(() -> BirthDate.parse("1985-02-30")).hasMessageContaining("no date");
        assertThatThrownBy(() -> BirthDate.parse("85-02-03")).hasMessageContaining("YYYY-MM-DD");
        assertThat(BirthDate.parse("1950-07").toString()).isEqualTo("1950-07");
    }

    @Test
    void refusesOverlongAndBrokenTextWithoutCrashing() {
        assertThatThrownBy(() -> new CitizenRecord.HouseholdMembership("A".repeat(25), CitizenRecord.Relation.HEAD))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at most 20");
        assertThatThrownBy(() -> doc("001085700001", "Lê Văn " + "A".repeat(200), "1985-01-01", "M").toRecord())
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> doc("001085700001", "Lê Văn \ud800", "1985-01-01", "M").toRecord())
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void namesTheResidenceFieldThatIsWrong() {
        CitizenDocument d = doc("001085700001", "Lê Văn Hùng", "1985-01-01", "M");
        CitizenDocument badTemporary = new CitizenDocument(d.idNumber(), d.fullName(), d.birthDate(), d.sex(), null,
                null, null, null, null, "00004", "1 Phố Huế", "123", "x", null, null, null, null, null, null, null, null,
                null);
        assertThatThrownBy(badTemporary::toRecord).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("temporaryCommune");
    }

    @Test
    void idCardsExpireAtTheRenewalAges() {
        BirthDate born = BirthDate.parse("2000-06-15");
        // Issued at 20: valid until 25. Issued at 24 (within two years of 25): valid until 40.
        assertThat(new CitizenRecord.IdCard(LocalDate.parse("2020-06-15"), null).expiresOn(born))
                .isEqualTo(LocalDate.parse("2025-06-15"));
        assertThat(new CitizenRecord.IdCard(LocalDate.parse("2024-01-10"), null).expiresOn(born))
                .isEqualTo(LocalDate.parse("2040-06-15"));
        // Issued at 59: no expiry.
        assertThat(new CitizenRecord.IdCard(LocalDate.parse("2020-01-01"), null).expiresOn(BirthDate.parse("1961")))
                .isNull();
    }
}
