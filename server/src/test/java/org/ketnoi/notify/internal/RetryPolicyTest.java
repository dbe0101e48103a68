package org.ketnoi.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void doublesTheWaitUpToTheLongestThenGivesUp() {
        assertThat(policy.after(1)).contains(Duration.ofSeconds(30));
        assertThat(policy.after(2)).contains(Duration.ofMinutes(1));
        assertThat(policy.after(3)).contains(Duration.ofMinutes(2));
        assertThat(policy.after(7)).contains(Duration.ofMinutes(32));
        assertThat(policy.after(8)).contains(Duration.ofHours(1));
        assertThat(policy.after(9)).contains(Duration.ofHours(1));
        assertThat(policy.after(10)).isEmpty();
        assertThat(policy.after(11)).isEmpty();
    }

    @Test
    void theDefaultsSpreadTenAttemptsOverAboutThreeHours() {
        RetryPolicy defaults = new MailSettings(null, null, null).delivery().retryPolicy();
        Duration total = Duration.ZERO;
        for (int failed = 1; defaults.after(failed).isPresent(); failed++) {
            total = total.plus(defaults.after(failed).get());
        }
        assertThat(total).isBetween(Duration.ofHours(2), Duration.ofHours(4));
    }

    @Test
    void aHugeAttemptCountDoesNotOverflow() {
        RetryPolicy many = new RetryPolicy(Integer.MAX_VALUE, Duration.ofHours(1), Duration.ofDays(1));
        assertThat(many.after(1_000_000)).contains(Duration.ofDays(1));
    }
}
