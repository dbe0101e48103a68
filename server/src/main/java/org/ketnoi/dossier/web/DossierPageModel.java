package org.ketnoi.dossier.web;

import java.time.Instant;
import java.time.ZoneId;
import org.ketnoi.dossier.Dossiers;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dossier page shows dates with: Vietnam's time zone, and the moment the page was made. */
@ControllerAdvice(assignableTypes = {ApplicantPages.class, DeskPages.class, TrackPage.class})
class DossierPageModel {

    @ModelAttribute("vn")
    ZoneId vietnam() {
        return Dossiers.VIETNAM;
    }

    @ModelAttribute("now")
    Instant now() {
        return Instant.now();
    }
}
