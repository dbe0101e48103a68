package org.ketnoi.notify.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a mail again: exponential backoff from the first wait up to the longest, and no more
 * tries after the last attempt (by default 30 s, 1 min, 2 min, ... 32 min, then 1 h: ten attempts over
 * about three hours, enough to outlast a mail server's maintenance window).
 */
record RetryPolicy(int maxAttempts, Duration firstWait, Duration maxWait) {

    /** The wait before the next attempt after {@code failedAttempts} failures, or empty to give up. */
    Optional<Duration> after(int failedAttempts) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration wait = firstWait.multipliedBy(1L << Math.max(doublings, 0));
        return Optional.of(wait.compareTo(maxWait) > 0 ? maxWait : wait);
    }
}
