package org.ketnoi.population.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketnoi.population.CitizenDocument;

class CsvCitizenReaderTest {

    private static final String HEADER = "id_number,full_name,birth_date,sex,permanent_commune,permanent_address\n";

    @Test
    void readsQuotedValuesWithCommasDoubledQuotesAndLineBreaks() {
        List<CitizenReader.Row> rows = read(HEADER
                + "001085700001,Nguyễn Văn An,1985-03-12,M,00004,\"Số 1, ngõ \"\"Hoa\"\"\nBa Đình\"\n"
                + "001190700002,Trần Thị Bình,1990-07,F,00004,\n");
        assertThat(rows).hasSize(2);
        CitizenDocument an = rows.get(0).document();
        assertThat(an.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(an.permanentAddress()).isEqualTo("Số 1, ngõ \"Hoa\"\nBa Đình");
        assertThat(rows.get(0).line()).isEqualTo(2);
        // The quoted line break makes the second row start on line 4.
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(1).document().permanentAddress()).isNull();
    }

    @Test
    void takesColumnsInAnyOrderWithAByteOrderMarkAndCrlfLineEnds() {
        List<CitizenReader.Row> rows = read("\uFEFFSex,permanent_commune,ID_NUMBER,birth_date,full_name\r\n"
                + "F,00004,001190700002,1990-07,Trần Thị Bình\r\n");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.document().idNumber()).isEqualTo("001190700002");
            assertThat(row.document().sex()).isEqualTo("F");
            assertThat(row.document().fullName()).isEqualTo("Trần Thị Bình");
            assertThat(row.document().homeTown()).isNull();
        });
    }

    @Test
    void readsALastRowWithoutLineEndWhenItIsComplete() {
        assertThat(read(HEADER + "001085700001,An,1985,M,00004,addr")).hasSize(1);
    }

    @Test
    void skipsBlankLines() {
        assertThat(read(HEADER + "\n001085700001,An,1985,M,00004,\n   \n\n")).hasSize(1);
    }

    @Test
    void rejectsARowWithTheWrongNumberOfValuesAndReadsOn() {
        List<CitizenReader.Row> rows = read(HEADER + "001085700001,An,1985\n001085700002,Ba,1985,M,00004,\n");
        assertThat(rows.get(0).problem().reason()).isEqualTo("the row has 3 values but the header names 6 columns");
        assertThat(rows.get(0).problem().line()).isEqualTo(2);
        assertThat(rows.get(1).document().idNumber()).isEqualTo("001085700002");
    }

    @Test
    void rejectsAStrayQuoteNamingItsColumnAndReadsOn() {
        List<CitizenReader.Row> rows = read(HEADER + "001085700001,An \"Bé\",1985,M,00004,\n"
                + "001085700002,\"Ba\"x,1985,M,00004,\n001085700003,Ca,1985,M,00004,\n");
        assertThat(rows.get(0).problem().field()).isEqualTo("full_name");
        assertThat(rows.get(0).problem().reason()).contains("a quote inside a value");
        assertThat(rows.get(1).problem().reason()).contains("text after the closing quote");
        assertThat(rows.get(2).document().idNumber()).isEqualTo("001085700003");
    }

    @Test
    void refusesAnUnknownColumnNamingIt() {
        assertThatThrownBy(() -> read("id_number,full_name,birth_date,sex,permanent_commune,shoe_size\n"))
                .isInstanceOf(ImportFileRefused.class).hasMessageContaining("unknown column 'shoe_size'")
                .hasMessageContaining("line 1");
    }

    @Test
    void refusesAHeaderWithoutARequiredColumnOrWithOneTwice() {
        assertThatThrownBy(() -> read("id_number,full_name,sex,permanent_commune\n"))
                .isInstanceOf(ImportFileRefused.class).hasMessageContaining("lacks the column 'birth_date'");
        assertThatThrownBy(() -> read("id_number,full_name,birth_date,sex,permanent_commune,sex\n"))
                .isInstanceOf(ImportFileRefused.class).hasMessageContaining("names the column 'sex' twice");
        assertThatThrownBy(() -> read("id_number,full_name,birth_date,sex,permanent_commune,\n"))
                .isInstanceOf(ImportFileRefused.class).hasMessageContaining("empty column name in position 6");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> read("")).isInstanceOf(ImportFileRefused.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("\uFEFF\n\n")).isInstanceOf(ImportFileRefused.class);
    }

    @Test
    void refusesAFileThatIsNotUtf8WithItsLine() {
        byte[] bytes = (HEADER + "001085700001,An,1985,M,00004,\n001085700002,Nguyễn Văn Ba,1985,M,00004,\n")
                .getBytes(Charset.forName("windows-1258"));
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file is not UTF-8 (line 3)")
                .extracting(e -> ((ImportFileRefused) e).line()).isEqualTo(3L);
    }

    @Test
    void refusesAFileThatEndsInsideAQuotedValue() {
        assertThatThrownBy(() -> read(HEADER + "001085700001,An,1985,M,00004,\"Số 1\nngõ"))
                .isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file ends in the middle of a record (line 2)");
    }

    @Test
    void refusesAFileWhoseLastRowIsCutShort() {
        assertThatThrownBy(() -> read(HEADER + "001085700001,An,1985,M,00004,\n001085700002,B"))
                .isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file ends in the middle of a record (line 3)");
    }

    @Test
    void refusesAFileCutInsideACharacter() {
        byte[] whole = (HEADER + "001085700001,Nguyễn").getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file ends in the middle of a record (line 2)");
    }

    @Test
    void refusesARecordLongerThan64KibWithoutReadingItWhole() {
        CountingStream endless = new CountingStream(endless(HEADER + "001085700001,\""));
        assertThatThrownBy(() -> read(endless)).isInstanceOf(ImportFileRefused.class)
                .hasMessageContaining("line 2 is longer than 64 KiB");
        assertThat(endless.count).isLessThan(1024 * 1024);
    }

    @Test
    void streamsManyRowsWithoutHoldingThem() {
        int rows = 50_000;
        InputStream generated = new InputStream() {
            private byte[] current = HEADER.getBytes(StandardCharsets.UTF_8);
            private int position;
            private int written;

            @Override
            public int read() {
                if (position == current.length) {
                    if (written == rows) {
                        return -1;
                    }
                    current = String.format("001085%06d,Nguyễn Văn An,1985-03-12,M,00004,\"Số %d, Ba Đình\"\n",
                            written, written).getBytes(StandardCharsets.UTF_8);
                    written++;
                    position = 0;
                }
                return current[position++] & 0xFF;
            }
        };
        CitizenReader reader = new CsvCitizenReader(generated);
        long count = 0;
        long lastLine = 0;
        for (CitizenReader.Row row = reader.next(); row != null; row = reader.next()) {
            assertThat(row.problem()).isNull();
            lastLine = row.line();
            count++;
        }
        assertThat(count).isEqualTo(rows);
        assertThat(lastLine).isEqualTo(rows + 1);
    }

    static List<CitizenReader.Row> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<CitizenReader.Row> read(byte[] bytes) {
        return read(new ByteArrayInputStream(bytes));
    }

    static List<CitizenReader.Row> read(InputStream in) {
        CitizenReader reader = new CsvCitizenReader(in);
        List<CitizenReader.Row> rows = new ArrayList<>();
        for (CitizenReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    /** The text, then the letter a for ever. */
    static InputStream endless(String start) {
        byte[] prefix = start.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int position;

            @Override
            public int read() {
                return position < prefix.length ? prefix[position++] & 0xFF : 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len && position < prefix.length) {
                    b[off + n++] = prefix[position++];
                }
                if (n == 0) {
                    java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                    n = len;
                }
                return n;
            }
        };
    }

    /** Counts the bytes a reader took. */
    static class CountingStream extends java.io.FilterInputStream {

        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
