package org.ketnoi.notify.internal;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The demo mailbox: every mail the demo SMTP server received, newest first, so a newcomer without
 * a mail server reads their confirmation code. It exists only in demo mode.
 */
@Controller
@DemoMail
class DemoMailbox {

    /** Enough for any demo; older mails stay in the server's memory but off the page. */
    static final int SHOWN = 200;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss '(UTC+7)'")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final GreenMail server;

    DemoMailbox(GreenMail demoSmtpServer) {
        this.server = demoSmtpServer;
    }

    @GetMapping("/demo/mailbox")
    String mailbox(@RequestParam(name = "to", defaultValue = "") String to, Model model) {
        String recipient = to.strip();
        List<Received> mails = server.getManagers().getImapHostManager().getAllMessages().stream()
                .sorted(Comparator.comparing(StoredMessage::getReceivedDate).thenComparing(StoredMessage::getUid)
                        .reversed())
                .map(DemoMailbox::received)
                .filter(mail -> recipient.isEmpty() || mail.to().stream().anyMatch(recipient::equalsIgnoreCase))
                .limit(SHOWN)
                .toList();
        model.addAttribute("to", recipient);
        model.addAttribute("mails", mails);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("smtp", DemoMailServer.LOOPBACK + ":" + server.getSmtp().getPort());
        return "notify/mailbox";
    }

    private static Received received(StoredMessage stored) {
        MimeMessage message = stored.getMimeMessage();
        try {
            return new Received(addresses(message.getAllRecipients()), String.join(", ", addresses(message.getFrom())),
                    message.getSubject(), TIME.format(stored.getReceivedDate().toInstant()),
                    stored.getReceivedDate().toInstant().toString(), text(message.getContent()));
        } catch (MessagingException | IOException e) {
            return new Received(List.of(), "", "", TIME.format(stored.getReceivedDate().toInstant()),
                    stored.getReceivedDate().toInstant().toString(), "(unreadable message: " + e.getMessage() + ")");
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
                .toList();
    }

    /** The plain-text body; Ketnoi sends nothing else, but a demo server may receive anything. */
    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain") || part.isMimeType("multipart/*")) {
                    return text(part.getContent());
                }
            }
        }
        return "";
    }

    /** One received mail as the page shows it. */
    record Received(List<String> to, String from, String subject, String receivedAt, String receivedAtIso,
            String body) {
    }
}
