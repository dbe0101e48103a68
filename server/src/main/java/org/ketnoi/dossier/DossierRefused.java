package org.ketnoi.dossier;

import java.util.Arrays;
import java.util.Locale;
import org.ketnoi.platform.Conflict;

/**
 * An action the dossier's present state does not allow (a step already taken, a stale page, a second
 * supplement request). The message is English for APIs and logs; pages show
 * {@code dossier.refused.<reason>} in the reader's language with {@link #arguments(Locale)}.
 */
public class DossierRefused extends Conflict {

    private final String reason;
    private final transient Object[] arguments;

    public DossierRefused(String reason, String message, Object... arguments) {
        super(message);
        this.reason = reason;
        this.arguments = arguments.clone();
    }

    public String reason() {
        return reason;
    }

    /** The arguments, statuses shown by their name in the reader's language. */
    public Object[] arguments(Locale locale) {
        return Arrays.stream(arguments).map(a -> a instanceof DossierStatus s ? s.label(locale) : a).toArray();
    }
}
