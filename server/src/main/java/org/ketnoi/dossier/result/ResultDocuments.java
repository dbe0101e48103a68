package org.ketnoi.dossier.result;

import java.time.LocalDate;
import java.util.List;

/** PLACEHOLDER until the `parts` branch lands (same signatures). */
@org.springframework.stereotype.Component
public class ResultDocuments {

    public record ResultContent(String superiorName, String agencyName, String placeName, LocalDate date, String number,
            String title, List<String> lines, String signerRole, String signerName, String dossierCode) {
    }

    public byte[] render(ResultContent c) {
        throw new UnsupportedOperationException("placeholder");
    }
}
