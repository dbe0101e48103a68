package org.ketnoi.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DossierCodesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void theSequenceHasFourDigitsAndGrowsPastThemRatherThanWrapping() {
        assertThat(DossierCodes.format("000.04.XA.H01", DAY, 1)).isEqualTo("000.04.XA.H01-261123-0001");
        assertThat(DossierCodes.format("000.04.XA.H01", DAY, 987)).isEqualTo("000.04.XA.H01-261123-0987");
        assertThat(DossierCodes.format("000.04.XA.H01", DAY, 9_999)).isEqualTo("000.04.XA.H01-261123-9999");
        assertThat(DossierCodes.format("000.04.XA.H01", DAY, 10_000)).isEqualTo("000.04.XA.H01-261123-10000");
    }
}
