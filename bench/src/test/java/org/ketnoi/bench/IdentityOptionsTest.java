package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityOptionsTest {

    @Test
    void defaultsAreTheIssuesPoints() {
        IdentityOptions o = IdentityOptions.parse("identity");
        assertEquals(Duration.ofSeconds(20), o.duration());
        assertEquals(Duration.ofSeconds(5), o.warmup());
        assertEquals(Duration.ofSeconds(15), o.signinWarmup());
        assertEquals(Duration.ofSeconds(15), o.tokenWarmup());
        assertEquals(List.of(2, 4, 8), o.signinConcurrency());
        assertEquals(List.of(8, 64), o.ccConcurrency());
        assertEquals(List.of(8, 32), o.refreshConcurrency());
        assertTrue(o.search());
        assertEquals(1_000, o.sessions());
        assertEquals(Duration.ofSeconds(12), o.hashWarmup());
        assertEquals(Duration.ofSeconds(8), o.hashDuration());
        assertEquals(Duration.ofMinutes(2), o.quietWait());
        assertFalse(o.keepData());
        assertTrue(o.profile());
        assertEquals(8, o.maxSigninConcurrency());
    }

    @Test
    void everyOptionCanBeSet() {
        IdentityOptions o = IdentityOptions.parse("identity", "--duration", "3s", "--warmup=1s", "--signin-warmup", "0", "--token-warmup", "4s",
                "--signin-concurrency", "1,16,1", "--cc-concurrency=4", "--refresh-concurrency", "2,4", "--no-search",
                "--sessions", "10k", "--hash-warmup", "2s", "--hash-duration", "3s", "--quiet-wait", "0s",
                "--no-profile", "--keep-data");
        assertEquals(Duration.ofSeconds(3), o.duration());
        assertEquals(Duration.ofSeconds(1), o.warmup());
        assertEquals(Duration.ZERO, o.signinWarmup());
        assertEquals(Duration.ofSeconds(4), o.tokenWarmup());
        assertEquals(List.of(1, 16), o.signinConcurrency());
        assertEquals(List.of(4), o.ccConcurrency());
        assertEquals(List.of(2, 4), o.refreshConcurrency());
        assertFalse(o.search());
        assertEquals(10_000, o.sessions());
        assertEquals(Duration.ofSeconds(2), o.hashWarmup());
        assertEquals(Duration.ofSeconds(3), o.hashDuration());
        assertEquals(Duration.ZERO, o.quietWait());
        assertTrue(o.keepData());
        assertFalse(o.profile());
        assertEquals(16, o.maxSigninConcurrency());
        assertEquals("--keep-data", o.arguments().getLast());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--sessions", "0"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--sessions", "2M"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--cc-concurrency", "0"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--cc-concurrency", "257"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--cc-concurrency", "a,b"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--duration", "500ms"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--warmup", "-1s"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--duration"));
        assertThrows(IllegalArgumentException.class, () -> IdentityOptions.parse("identity", "--count", "5"));
    }
}
