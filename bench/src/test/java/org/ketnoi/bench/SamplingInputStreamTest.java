package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplingInputStreamTest {

    private static String csv(int rows, String newline) {
        StringBuilder csv = new StringBuilder("id_number,full_name,birth_date,permanent_address" + newline);
        for (int i = 0; i < rows; i++) {
            csv.append(String.format("%012d,Lê Thị %d,1990-0%d,\"Số %d, phố X\"", i, i, 1 + i % 9, i)).append(newline);
        }
        return csv.toString();
    }

    /** Reads all, in pieces of an awkward size, so lines and multi-byte characters are cut between reads. */
    private static long drain(InputStream in, int piece) throws IOException {
        byte[] buffer = new byte[piece];
        long total = 0;
        for (int n; (n = in.read(buffer, 0, piece)) >= 0; ) {
            total += n;
        }
        return total;
    }

    @Test
    void theStreamGivesTheSameSampleAsTheFile(@TempDir Path dir) throws IOException {
        String text = csv(2500, "\n");
        Path file = dir.resolve("p.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        PopulationFile.Sample fromFile = PopulationFile.sample(file, 2500,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        PopulationFile.Sampler sampler = new PopulationFile.Sampler("test");
        SamplingInputStream in = new SamplingInputStream(new ByteArrayInputStream(bytes), sampler);
        assertEquals(bytes.length, drain(in, 7));
        assertNull(in.failure());
        assertEquals(bytes.length, in.bytes());
        assertEquals(fromFile, sampler.sample());
        assertEquals(2500, sampler.rows());
        assertEquals(3, sampler.sample().people().size()); // rows 0, 997, 1994
        assertEquals("Lê Thị 1994", sampler.sample().people().get(2).fullName());
    }

    @Test
    void crLfAndALastLineWithoutItsEndAndSingleBytes() throws IOException {
        String text = csv(998, "\r\n");
        text = text.substring(0, text.length() - 2); // the last row without its line end
        PopulationFile.Sampler sampler = new PopulationFile.Sampler("test");
        try (SamplingInputStream in = new SamplingInputStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sampler)) {
            while (in.read() >= 0) {
                // one byte at a time
            }
            in.read(); // a second end of stream does not count the last line twice
        }
        assertEquals(998, sampler.rows());
        assertEquals(2, sampler.sample().people().size());
        PopulationFile.Person last = sampler.sample().people().get(1);
        assertEquals("000000000997", last.idNumber());
        assertEquals("1990-08", last.birthDate());
        assertEquals("le thi 997", last.nameKey());
    }

    @Test
    void aBadHeaderIsKeptForLaterAndTheUploadGoesOn() throws IOException {
        byte[] bytes = "number,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
        SamplingInputStream in = new SamplingInputStream(new ByteArrayInputStream(bytes),
                new PopulationFile.Sampler("test"));
        assertEquals(bytes.length, drain(in, 4));
        assertInstanceOf(BenchmarkFailed.class, in.failure());
    }
}
