package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchKeyTest {

    @Test
    void foldsVietnameseDiacriticsAndDStroke() {
        assertThat(SearchKey.of("Phường Ba Đình")).isEqualTo("phuong ba dinh");
        assertThat(SearchKey.of("  Nguyễn   Văn  ĂN ")).isEqualTo("nguyen van an");
        assertThat(SearchKey.of("Đặc khu Côn Đảo")).isEqualTo("dac khu con dao");
    }

    @Test
    void decomposedAndComposedInputGiveTheSameKey() {
        String composed = java.text.Normalizer.normalize("Thừa Thiên Huế", java.text.Normalizer.Form.NFC);
        String decomposed = java.text.Normalizer.normalize("Thừa Thiên Huế", java.text.Normalizer.Form.NFD);
        assertThat(SearchKey.of(decomposed)).isEqualTo(SearchKey.of(composed)).isEqualTo("thua thien hue");
    }

    @Test
    void nullIsEmpty() {
        assertThat(SearchKey.of(null)).isEmpty();
    }

    @Test
    void theFastPathFoldsExactlyAsTheFullAlgorithm() {
        String[] samples = {"Nguyễn Thị Ánh Tuyết", "  Đặng   Hữu\tPhước ", "Thừa Thiên Huế", "Ê Đê", "H'Mông",
            "Phường 12, Quận 3", "ABC xyz", "Ỷ Lan", "Nguyễn", "ư ơ ă â ê ô đ", "Çà ñö"};
        for (String sample : samples) {
            assertThat(SearchKey.of(sample)).as(sample).isEqualTo(SearchKey.slow(sample).trim());
        }
        for (char c = 'A'; c < 0x1F00; c++) {
            String s = "x" + c + "y";
            assertThat(SearchKey.of(s)).as("U+%04X", (int) c).isEqualTo(SearchKey.slow(s).trim());
        }
    }
}
