package org.ketnoi.population.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.ketnoi.platform.InvalidInput;

/**
 * The readers take anything a client sends. Whatever the bytes, they return rows (each either a
 * document or a reason) or refuse the file with our typed error; nothing else escapes, and they end.
 * A normal test run replays the seeds under ReaderFuzzTestInputs/; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ReaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void csvReaderReturnsRowsOrRefusesTheFile(byte[] data) {
        drain(Format.CSV, data);
    }

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void ndjsonReaderReturnsRowsOrRefusesTheFile(byte[] data) {
        drain(Format.NDJSON, data);
    }

    /** Reads every row and checks it the way an import does; only InvalidInput may come out. */
    static void drain(Format format, byte[] data) {
        try {
            CitizenReader reader = CitizenReader.open(format, new ByteArrayInputStream(data));
            long previous = 0;
            for (CitizenReader.Row row = reader.next(); row != null; row = reader.next()) {
                assertThat(row.line()).isGreaterThan(previous);
                previous = row.line();
                assertThat(row.document() == null).isNotEqualTo(row.problem() == null);
                if (row.document() != null) {
                    try {
                        row.document().toRecord();
                    } catch (InvalidInput e) {
                        assertThat(e.field()).isNotNull();
                    }
                }
            }
        } catch (ImportFileRefused e) {
            assertThat(e.line()).isPositive();
            assertThat(e.getMessage()).contains("line " + e.line());
        }
    }
}
