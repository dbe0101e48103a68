package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationFileTest {

    @Test
    void csvFieldsHonourQuotes() {
        assertEquals(List.of("031066883025", "Tăng Hữu Cường", "1966-10-31"),
                PopulationFile.fields("031066883025,Tăng Hữu Cường,1966-10-31,M", 3));
        assertEquals(List.of("a", "Số 8, ngõ \"235\"", ""), PopulationFile.fields("a,\"Số 8, ngõ \"\"235\"\"\",", 5));
    }

    @Test
    void namesAreFoldedAsTheServerFoldsThem() {
        assertEquals("nguyen van an", PopulationFile.fold("Nguyễn  Văn An"));
        assertEquals("dang thi dung", PopulationFile.fold("Đặng Thị Dung"));
        assertEquals("tang huu cuong", PopulationFile.fold("Tăng Hữu Cường"));
    }

    @Test
    void samplesEveryNthRowFromTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.csv");
        StringBuilder csv = new StringBuilder("id_number,full_name,birth_date,permanent_address\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(String.format("%012d,Lê Thị %d,1990-0%d,\"Số %d, phố X\"%n", i, i, 1 + i % 9, i));
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        PopulationFile.Sample sample = PopulationFile.sample(file, 2000,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(2000, sample.rows());
        assertEquals(3, sample.people().size()); // rows 0, 997, 1994
        PopulationFile.Person second = sample.people().get(1);
        assertEquals("000000000997", second.idNumber());
        assertEquals("Lê Thị 997", second.fullName());
        assertEquals("le thi 997", second.nameKey());
        assertEquals("1990-08", second.birthDate());
        assertEquals(1990, second.birthYear());
    }

    @Test
    void linesOfAGrowingFileAreCountedOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.part");
        PopulationFile.LineCounter counter = new PopulationFile.LineCounter(file);
        counter.advance();
        assertEquals(0, counter.count());
        Files.writeString(file, "a\nb\n");
        counter.advance();
        Files.writeString(file, "c\nd", java.nio.file.StandardOpenOption.APPEND);
        counter.advance();
        assertEquals(3, counter.count());
    }
}
