package org.ketnoi.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A request that is well-formed but clashes with what exists (a duplicate identifier). */
@ResponseStatus(HttpStatus.CONFLICT)
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
