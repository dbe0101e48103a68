package org.ketnoi.notify.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works off the outbox: takes the due mails a batch at a time, sends them over one SMTP
 * connection, and records what happened; a failed mail is tried again later (see
 * {@link RetryPolicy}) and given up after the last attempt.
 *
 * <p>One virtual thread per node. It wakes when a mail is committed on this node, when a retry is
 * due, and at least every poll interval (for mails left by a stopped process or queued on another
 * node). The due rows stay locked ({@code for update skip locked}) while they are sent, so nodes
 * never send the same mail together, and a process killed mid-send leaves them due again at once.
 * Only the server delivers: commands without a web server leave the outbox alone.
 */
@Component
@ConditionalOnWebApplication
class MailDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    /** The shortest sleep: due rows that another node holds are not re-read in a busy loop. */
    private static final long MIN_WAIT_MILLIS = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender sender;
    private final InternetAddress from;
    private final MailSettings.Delivery settings;
    private final RetryPolicy retries;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    MailDelivery(JdbcClient jdbc, PlatformTransactionManager transactionManager, JavaMailSender sender,
            MailSettings settings) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.sender = sender;
        this.from = fromAddress(settings.from());
        this.settings = settings.delivery();
        this.retries = settings.delivery().retryPolicy();
    }

    /** A mail was committed: deliver now rather than at the next poll. */
    void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @Override
    public synchronized void start() {
        if (!running) {
            running = true;
            worker = Thread.ofVirtual().name("ketnoi-mail-delivery").start(this::run);
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            // a batch in flight finishes (its SMTP calls have timeouts); an unfinished one stays due
            if (!worker.join(Duration.ofSeconds(30))) {
                log.warn("Mail delivery did not stop within 30 s; its mails stay in the outbox");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            long wait;
            try {
                if (deliverDueBatch() == settings.batchSize()) {
                    continue;
                }
                wait = untilNextDue();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Mail delivery could not work on the outbox, trying again in {}: {}",
                        settings.pollInterval(), e.toString());
                wait = settings.pollInterval().toMillis();
            }
            try {
                if (wake.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one batch of due mails in one transaction, which holds their rows; returns how many. */
    int deliverDueBatch() {
        Integer taken = transactions.execute(status -> {
            List<Pending> due = jdbc.sql("""
                            select id, recipient, locale, template, subject, body, attempts, created_at
                            from notify.outbox
                            where sent_at is null and failed_at is null and next_attempt_at <= now()
                            order by next_attempt_at, id
                            limit ?
                            for update skip locked""")
                    .param(settings.batchSize())
                    .query((rs, n) -> new Pending(rs.getLong("id"), rs.getString("recipient"), rs.getString("locale"),
                            rs.getString("template"), rs.getString("subject"), rs.getString("body"),
                            rs.getInt("attempts"), rs.getTimestamp("created_at")))
                    .list();
            if (!due.isEmpty()) {
                Map<Long, Failure> failures = send(due);
                for (Pending mail : due) {
                    Failure failure = failures.get(mail.id());
                    if (failure == null) {
                        jdbc.sql("update notify.outbox set sent_at = clock_timestamp(), attempts = attempts + 1 "
                                + "where id = ?").param(mail.id()).update();
                    } else {
                        recordFailure(mail, failure);
                    }
                }
            }
            return due.size();
        });
        return taken == null ? 0 : taken;
    }

    private Map<Long, Failure> send(List<Pending> due) {
        Map<Long, Failure> failures = new HashMap<>();
        // MimeMessage keeps identity equality: the keys are the very objects handed to the sender
        Map<MimeMessage, Long> messages = new LinkedHashMap<>();
        for (Pending mail : due) {
            try {
                messages.put(message(mail), mail.id());
            } catch (MessagingException | MailException e) {
                // the row itself cannot become a message: trying again would not help
                failures.put(mail.id(), new Failure(e, true));
            }
        }
        if (messages.isEmpty()) {
            return failures;
        }
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            if (e.getFailedMessages().isEmpty()) {
                messages.values().forEach(id -> failures.put(id, new Failure(e, false)));
            }
            e.getFailedMessages().forEach((message, cause) -> {
                Long id = messages.get(message);
                if (id != null) {
                    failures.put(id, new Failure(cause, false));
                }
            });
        } catch (MailException e) {
            // not connected or not authenticated: nothing of the batch went out
            messages.values().forEach(id -> failures.put(id, new Failure(e, false)));
        }
        return failures;
    }

    private MimeMessage message(Pending mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        message.setHeader("Content-Language", mail.locale());
        // no out-of-office replies to an automatic mail (RFC 3834)
        message.setHeader("Auto-Submitted", "auto-generated");
        // The same Message-ID on every attempt: a mail sent twice (a crash between the server's
        // acceptance and our bookkeeping) shows once in the reader's mailbox.
        message.setHeader("Message-ID", "<" + mail.createdAt().getTime() + "." + mail.id() + ".outbox@"
                + from.getAddress().substring(from.getAddress().indexOf('@') + 1) + ">");
        return message;
    }

    private void recordFailure(Pending mail, Failure failure) {
        int attempts = mail.attempts() + 1;
        String error = describe(failure.cause());
        Optional<Duration> wait = failure.permanent() ? Optional.empty() : retries.after(attempts);
        if (wait.isPresent()) {
            jdbc.sql("""
                            update notify.outbox
                            set attempts = ?, last_error = ?, next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'
                            where id = ?""")
                    .params(attempts, error, wait.get().toMillis(), mail.id()).update();
            log.info("Mail {} ({}) not delivered on attempt {}, trying again in {}: {}", mail.id(), mail.template(),
                    attempts, wait.get(), error);
        } else {
            jdbc.sql("update notify.outbox set attempts = ?, last_error = ?, failed_at = clock_timestamp() where id = ?")
                    .params(attempts, error, mail.id()).update();
            log.warn("Mail {} ({}) given up after {} attempt{}: {}", mail.id(), mail.template(), attempts,
                    attempts == 1 ? "" : "s", error);
        }
    }

    /** Milliseconds until the next pending mail is due, within the poll interval. */
    private long untilNextDue() {
        long poll = settings.pollInterval().toMillis();
        Optional<Double> next = jdbc.sql("""
                        select extract(epoch from min(next_attempt_at) - clock_timestamp()) * 1000
                        from notify.outbox where sent_at is null and failed_at is null""")
                .query(Double.class).optional();
        long wait = next.map(ms -> (long) Math.ceil(ms)).orElse(poll);
        return Math.max(MIN_WAIT_MILLIS, Math.min(wait, poll));
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append("; ").append(cause.getMessage());
            }
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }

    private static InternetAddress fromAddress(String from) {
        try {
            InternetAddress parsed = new InternetAddress(from, true);
            // parsed again with its name encoded for a header: the name may hold Vietnamese letters
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalStateException("ketnoi.mail.from is not a mail address such as "
                    + "'Ketnoi <no-reply@example.gov.vn>': " + from, e);
        }
    }

    private record Pending(long id, String recipient, String locale, String template, String subject, String body,
            int attempts, Timestamp createdAt) {
    }

    private record Failure(Throwable cause, boolean permanent) {
    }
}
