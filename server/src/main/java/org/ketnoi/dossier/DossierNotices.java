package org.ketnoi.dossier;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.identity.Account;
import org.ketnoi.notify.Email;
import org.ketnoi.notify.Inbox;
import org.ketnoi.notify.Mailer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells the applicant of every change of status, by mail and in the portal inbox, in the transaction
 * of the change: no change goes untold, and nothing is told of a change that rolled back.
 */
@Component
class DossierNotices {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private final Mailer mailer;
    private final Inbox inbox;
    private final String publicUrl;

    DossierNotices(Mailer mailer, Inbox inbox, @Value("${ketnoi.public-url:}") String publicUrl) {
        this.mailer = mailer;
        this.inbox = inbox;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    /** KETNOI_PUBLIC_URL, else the address of the request being served (the portal as the person reached it). */
    private String base() {
        if (!publicUrl.isBlank()
                || org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() == null) {
            return publicUrl;
        }
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath().build()
                .toUriString();
    }

    /** One line of the timeline, told to the applicant when it changed the status or asks them something. */
    void statusChanged(Dossier d, Procedure p, Account applicant, TimelineEntry e) {
        if (applicant == null) {
            return;
        }
        Locale locale = Locale.forLanguageTag(d.locale());
        String note = e.note() == null ? "" : e.note();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("code", d.code());
        message.put("procedureName", p.name().in(locale));
        message.put("statusName", e.status().label(locale));
        message.put("note", note);
        inbox.post(applicant.id().toString(), "dossier-status", message, "/dossiers/" + d.code());
        if (applicant.email() == null || !applicant.emailConfirmed()) {
            return;
        }
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("fullName", d.applicantName());
        mail.put("code", d.code());
        mail.put("procedureName", p.name().in(locale));
        mail.put("statusCode", e.status().code());
        mail.put("statusName", e.status().label(locale));
        mail.put("note", note);
        mail.put("appointmentDate", d.effectiveDue() == null ? ""
                : (p.processingTime().unit() == Procedure.TimeUnit.WORKING_HOURS ? TIME : DAY)
                        .format(LocalDateTime.ofInstant(d.effectiveDue(), Dossiers.VIETNAM)));
        mail.put("link", base() + "/dossiers/" + d.code());
        mailer.send(new Email(applicant.email(), "dossier-status", locale, mail));
    }
}
