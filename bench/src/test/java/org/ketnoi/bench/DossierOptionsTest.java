package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DossierOptionsTest {

    @Test
    void defaultsAreTheIssuesPoints() {
        DossierOptions o = DossierOptions.parse("dossier");
        assertEquals(Duration.ofSeconds(20), o.duration());
        assertEquals(Duration.ofSeconds(5), o.warmup());
        assertEquals(List.of(8, 16, 32, 64), o.submitConcurrency());
        assertEquals(List.of(8, 16, 32), o.completeConcurrency());
        assertEquals(4_000, o.completePool());
        assertEquals(1_000_000, o.queueRows());
        assertEquals(0.05, o.openShare());
        assertEquals(3_000, o.deskOpen());
        assertEquals(List.of(4, 16), o.queueConcurrency());
        assertEquals(List.of(16, 32, 64), o.pageConcurrency());
        assertEquals(Set.copyOf(DossierOptions.ALL_PARTS), o.parts());
        assertEquals(Duration.ofMinutes(1), o.quietWait());
        assertFalse(o.keepData());
        assertTrue(o.profile());
    }

    @Test
    void everyOptionCanBeSet() {
        DossierOptions o = DossierOptions.parse("dossier", "--duration", "3s", "--warmup=1s", "--submit-concurrency",
                "2,4", "--complete-concurrency=1", "--complete-pool", "1k", "--queue-rows", "50k", "--open-share",
                "0.1", "--desk-open", "500", "--queue-concurrency", "1", "--page-concurrency", "8,8,2", "--parts",
                "queue, pages", "--quiet-wait", "0", "--no-profile", "--keep-data");
        assertEquals(Duration.ofSeconds(3), o.duration());
        assertEquals(Duration.ofSeconds(1), o.warmup());
        assertEquals(List.of(2, 4), o.submitConcurrency());
        assertEquals(List.of(1), o.completeConcurrency());
        assertEquals(1_000, o.completePool());
        assertEquals(50_000, o.queueRows());
        assertEquals(0.1, o.openShare());
        assertEquals(500, o.deskOpen());
        assertEquals(List.of(1), o.queueConcurrency());
        assertEquals(List.of(8, 2), o.pageConcurrency());
        assertTrue(o.runs("queue") && o.runs("pages"));
        assertFalse(o.runs("submit") || o.runs("complete"));
        assertEquals(Duration.ZERO, o.quietWait());
        assertTrue(o.keepData());
        assertFalse(o.profile());
        assertEquals("--keep-data", o.arguments().getLast());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--open-share", "0"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--open-share", "1.5"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--open-share", "half"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--queue-rows", "0"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--queue-rows", "200M"));
        // more of the clerk's open dossiers than open dossiers at all
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--queue-rows", "10k",
                "--desk-open", "1000"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--parts", "submit,tea"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--page-concurrency", "0"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--warmup", "-1s"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--duration"));
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("dossier", "--count", "5"));
    }
}
