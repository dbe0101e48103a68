package org.ketnoi.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The current {@code Authorization: Bearer …} header of one caller. The provider's access tokens
 * live 5 minutes and a lookup phase runs longer, so a virtual thread asks for a new token when the
 * current one is 4 minutes old (or 80 % of a shorter life) and swaps it in; the load driver's
 * clients only read the reference, so renewal never stalls a measurement. A renewal that fails is
 * retried every few seconds and counted; the old token stays in place until it expires, after which
 * the server's 401s show as errors of the measurement.
 */
final class BearerSource implements Supplier<String>, AutoCloseable {

    static final Duration RENEW_AFTER = Duration.ofMinutes(4);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final String who;
    private final Supplier<Tokens.Token> fetch;
    private final AtomicReference<Tokens.Token> current = new AtomicReference<>();
    private final AtomicReference<String> header = new AtomicReference<>();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;
    private final Thread renewer;

    /** Asks for the first token now (failing the run if that fails), then renews it in the background. */
    static BearerSource start(String who, Supplier<Tokens.Token> fetch) {
        return new BearerSource(who, fetch);
    }

    private BearerSource(String who, Supplier<Tokens.Token> fetch) {
        this.who = who;
        this.fetch = fetch;
        set(fetch.get());
        this.renewer = Thread.ofVirtual().name("token-renewal " + who).start(this::renewLoop);
    }

    /** The header to send now. */
    @Override
    public String get() {
        return header.get();
    }

    String who() {
        return who;
    }

    long renewals() {
        return renewals.get();
    }

    long failures() {
        return failures.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    /** When a token of this life is renewed: at 4 minutes, or at 80 % of a shorter life. */
    static Duration renewAfter(Duration life) {
        Duration share = life.multipliedBy(4).dividedBy(5);
        return share.compareTo(RENEW_AFTER) < 0 ? share : RENEW_AFTER;
    }

    private void set(Tokens.Token token) {
        current.set(token);
        header.set(token.header());
    }

    private void renewLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Tokens.Token token = current.get();
                Duration wait = Duration.between(Instant.now(), token.issued().plus(renewAfter(token.life())));
                if (wait.isPositive()) {
                    Thread.sleep(wait);
                }
                try {
                    set(fetch.get());
                    renewals.incrementAndGet();
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    failures.incrementAndGet();
                    lastFailure = e.getMessage();
                    Thread.sleep(RETRY);
                    // Try again soon: pretend the token was issued so that it is due RETRY from now.
                    current.set(new Tokens.Token(token.value(), Instant.now().minus(renewAfter(token.life())),
                            token.life()));
                }
            }
        } catch (InterruptedException e) {
            // close()
        }
    }

    @Override
    public void close() {
        renewer.interrupt();
        try {
            renewer.join(Duration.ofSeconds(35));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
