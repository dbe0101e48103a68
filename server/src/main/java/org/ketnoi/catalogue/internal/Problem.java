package org.ketnoi.catalogue.internal;

import java.util.List;

/**
 * Something wrong with a procedure as given (a seed file, an administrator's form).
 *
 * @param field the administration form's field it belongs to, e.g. {@code nameVi} or {@code fees-0-amount}
 * @param code the rule: pages show message {@code catalogue.invalid.<code>} with {@code args}
 * @param message in English, for logs and the start-up error
 */
public record Problem(String field, String code, String message, List<String> args) {

    public Problem {
        args = List.copyOf(args);
    }

    public static Problem of(String field, String code, String message, Object... args) {
        return new Problem(field, code, message, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
