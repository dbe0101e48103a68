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
}
