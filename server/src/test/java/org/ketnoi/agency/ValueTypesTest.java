package org.ketnoi.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketnoi.platform.InvalidInput;

class ValueTypesTest {

    @Test
    void parsesWellFormedCodes() {
        assertThat(ProvinceCode.parse(" 01 ").value()).isEqualTo("01");
        assertThat(CommuneCode.parse("00004").value()).isEqualTo("00004");
        assertThat(AgencyId.parse("000.00.03.h01").value()).isEqualTo("000.00.03.H01");
        assertThat(AgencyId.parse("000.04.XA.H01").topBody()).isEqualTo("H01");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1", "001", "ab", "0 1"})
    void refusesMalformedProvinceCodes(String code) {
        assertThatThrownBy(() -> ProvinceCode.parse(code)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("exactly 2 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0004", "000040", "0000a", "-0004"})
    void refusesMalformedCommuneCodes(String code) {
        assertThatThrownBy(() -> CommuneCode.parse(code)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("exactly 5 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000.00.20", "00.00.20.H36", "000.00.20.X36", "000.00.20.H3", "000-00-20-H36",
        "000.00.20.H36.1"})
    void refusesMalformedAgencyIds(String id) {
        assertThatThrownBy(() -> AgencyId.parse(id)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("agencyId");
    }

    @Test
    void newAgencyNormalisesItsNameAndNeedsOne() {
        String decomposed = java.text.Normalizer.normalize("Sở Tư pháp", java.text.Normalizer.Form.NFD);
        NewAgency a = new NewAgency(AgencyId.parse("000.00.03.H01"), " " + decomposed + " ", null, "department",
                "province", Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(a.name()).isEqualTo("Sở Tư pháp").isNotEqualTo(decomposed);
        assertThat(a.nameEn()).isEqualTo("Sở Tư pháp");
        assertThatThrownBy(() -> new NewAgency(AgencyId.parse("000.00.03.H01"), " ", null, "department",
                "province", Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
    }
}
