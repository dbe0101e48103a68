package org.ketnoi.catalogue.web;

import java.text.NumberFormat;
import java.util.Locale;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.internal.AgencyNames;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** How pages word a procedure's facts in the reader's language; templates reach it as {@code @catalogueText}. */
@Component("catalogueText")
public class ProcedureTexts {

    private final AgencyNames agencies;
    private final MessageSource messages;

    ProcedureTexts(AgencyNames agencies, MessageSource messages) {
        this.agencies = agencies;
        this.messages = messages;
    }

    /** Who handles it: the commune's People's Committee, a provincial department, or a central agency. */
    public String handledBy(Procedure p, Locale locale) {
        return switch (p.level()) {
            case "province" -> p.departmentSegment().flatMap(agencies::department)
                    .map(n -> message("catalogue.handler.province", locale, n.in(locale)))
                    .orElse(message("catalogue.level.province", locale));
            case "central" -> p.centralAgency().flatMap(agencies::centralAgency).map(n -> n.in(locale))
                    .orElse(message("catalogue.level.central", locale));
            default -> message("catalogue.handler.commune", locale);
        };
    }

    /** The second agency of a two-agency procedure, or null. */
    public String secondAgency(Procedure p, Locale locale) {
        if (!"two-agency".equals(p.processKey()) || p.secondAgency().isEmpty()) {
            return null;
        }
        String key = p.secondAgency().get();
        if ("commune".equals(key)) {
            return message("catalogue.handler.commune", locale);
        }
        return agencies.department(key).map(n -> message("catalogue.handler.province", locale, n.in(locale)))
                .or(() -> agencies.centralAgency(key).map(n -> n.in(locale))).orElse(key);
    }

    public String owner(Procedure p, Locale locale) {
        return p.owner().map(o -> agencies.centralAgency(o).map(n -> n.in(locale) + " (" + o + ")").orElse(o))
                .orElse("–");
    }

    /** An agency filter value's name: a department segment or a central agency id. */
    public String agency(String key, Locale locale) {
        return agencies.department(key).map(n -> message("catalogue.handler.province", locale, n.in(locale)))
                .or(() -> agencies.centralAgency(key).map(n -> n.in(locale))).orElse(key);
    }

    public String time(Procedure p, Locale locale) {
        Procedure.ProcessingTime t = p.processingTime();
        if (t.amount() == 0) {
            return message("catalogue.time.sameDay", locale);
        }
        return message(t.unit() == Procedure.TimeUnit.WORKING_HOURS ? "catalogue.time.hours" : "catalogue.time.days",
                locale, t.amount());
    }

    public String fee(Procedure p, Locale locale) {
        return p.totalFee() == 0 ? message("catalogue.fee.free", locale) : money(p.totalFee(), locale);
    }

    public String money(long amount, Locale locale) {
        if (amount == 0) {
            return message("catalogue.fee.none", locale);
        }
        NumberFormat format = NumberFormat.getIntegerInstance("en".equals(locale.getLanguage()) ? Locale.UK
                : Locale.forLanguageTag("vi-VN"));
        return message("catalogue.fee.amount", locale, format.format(amount));
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
