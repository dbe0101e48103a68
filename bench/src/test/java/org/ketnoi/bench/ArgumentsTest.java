package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void readsBothValueFormsAndFlagsAndSkipsTheBenchmarksName() {
        List<Arguments.Option> o = Arguments.read("dossier", Set.of("--keep-data"), "dossier", "--duration", "3s",
                "--keep-data", "--parts=submit,pages");
        assertEquals(3, o.size());
        assertEquals(new Arguments.Option("--duration", "3s", "--duration"), o.get(0));
        assertNull(o.get(1).value());
        assertEquals("submit,pages", o.get(2).value());
        assertEquals("--parts=submit,pages", o.get(2).given());
    }

    @Test
    void aMissingValueAndAnUnknownOptionAreNamed() {
        var missing = assertThrows(IllegalArgumentException.class,
                () -> Arguments.read("dossier", Set.of(), "--duration"));
        assertEquals("--duration needs a value", missing.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("--colour=red"));
        assertEquals("unknown argument '--colour=red'", unknown.getMessage());
        // the benchmark's name only counts first
        assertThrows(IllegalArgumentException.class, () -> DossierOptions.parse("--keep-data", "dossier"));
    }
}
