package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationOptionsTest {

    @Test
    void defaultsAreTenMillionSixteenClientsTwentySeconds() {
        PopulationOptions o = PopulationOptions.parse("population");
        assertEquals(10_000_000, o.count());
        assertEquals(1, o.seed());
        assertEquals(Duration.ofSeconds(20), o.duration());
        assertEquals(Duration.ofSeconds(5), o.warmup());
        assertEquals(List.of(16), o.concurrency());
        assertFalse(o.keepData());
        assertFalse(o.stream());
        assertTrue(o.copyPeer());
    }

    @Test
    void streamAndNoCopyPeerAreFlags() {
        PopulationOptions o = PopulationOptions.parse("population", "--count", "100M", "--stream", "--no-copy-peer",
                "--concurrency", "4,16");
        assertTrue(o.stream());
        assertFalse(o.copyPeer());
        assertEquals(100_000_000, o.count());
        assertEquals(List.of(4, 16), o.concurrency());
        assertTrue(PopulationOptions.parse("population", "--stream").copyPeer());
        assertFalse(PopulationOptions.parse("population", "--no-copy-peer").stream());
    }

    @Test
    void countsAndDurationsCanBeWrittenAsPeopleWriteThem() {
        assertEquals(10_000_000, PopulationOptions.parse("population", "--count", "10M").count());
        assertEquals(500_000, PopulationOptions.parse("population", "--count=500k").count());
        assertEquals(10_000_000, PopulationOptions.parse("population", "--count", "10_000_000").count());
        assertEquals(10_000_000, PopulationOptions.parse("population", "--count", "1e7").count());
        assertEquals(Duration.ofMinutes(2), PopulationOptions.parse("population", "--duration", "2m").duration());
        assertEquals(Duration.ofSeconds(90), PopulationOptions.parse("population", "--duration=90").duration());
        assertEquals(Duration.ZERO, PopulationOptions.parse("population", "--warmup", "0s").warmup());
        assertEquals(List.of(4, 16, 64), PopulationOptions.parse("population", "--concurrency", "4,16,64,16").concurrency());
        assertTrue(PopulationOptions.parse("population", "--keep-data").keepData());
        assertEquals(7, PopulationOptions.parse("population", "--seed", "7").seed());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--count", "0"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--count", "ten"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--count", "1.5"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--concurrency", "0"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--concurrency", "65"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--duration", "100ms"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--runs", "3"));
        assertThrows(IllegalArgumentException.class, () -> PopulationOptions.parse("population", "--count"));
    }
}
