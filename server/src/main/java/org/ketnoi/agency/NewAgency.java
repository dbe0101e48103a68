package org.ketnoi.agency;

import java.util.Optional;
import org.ketnoi.platform.InvalidInput;

/** What registering an agency needs; the directory checks it against the tree before saving. */
public record NewAgency(AgencyId id, String name, String nameEn, String kind, String level, Optional<AgencyId> parent,
        Optional<ProvinceCode> province, Optional<CommuneCode> commune) {

    public NewAgency {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "An agency needs a Vietnamese name");
        }
        if (kind == null || !kind.matches("[a-z_]{2,40}")) {
            throw new InvalidInput("kind", "An agency kind is a short lower-case word such as peoples_committee");
        }
        name = java.text.Normalizer.normalize(name.strip(), java.text.Normalizer.Form.NFC);
        nameEn = nameEn == null || nameEn.isBlank() ? name : nameEn.strip();
    }
}
