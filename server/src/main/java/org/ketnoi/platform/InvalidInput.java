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

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
