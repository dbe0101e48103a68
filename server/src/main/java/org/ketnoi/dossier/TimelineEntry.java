package org.ketnoi.dossier;

import java.time.Instant;

/**
 * One line of a dossier's timeline: what happened, when, who did it, and the national status the
 * dossier had afterwards.
 *
 * @param action a key such as {@code submitted}, {@code accepted}, {@code supplement-requested}
 * @param note what the actor wrote (reasons, the list of missing papers, the apology); may be null
 */
public record TimelineEntry(Instant at, DossierStatus status, String action, String actor, String actorName,
        String agency, String note) {
}
