package org.ketnoi.notify;

/**
 * Sends e-mail that cannot be lost: {@link #send} queues the mail in the caller's transaction, and
 * it is delivered over SMTP once that transaction has committed, retried while the mail server is
 * unreachable.
 */
public interface Mailer {

    /**
     * Renders the mail in its language now and queues it in the caller's transaction. If that
     * transaction rolls back, no mail goes out; once it commits, the mail survives a crash of the
     * process and is delivered at least once (a crash between the mail server's acceptance and the
     * bookkeeping after it sends it again).
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside
     *         a transaction: a mail belongs to the change it reports
     * @throws IllegalArgumentException when no template has the mail's name
     */
    void send(Email email);
}
