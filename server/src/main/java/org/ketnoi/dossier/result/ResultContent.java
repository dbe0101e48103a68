package org.ketnoi.dossier.result;

import java.time.LocalDate;
import java.util.List;

/**
 * What a result document says, in the parts Decree 30/2020/NĐ-CP (Appendix I) places on the page.
 *
 * @param superiorName the superior agency ("Ủy ban nhân dân Thành phố Hà Nội"); null or blank when
 *        the issuing agency has none shown
 * @param agencyName the issuing agency ("Ủy ban nhân dân phường Ba Đình")
 * @param placeName the place name of the date line ("Hà Nội")
 * @param date the date of issue
 * @param number the number and symbol after "Số:" ("125/GKS-UBND")
 * @param title the document's type and summary ("Giấy xác nhận thông tin về cư trú"); shown in upper case
 * @param lines the body, one paragraph each
 * @param signerRole the signer's authority and position ("TM. Ủy ban nhân dân\nChủ tịch"); a line break
 *        starts a new line
 * @param signerName the signer's full name
 * @param dossierCode the dossier the document answers
 */
public record ResultContent(String superiorName, String agencyName, String placeName, LocalDate date, String number,
        String title, List<String> lines, String signerRole, String signerName, String dossierCode) {

    public ResultContent {
        required(agencyName, "agencyName");
        required(placeName, "placeName");
        if (date == null) {
            throw new IllegalArgumentException("A result document has a date");
        }
        required(number, "number");
        required(title, "title");
        required(signerRole, "signerRole");
        required(signerName, "signerName");
        required(dossierCode, "dossierCode");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    private static void required(String value, String name) {
        // the dossier module builds these from its own data: a blank one is a programming error
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A result document needs its " + name);
        }
    }
}
