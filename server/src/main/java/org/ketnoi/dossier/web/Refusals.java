package org.ketnoi.dossier.web;

import java.util.Locale;
import org.ketnoi.dossier.DossierRefused;
import org.ketnoi.dossier.FormRefused;
import org.ketnoi.platform.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A refused action in the reader's language, for the dossier pages' error summaries. */
@Component
class Refusals {

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    /** The message of a refusal the pages answer themselves; any other exception goes on up. */
    String text(RuntimeException e, Locale locale) {
        if (e instanceof FormRefused f) {
            return String.join("; ", f.problems().stream()
                    .map(p -> messages.getMessage("form.problem." + p.code(), null, p.message(), locale)).toList());
        }
        if (e instanceof DossierRefused r) {
            return messages.getMessage("dossier.refused." + r.reason(), r.arguments(locale), r.getMessage(), locale);
        }
        if (e instanceof InvalidInput i) {
            return messages.getMessage(i.resolvable(), locale);
        }
        throw e;
    }
}
