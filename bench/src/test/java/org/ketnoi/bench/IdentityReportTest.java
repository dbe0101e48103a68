package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityReportTest {

    static IdentityResults.TokenPoint point(String grant, int c, long perSecond, double p99Millis, long errors,
            boolean extra) {
        Wrk.Result w = new Wrk.Result(perSecond * 20 + errors, 20_000_000, 1, 0, errors, errors, 0, p99Millis * 500,
                p99Millis * 800, p99Millis * 1000, p99Millis * 1500, p99Millis * 400, errors > 0 ? "400 x" : "", 0);
        return new IdentityResults.TokenPoint(grant, c, extra, w, 0.1, 1.0, 20_000, 5_000, 300, 20_000_000,
                GcLog.NONE);
    }

    static IdentityResults.TokenPoint cc(int c, long perSecond, double p99Millis) {
        return point(IdentityResults.CLIENT_CREDENTIALS, c, perSecond, p99Millis, 0, false);
    }

    @Test
    void aTokenPointPassesWithTwiceKeycloaksBestRateAndP99Under50ms() {
        assertEquals(674, 2 * IdentityReport.keycloakBest(IdentityResults.CLIENT_CREDENTIALS), 1e-9);
        assertEquals(566, 2 * IdentityReport.keycloakBest(IdentityResults.REFRESH_TOKEN), 1e-9);
        assertTrue(IdentityReport.tokenGoalMet(cc(64, 700, 49.9)));
        assertFalse(IdentityReport.tokenGoalMet(cc(64, 700, 50)));
        assertFalse(IdentityReport.tokenGoalMet(cc(64, 673, 10)));
        assertFalse(IdentityReport.tokenGoalMet(point(IdentityResults.CLIENT_CREDENTIALS, 8, 900, 10, 1, false)));
        assertTrue(IdentityReport.tokenGoalMet(point(IdentityResults.REFRESH_TOKEN, 32, 570, 40, 0, false)));
        assertEquals(283, IdentityReport.keycloakAt(IdentityResults.REFRESH_TOKEN, 32).orElseThrow().rate(), 1e-9);
        assertTrue(IdentityReport.keycloakAt(IdentityResults.REFRESH_TOKEN, 16).isEmpty());
    }

    @Test
    void theSearchHalvesDownFromTheLowestLevelThatMissedP99() {
        List<IdentityResults.TokenPoint> points = new ArrayList<>(List.of(cc(8, 600, 20), cc(64, 700, 120)));
        assertEquals(32, TokenSearch.nextLevel(points, 50));
        points.add(cc(32, 690, 70));
        assertEquals(16, TokenSearch.nextLevel(points, 50));
        points.add(cc(16, 680, 35));
        assertNull(TokenSearch.nextLevel(points, 50), "16 met it; 8 below it met it too");
        assertEquals(16, TokenSearch.highestMeeting(points, 50).concurrency());

        assertNull(TokenSearch.nextLevel(List.of(cc(8, 600, 20), cc(64, 700, 45)), 50), "the highest met it");
        assertEquals(4, TokenSearch.nextLevel(List.of(cc(8, 300, 80)), 50));
        assertNull(TokenSearch.nextLevel(List.of(cc(1, 300, 80)), 50), "nothing below 1");
        assertNull(TokenSearch.nextLevel(List.of(cc(8, 600, 20), cc(16, 700, 80)), 50), "8 is half of 16, measured");
        assertNull(TokenSearch.highestMeeting(List.of(cc(8, 300, 80)), 50));
    }

    static HashRate.Result hash(double rate) {
        return new HashRate.Result("Argon2id m=19456 KiB, t=2, p=1", "{argon2id}x", 2, Math.round(rate * 10),
                10_000_000_000L, Math.round(rate * 10) * 47_000_000L, List.of(Math.round(rate * 5),
                        Math.round(rate * 5)), List.of(7L, 20L, (long) rate));
    }

    static IdentityResults.SigninPoint signins(int c, int count, long errors) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = 100_000_000L + i * 1_000_000L;
        }
        LoadDriver.Run run = new LoadDriver.Run("POST /signin", c, 20_000_000_000L, Latencies.of(values, count), errors,
                errors > 0 ? Map.of("HTTP 500", errors) : Map.of(), 0.99, count * 50L, count * 3L, "", count * 4L);
        return new IdentityResults.SigninPoint(run, 0.05, GcLog.NONE, Duration.ofSeconds(25),
                new Memory(900_000, 890_000, 1));
    }

    @Test
    void signInsAreJudgedOnTheBestCleanLevelAgainstTheFasterHashJvm() {
        assertEquals(42.0, IdentityReport.hashLimit(hash(40), hash(42)), 1e-9);
        List<IdentityResults.SigninPoint> points = List.of(signins(2, 600, 0), signins(4, 760, 0),
                signins(8, 800, 3));
        assertEquals(4, IdentityReport.bestSignin(points).orElseThrow().run().concurrency());
        assertEquals(8, IdentityReport.bestSignin(List.of(signins(8, 800, 3))).orElseThrow().run().concurrency());
    }

    @Test
    void theReportHasEveryFigureBesideItsGoal() {
        ResultsFixture f = new ResultsFixture();
        String md = new IdentityReport(f.results()).markdown();
        assertTrue(md.contains("| Password sign-ins (`POST /signin`, success) reach ≥ 0.9 × the bare Argon2id hash"), md);
        assertTrue(md.contains("38.0 sign-ins/s at C=4"), md);
        assertTrue(md.contains("| 0.90 (0.95 / 0.90) | **PASS** |"), md);
        assertTrue(md.contains("`client_credentials` grants at C=64: ≥ 2 × Keycloak's best (674/s) with p99 < 50 ms | "
                + "700/s, p50 60.0 ms, p99 120 ms, 0 errors | Keycloak 26.7.3 at C=64: 337/s (p99 475 ms)"), md);
        assertTrue(md.contains("**FAIL** (p99)"), md);
        assertTrue(md.contains("`client_credentials`: the highest concurrency measured whose p99 stays under 50 ms | "
                + "C=32: 690/s, p99 40.0 ms"), md);
        assertTrue(md.contains("| Argon2id m=19456 KiB, t=2, p=1 | Argon2id m=7168 KiB (7 MiB), t=5, p=1"), md);
        assertTrue(md.contains("| Live heap per session | **+500 B**"), md);
        assertTrue(md.contains("| identity.http_session | 1.00 / 0.00 / 0.00 | 0.00 / 3.00 / 0.00 |"), md);
        assertTrue(md.contains("| `SPRING_SECURITY_CONTEXT` | 2,000 | 2,226 |"), md);
        assertTrue(md.contains("| 8,000 B | 6,000 B / 2,000 B | 1,000 | 1.00 |"), md);
        assertTrue(md.contains("| WAL per full sign-in (steps 1 + 2), right after a checkpoint | 32,000 B; without "
                + "full-page images 11,000 B |"), md);
        assertTrue(md.contains("The server's methods most often on top of the stack during the sign-ins: "
                + "`Argon2BytesGenerator.quarterRound` 80 %, `BigInteger.montgomerySquare` 20 %."), md);
        assertTrue(md.contains("| 38.0 | 479 ms | 852 ms | 0 | 0.95 | 0.90 | 50.0 ms | 4.00 ms | 3.00 ms | 99 % | none | – "
                + "| 879 MiB |"), md);
        assertTrue(md.contains("**server during the sign-in points** (the top rows hold 1,000 samples; "
                + "Argon2's methods on top of the stack: 80 % of all samples)"), md);
    }

    /** A whole run's results, made up, for the report test. */
    static final class ResultsFixture {
        IdentityResults results() {
            IdentityOptions options = IdentityOptions.parse("identity");
            MachineInfo machine = new MachineInfo("AMD EPYC", 2, 2, 24_000_000, "Debian 12", "Linux 6.1", "25.0.3",
                    "Eclipse Adoptium", "/jdk");
            List<IdentityResults.TokenPoint> tokens = List.of(cc(8, 600, 20), cc(64, 700, 120),
                    point(IdentityResults.CLIENT_CREDENTIALS, 32, 690, 40, 0, true),
                    point(IdentityResults.REFRESH_TOKEN, 8, 580, 30, 0, false),
                    point(IdentityResults.REFRESH_TOKEN, 32, 600, 45, 0, false));
            long[] ms = new long[2000];
            java.util.Arrays.fill(ms, 5_000_000L);
            Latencies latencies = Latencies.of(ms, 2000);
            List<IdentityResults.Step> steps = List.of(
                    new IdentityResults.Step("provider sign-in: POST /signin", 8, 2000, Map.of(), 50_000, latencies,
                            16_000_000, 1000, 12_000_000, 4_000_000, List.of(new IdentityResults.TableWrites("identity.http_session", 2000, 0,
                                    0))),
                    new IdentityResults.Step("portal sign-in: the rest", 8, 2000, Map.of(), 20_000, latencies,
                            48_000_000, 900, 30_000_000, 18_000_000, List.of(new IdentityResults.TableWrites("identity.http_session", 0, 6000,
                                    0))),
                    new IdentityResults.Step("page view: GET /account", 8, 2000, Map.of(), 5_000, latencies, 4_000_000,
                            100, 3_000_000, 1_000_000, List.of(new IdentityResults.TableWrites("identity.http_session", 0, 2000, 0))));
            ClassHistogram before = new ClassHistogram(40_000_000, 800_000, Map.of("[B", 10_000_000L),
                    Map.of("[B", 100_000L));
            ClassHistogram after = new ClassHistogram(41_000_000, 810_000, Map.of("[B", 11_000_000L),
                    Map.of("[B", 110_000L));
            IdentityResults.Sessions sessions = new IdentityResults.Sessions(2000, steps, 4000, 6000, 30_000_000,
                    45_000_000, 7_600_000, 2000, List.of(new IdentityResults.Attribute("SPRING_SECURITY_CONTEXT", 2000,
                            2226)), before, after, after.grownSince(before, 8), new Memory(700_000, 690_000, 1),
                    new Memory(710_000, 700_000, 1));
            return new IdentityResults(ZonedDateTime.parse("2026-11-23T08:00:00Z"), Duration.ofMinutes(9), machine,
                    "0.5 0.6 0.7", "1.9 1.5 1.0", new GitRevision("abc1234", false), "server.jar", "java -jar b.jar identity",
                    "java -jar server.jar", "java Argon2Rate", "wrk 4.1.0", options, "PostgreSQL 18.6", 30_000,
                    hash(40), hash(42.2), hash(80), List.of(signins(2, 600, 0), signins(4, 760, 0)), tokens, sessions,
                    List.of(new Jfr.Profile(IdentityResults.PROFILE_SIGNINS, java.nio.file.Path.of("s.jfr"), List.of(
                            new Jfr.HotMethod("org.bouncycastle.crypto.generators.Argon2BytesGenerator.quarterRound("
                                    + "long[], int, int, int, int)", 800, 80.0),
                            new Jfr.HotMethod("java.math.BigInteger.montgomerySquare(...)", 200, 20.0)))),
                    new KetnoiServer.Shutdown(2000, 1500, 143, true), List.of());
        }
    }
}
