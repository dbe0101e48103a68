package org.ketnoi.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A well-formed reference to something that does not exist: 404 in APIs and pages. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFound extends RuntimeException {

    private final String what;
    private final Object key;

    public NotFound(String message) {
        this(null, null, message);
    }

    /** A miss pages can show in the reader's language: message key {@code notfound.<what>}, argument the key. */
    public NotFound(String what, Object key, String message) {
        super(message);
        this.what = what;
        this.key = key;
    }

    public org.springframework.context.MessageSourceResolvable resolvable() {
        return new org.springframework.context.support.DefaultMessageSourceResolvable(
                what == null ? new String[0] : new String[] {"notfound." + what}, new Object[] {String.valueOf(key)},
                getMessage());
    }
}
