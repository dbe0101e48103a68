package org.ketnoi.identity.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ketnoi.platform.InvalidInput;

/**
 * Which new passwords to refuse, after NIST SP 800-63B: length counts and composition rules do
 * not, so a password is refused only when it is too short or too long, common, a run like
 * {@code abcdefgh}, or built from the holder's own identity. Build one and share it: the
 * constructor reads the bundled list of common passwords.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    static final String COMMON_PASSWORDS = "/identity/common-passwords.txt";

    // Shorter identity values (a two-letter e-mail name) would refuse too many good passwords.
    private static final int MIN_IDENTITY_LENGTH = 4;

    // NFKC composes at most four code points into one, and a code point is at most two chars, so
    // longer input cannot come back under the maximum; refusing it early bounds the work.
    private static final int MAX_RAW_CHARS = MAX_LENGTH * 4 * 2;

    private final Set<String> common;

    /** Reads the bundled list of common passwords (see NOTICE for its source). */
    public PasswordPolicy() {
        this(load(COMMON_PASSWORDS));
    }

    PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    /**
     * The first rule a new password breaks, or empty when it is acceptable. The answer never
     * holds the password, so it can be shown, logged and returned as it is.
     */
    public Optional<Violation> check(String password, Identity identity) {
        Objects.requireNonNull(identity, "identity (Identity.NONE when nothing is known)");
        if (password == null) {
            return Optional.of(new Violation(Rule.TOO_SHORT, List.of(MIN_LENGTH)));
        }
        if (password.length() > MAX_RAW_CHARS) {
            return Optional.of(new Violation(Rule.TOO_LONG, List.of(MAX_LENGTH)));
        }
        // NIST counts characters after NFKC, so that look-alike forms count and match as one.
        String normal = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = normal.codePointCount(0, normal.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new Violation(Rule.TOO_SHORT, List.of(MIN_LENGTH)));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new Violation(Rule.TOO_LONG, List.of(MAX_LENGTH)));
        }
        String lower = normal.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of(new Violation(Rule.COMMON, List.of()));
        }
        if (repetitiveOrSequential(lower)) {
            return Optional.of(new Violation(Rule.REPETITIVE, List.of()));
        }
        for (Map.Entry<String, String> value : identity.values().entrySet()) {
            if (lower.contains(value.getValue())) {
                return Optional.of(new Violation(Rule.CONTAINS_IDENTITY, List.of(value.getKey())));
            }
        }
        return Optional.empty();
    }

    /** How many common passwords are held (only those long enough to pass the length rule). */
    int commonCount() {
        return common.size();
    }

    // The list leaves out what zxcvbn catches by pattern (aaaaaaaa, abcdefgh, 87654321).
    static boolean repetitiveOrSequential(String password) {
        int[] points = password.codePoints().toArray();
        int step = points[1] - points[0];
        if (Math.abs(step) > 1) {
            return false;
        }
        for (int i = 2; i < points.length; i++) {
            if (points[i] - points[i - 1] != step) {
                return false;
            }
        }
        return true;
    }

    static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            // Shorter entries are refused as too short before the list is asked; Set.copyOf keeps
            // the rest in one open-addressed array, about a megabyte for the 18,000 left.
            return Set.copyOf(reader.lines()
                    .map(line -> Normalizer.normalize(line.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                    .filter(line -> line.codePointCount(0, line.length()) >= MIN_LENGTH)
                    .collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule of the policy, with the code that names its message. */
    public enum Rule {
        TOO_SHORT("too-short"),
        TOO_LONG("too-long"),
        COMMON("common"),
        REPETITIVE("repetitive"),
        CONTAINS_IDENTITY("contains-identity");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * A broken rule and its message arguments: the length limit for {@code too-short} and
     * {@code too-long}, the identity field ({@code username}, {@code id-number} or {@code email})
     * for {@code contains-identity}, none otherwise.
     */
    public record Violation(Rule rule, List<Object> arguments) {

        public Violation {
            Objects.requireNonNull(rule, "rule");
            arguments = List.copyOf(arguments);
        }

        public String code() {
            return rule.code();
        }

        /** The refusal as the platform's error, shown with the message {@code invalid.password.<code>}. */
        public InvalidInput toInvalidInput(String field) {
            return InvalidInput.because("password." + code(), field,
                    "The password breaks the rule " + code() + " " + arguments, arguments.toArray());
        }
    }

    /**
     * What the password must not contain: the account's username, personal identification number
     * and e-mail address (only its local part counts). Any of them may be null when not known.
     */
    public record Identity(String username, String idNumber, String email) {

        public static final Identity NONE = new Identity(null, null, null);

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            put(values, "username", username);
            put(values, "id-number", idNumber);
            put(values, "email", email == null || email.lastIndexOf('@') < 0 ? email
                    : email.substring(0, email.lastIndexOf('@')));
            return values;
        }

        private static void put(Map<String, String> values, String field, String value) {
            if (value == null) {
                return;
            }
            String normal = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            if (normal.codePointCount(0, normal.length()) >= MIN_IDENTITY_LENGTH) {
                values.put(field, normal);
            }
        }
    }
}
