package org.ketnoi.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Messages in a person's portal inbox. Like {@link Mailer#send}, {@link #post} writes in the caller's
 * transaction: the message exists exactly when the change it reports does.
 */
public interface Inbox {

    /**
     * @param accountId the recipient's account id
     * @param template a message name; its subject and body are the message keys
     *        {@code inbox.<template>.subject} and {@code inbox.<template>.body}, rendered in the reader's
     *        language when shown, with the model's values as arguments in the order given
     * @param model the values, by name (a LinkedHashMap keeps the order)
     * @param link a page of the portal the message is about, such as {@code /dossiers/H01-...}; may be null
     */
    void post(String accountId, String template, Map<String, Object> model, String link);

    /** The newest messages first. */
    List<Message> messages(String accountId, Locale locale, int limit);

    int unread(String accountId);

    record Message(long id, java.time.Instant postedAt, String subject, String body, String link, boolean read) {
    }
}
