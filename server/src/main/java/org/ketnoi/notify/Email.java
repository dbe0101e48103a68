package org.ketnoi.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ketnoi.platform.InvalidInput;

/**
 * A mail to send: to whom, which template, in which language, with which values.
 *
 * @param recipient one address such as {@code an.nguyen@example.vn}, without a display name;
 *        surrounding spaces are dropped. Internationalised addresses (SMTPUTF8) are not accepted yet.
 * @param template a template's name, such as {@code email-confirmation} or {@code password-reset}
 * @param locale Vietnamese (the default, also when null) or English; any other language gets the
 *        Vietnamese mail, as the pages do
 * @param model the values the template shows, by name
 */
public record Email(String recipient, String template, Locale locale, Map<String, Object> model) {

    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    public static final Locale ENGLISH = Locale.ENGLISH;

    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern ADDRESS = Pattern.compile("[^@]+@[^@.]+(?:\\.[^@.]+)+");

    public Email {
        recipient = checkedAddress(recipient);
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            // a programming error, not a user's: template names are constants in the caller's code
            throw new IllegalArgumentException("A mail template's name is lower-case words joined by hyphens, not '"
                    + template + "'");
        }
        locale = locale != null && ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : VIETNAMESE;
        model = model == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(model));
    }

    /** A mail in Vietnamese. */
    public Email(String recipient, String template, Map<String, Object> model) {
        this(recipient, template, VIETNAMESE, model);
    }

    private static String checkedAddress(String address) {
        String a = address == null ? "" : address.strip();
        boolean plain = !a.isEmpty() && a.length() <= 254 && a.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                && ADDRESS.matcher(a).matches();
        if (plain) {
            try {
                jakarta.mail.internet.InternetAddress parsed = new jakarta.mail.internet.InternetAddress(a, true);
                parsed.validate();
                plain = a.equals(parsed.getAddress());
            } catch (jakarta.mail.internet.AddressException e) {
                plain = false;
            }
        }
        if (!plain) {
            throw new InvalidInput("email", "'" + address + "' is not an e-mail address such as an.nguyen@example.vn",
                    address);
        }
        return a;
    }
}
