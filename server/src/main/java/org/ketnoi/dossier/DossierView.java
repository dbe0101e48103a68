package org.ketnoi.dossier;

import java.util.List;
import org.ketnoi.catalogue.Procedure;

/** A dossier with what the pages show beside it: its procedure version, timeline and files. */
public record DossierView(Dossier dossier, Procedure procedure, List<TimelineEntry> timeline,
        List<Attachment> attachments, boolean rated) {

    public record Attachment(String component, String sha256, String name, String mediaType, long size, int round) {
    }
}
