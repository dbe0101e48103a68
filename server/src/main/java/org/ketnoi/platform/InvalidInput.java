package org.ketnoi.platform;

import java.util.Arrays;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A value from outside that breaks a rule (a malformed code, an impossible date). APIs answer it
 * with 400 and a problem+json body, pages with a message; nothing has been changed.
 *
 * <p>The message is English, for logs and API clients; pages show the reader's language through
 * {@link #resolvable()}: the rule's own key {@code invalid.<code>} with its arguments when the
 * refusal names a rule, else the field's general key {@code invalid.<field>}.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInput extends RuntimeException {

    private final String field;
    private final Object rejected;
    private final String code;
    private final Object[] arguments;

    public InvalidInput(String field, String message) {
        this(field, message, null);
    }

    /** A refusal pages show with the field's general message, argument the value. */
    public InvalidInput(String field, String message, Object rejected) {
        this(field, null, message, rejected, new Object[] {rejected});
    }

    protected InvalidInput(String field, String code, String message, Object rejected, Object[] arguments) {
        super(message);
        this.field = field;
        this.rejected = rejected;
        this.code = code;
        this.arguments = arguments;
    }

    /**
     * A refusal by a named rule: pages show {@code invalid.<code>} with these arguments (the first
     * is taken as the rejected value).
     */
    public static InvalidInput because(String code, String field, String message, Object... arguments) {
        return new InvalidInput(field, code, message, arguments.length > 0 ? arguments[0] : null,
                arguments.clone());
    }

    /**
     * The same refusal reported against another field (a nested value's rule, named by the field
     * of the document that held it).
     */
    public InvalidInput as(String field, String message) {
        return code != null ? new InvalidInput(field, code, message, rejected, arguments)
                : new InvalidInput(field, this.field, message, rejected, new Object[] {rejected});
    }

    public String field() {
        return field;
    }

    /** The rule broken, or null when only the field is known. */
    public String code() {
        return code;
    }

    /** The rule's arguments as text, for storing beside the refusal. */
    public List<String> arguments() {
        return Arrays.stream(arguments).map(String::valueOf).toList();
    }

    public MessageSourceResolvable resolvable() {
        String[] codes = code == null ? new String[] {"invalid." + field}
                : new String[] {"invalid." + code, "invalid." + field};
        Object[] args = code == null ? new Object[] {String.valueOf(rejected)}
                : Arrays.stream(arguments).map(String::valueOf).toArray();
        return new DefaultMessageSourceResolvable(codes, args, getMessage());
    }
}
