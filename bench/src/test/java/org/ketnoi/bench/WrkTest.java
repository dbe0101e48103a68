package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrkTest {

    @Test
    void readsTheScriptsLineAmongWrksOwnOutput() {
        Wrk.Result r = Wrk.parse(List.of(
                "Running 20s test @ http://127.0.0.1:4000/oauth2/token",
                "  1 threads and 8 connections",
                "Requests/sec:    559.15",
                "KETNOI-WRK requests=11200 duration_us=20000000 bytes=14000000 connect=0 read=1 write=0 status=200 "
                        + "timeout=2 bad=150 p50_us=13441 p90_us=20000 p99_us=38129 max_us=61300 mean_us=14540.5",
                "KETNOI-WRK-FIRST-ERROR 400 {\"error\":\"invalid_grant\"}"));
        assertEquals(11200, r.requests());
        assertEquals(3, r.socketErrors());
        assertEquals(2, r.timeouts());
        assertEquals(200, r.statusErrors());
        assertEquals(150, r.bad());
        assertEquals(203, r.errors());
        assertEquals(11000, r.good());
        assertEquals(550.0, r.rate(), 1e-9);
        assertEquals(13.441, r.p50Millis(), 1e-9);
        assertEquals(38.129, r.p99Millis(), 1e-9);
        assertEquals("400 {\"error\":\"invalid_grant\"}", r.firstError());
    }

    @Test
    void aWindowWithoutAnyAnswerCountsEveryConnection() {
        Wrk.Result silent = Wrk.parse(List.of("KETNOI-WRK requests=0 duration_us=20034559 bytes=0 connect=0 read=0 "
                + "write=0 status=0 timeout=0 bad=0 p50_us=0 p90_us=0 p99_us=0 max_us=0 mean_us=0.0"))
                .stalledIfSilent(32);
        assertEquals(32, silent.stalled());
        assertEquals(32, silent.errors());
        assertEquals(0.0, silent.rate(), 1e-9);
        Wrk.Result answered = Wrk.parse(List.of("KETNOI-WRK requests=5 duration_us=1000000 bytes=0 connect=0 read=0 "
                + "write=0 status=0 timeout=0 bad=0 p50_us=1 p90_us=1 p99_us=1 max_us=1 mean_us=1.0"))
                .stalledIfSilent(32);
        assertEquals(0, answered.errors());
        assertFalse(TokenSearch.meets(new IdentityResults.TokenPoint("refresh_token", 32, false, silent, 0, 1, 0, 0, 0,
                0, GcLog.NONE), 50));
    }

    @Test
    void noLineIsAFailure() {
        assertThrows(BenchmarkFailed.class, () -> Wrk.parse(List.of("unable to connect to 127.0.0.1:1")));
    }

    @Test
    void oneThreadAndTheScriptsArgumentsAfterTheDashes() {
        assertEquals(List.of("/usr/bin/wrk", "-t1", "-c32", "-d20s", "--timeout", "10s", "-s", "/r/refresh.lua",
                "http://127.0.0.1:1/oauth2/token", "--", "/r/tokens"), Wrk.command(32, Duration.ofSeconds(20),
                Path.of("/r/refresh.lua"), "http://127.0.0.1:1/oauth2/token", List.of("/r/tokens")));
        assertEquals(List.of("/usr/bin/wrk", "-t1", "-c8", "-d5s", "--timeout", "10s", "-s", "/r/cc.lua", "http://h/t"),
                Wrk.command(8, Duration.ofSeconds(5), Path.of("/r/cc.lua"), "http://h/t", List.of()));
    }

    @Test
    void theScriptsSendTheGrantsAndPrintTheLine() {
        String cc = Wrk.clientCredentialsScript("Basic abc", "population.verify");
        assertTrue(cc.contains("grant_type=client_credentials&scope=population.verify"), cc);
        assertTrue(cc.contains("wrk.headers[\"Authorization\"] = \"Basic abc\""), cc);
        assertTrue(cc.contains("KETNOI-WRK requests=%d"), cc);
        String refresh = Wrk.refreshScript("Basic xyz");
        assertTrue(refresh.contains("grant_type=refresh_token&refresh_token=\" .. token"), refresh);
        assertTrue(refresh.contains("local verified = false"), refresh);
        assertTrue(refresh.contains("io.write(\"KETNOI-WRK-FIRST-ERROR \" .. string.gsub(first, \"%c\", \" \") .. \"\\n\")"),
                refresh);
    }

    @Test
    void theGetScriptTakesThePathsInTurnAndCountsWrongPages() {
        String script = Wrk.getScript(List.of("/a?x=1", "/b\"c"), java.util.Map.of("Cookie", "SESSION=abc"),
                "govuk-error-summary");
        assertTrue(script.contains("wrk.headers[\"Cookie\"] = \"SESSION=abc\""), script);
        assertTrue(script.contains("local paths = {\"/a?x=1\", \"/b\\\"c\"}"), script);
        assertTrue(script.contains("local forbidden = \"govuk-error-summary\""), script);
        assertTrue(script.contains("paths[(n % #paths) + 1]"), script);
        assertTrue(script.contains("KETNOI-WRK requests=%d"), "the done line of the other scripts: " + script);
        assertTrue(Wrk.getScript(List.of("/"), java.util.Map.of(), null).contains("local forbidden = nil"));
        assertThrows(IllegalArgumentException.class, () -> Wrk.getScript(List.of(), java.util.Map.of(), null));
    }
}
