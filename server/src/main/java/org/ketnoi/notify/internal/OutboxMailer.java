package org.ketnoi.notify.internal;

import org.ketnoi.notify.Email;
import org.ketnoi.notify.Mailer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mailer as an outbox: sending is one insert in the caller's transaction; {@link MailDelivery}
 * does the SMTP part after the commit.
 */
@Service
class OutboxMailer implements Mailer {

    private final JdbcClient jdbc;
    private final MailTemplates templates;
    private final ObjectProvider<MailDelivery> delivery;

    OutboxMailer(JdbcClient jdbc, MailTemplates templates, ObjectProvider<MailDelivery> delivery) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.delivery = delivery;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void send(Email email) {
        MailTemplates.Rendered mail = templates.render(email);
        jdbc.sql("""
                        insert into notify.outbox(recipient, locale, template, subject, body)
                        values (?, ?, ?, ?, ?)""")
                .params(email.recipient(), email.locale().getLanguage(), email.template(), mail.subject(), mail.body())
                .update();
        // Wake the worker when the row becomes visible, so the mail leaves at once instead of at
        // the next poll. (No worker in commands without a web server: the server sends it later.)
        delivery.ifAvailable(worker -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.nudge();
                    }
                }));
    }
}
