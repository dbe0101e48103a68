package org.ketnoi.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A value from outside that breaks a rule (a malformed code, an impossible date). APIs answer it
 * with 400 and a problem+json body, pages with a message; nothing has been changed.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInput extends RuntimeException {

    private final String field;
    private final Object rejected;

    public InvalidInput(String field, String message) {
        this(field, message, null);
    }

    /** A refusal pages can show in the reader's language: message key {@code invalid.<field>}, argument the value. */
    public InvalidInput(String field, String message, Object rejected) {
        super(message);
        this.field = field;
        this.rejected = rejected;
    }

    public String field() {
        return field;
    }

    public org.springframework.context.MessageSourceResolvable resolvable() {
        return new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"invalid." + field}, new Object[] {String.valueOf(rejected)}, getMessage());
    }
}
