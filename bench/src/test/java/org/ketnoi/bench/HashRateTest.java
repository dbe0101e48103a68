package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashRateTest {

    private static final List<String> OUTPUT = List.of(
            "WARNING: something the JVM says",
            "cost Argon2id m=19456 KiB, t=2, p=1",
            "hash {argon2id}$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
            "second 1 7",
            "second 2 9",
            "second 3 21",
            "measured hashes=420 nanos=10000000000 cpu_nanos=19950000000 per_thread=212,208");

    @Test
    void readsTheCostTheHashTheWarmUpAndTheWindow() {
        HashRate.Result r = HashRate.parse(OUTPUT);
        assertEquals("Argon2id m=19456 KiB, t=2, p=1", r.cost());
        assertEquals("{argon2id}$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", r.hash());
        assertEquals(2, r.threads());
        assertEquals(42.0, r.rate(), 1e-9);
        assertEquals(47.5, r.cpuMillisPerHash(), 1e-9);
        assertEquals(20.8, r.slowestThreadRate(), 1e-9);
        assertEquals(21.2, r.fastestThreadRate(), 1e-9);
        assertEquals(List.of(7L, 9L, 21L), r.perSecond());
        assertEquals("7 9 21", HashRate.perSecondText(r.perSecond()));
    }

    @Test
    void noResultIsAFailureThatShowsTheOutput() {
        BenchmarkFailed e = assertThrows(BenchmarkFailed.class, () -> HashRate.parse(OUTPUT.subList(0, 5)));
        assertTrue(e.getMessage().contains("second 2 9"), e.getMessage());
    }

    @Test
    void runsArgon2RateFromTheServerJarWithTheServersFlags() {
        List<String> c = HashRate.command(Path.of("/jdk/bin/java"), Path.of("/run/ketnoi-server.jar"),
                Path.of("/repo/bench/target/ketnoi-bench.jar"), 2, Duration.ofSeconds(15), Duration.ofSeconds(10), "pw");
        assertEquals(List.of("/jdk/bin/java", "-XX:+UseSerialGC", "-Xss512k", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=inline,org.bouncycastle.crypto.generators.Argon2BytesGenerator*::*", "-cp",
                "/run/ketnoi-server.jar",
                "-Dloader.path=/repo/bench/target/ketnoi-bench.jar", "-Dloader.main=org.ketnoi.bench.Argon2Rate",
                "org.springframework.boot.loader.launch.PropertiesLauncher", "2", "15000", "10000", "pw"), c);
    }
}
