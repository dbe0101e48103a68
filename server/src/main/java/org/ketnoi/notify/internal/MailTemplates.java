package org.ketnoi.notify.internal;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import org.ketnoi.notify.Email;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The mail templates: plain-text Thymeleaf templates, one file per template and language,
 * {@code templates/notify/mail/<template>.<vi|en>.txt}. A file reads like the mail it makes: the
 * first line is the subject, then a blank line, then the body; values are written
 * {@code [(${name})]}.
 *
 * <p>An engine of its own, not a bean: a second template engine bean would make Spring Boot drop
 * the one that renders the pages.
 */
final class MailTemplates {

    static final String LOCATION = "templates/notify/mail/";

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final TemplateEngine engine;
    /** Template names found on the class path: one search each, not one per mail. */
    private final Set<String> present = ConcurrentHashMap.newKeySet();

    MailTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(LOCATION);
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine spring = new SpringTemplateEngine();
        spring.setTemplateResolver(resolver);
        this.engine = spring;
    }

    /** The mail's subject and body in its language; fails when the template does not exist. */
    Rendered render(Email email) {
        String name = email.template() + "." + email.locale().getLanguage();
        if (!present.contains(name)
                && MailTemplates.class.getClassLoader().getResource(LOCATION + name + ".txt") == null) {
            throw new IllegalArgumentException("No mail template '" + email.template() + "' in "
                    + email.locale().getDisplayLanguage(java.util.Locale.ENGLISH) + " (" + LOCATION + name + ".txt)");
        }
        present.add(name);
        String text = engine.process(name, new Context(email.locale(), email.model())).replace("\r\n", "\n");
        int endOfSubject = text.indexOf('\n');
        // one line whatever the values hold: a line break in a header would end it
        String subject = CONTROL.matcher(endOfSubject < 0 ? text : text.substring(0, endOfSubject))
                .replaceAll(" ").strip();
        String body = endOfSubject < 0 ? "" : text.substring(endOfSubject + 1);
        while (body.startsWith("\n")) {
            body = body.substring(1);
        }
        body = body.stripTrailing();
        if (subject.isEmpty() || body.isEmpty()) {
            throw new IllegalStateException("The mail template " + LOCATION + name + ".txt must start with a subject "
                    + "line, then a blank line and the body");
        }
        return new Rendered(subject, body + "\n");
    }

    record Rendered(String subject, String body) {
    }
}
