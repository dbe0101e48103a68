package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JfrTest {

    @Test
    void readsTheHotMethodsTable() {
        List<Jfr.HotMethod> rows = Jfr.parse(List.of(
                "",
                "                         Java Methods that Execute the Most",
                "",
                "Method                                                                  Samples Percent",
                "----------------------------------------------------------------------- ------- -------",
                "org.bouncycastle.crypto.generators.Argon2BytesGenerator.quarterRound(long[], int, int, int, int)   3,121  54.50%",
                "org.bouncycastle.crypto.generators.Argon2BytesGenerator.access$700(...)                               44  19.82%",
                "java.util.Arrays.fill(long[], long)                                                                     1   0.45%",
                ""));
        assertEquals(3, rows.size());
        assertEquals(new Jfr.HotMethod("org.bouncycastle.crypto.generators.Argon2BytesGenerator.quarterRound(long[], "
                + "int, int, int, int)", 3121, 54.5), rows.getFirst());
        assertEquals("org.bouncycastle.crypto.generators.Argon2BytesGenerator.access$700(...)", rows.get(1).method());
        Jfr.Profile p = new Jfr.Profile("x", Path.of("x.jfr"), rows);
        assertEquals(0.7432, p.share("org.bouncycastle.crypto.generators.Argon2"), 1e-9);
        assertEquals(3166, p.samples());
    }

    @Test
    void theHashJvmRecordsAfterItsWarmUp() {
        assertEquals("-XX:StartFlightRecording=delay=15s,settings=default,filename=/r/hash-before.jfr",
                Jfr.startOption(15, Path.of("/r/hash-before.jfr")));
        assertEquals("-XX:StartFlightRecording=settings=default,filename=/r/h.jfr", Jfr.startOption(0, Path.of("/r/h.jfr")));
    }
}
