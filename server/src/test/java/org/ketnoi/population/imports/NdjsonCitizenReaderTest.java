package org.ketnoi.population.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketnoi.population.CitizenDocument;

class NdjsonCitizenReaderTest {

    private static final String AN = "{\"idNumber\":\"001085700001\",\"fullName\":\"Nguyễn Văn An\",\"birthDate\":"
            + "\"1985-03-12\",\"sex\":\"M\",\"permanentCommune\":\"00004\",\"homeTown\":null}";

    @Test
    void readsOneObjectPerLineWithStringsAndNulls() {
        List<CitizenReader.Row> rows = read(AN + "\r\n\n" + AN.replace("700001", "700002")
                .replace("Nguyễn Văn An", "Trần \\\"Bé\\\" \\u00c2n"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).document().fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(rows.get(0).document().homeTown()).isNull();
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).document().fullName()).isEqualTo("Trần \"Bé\" Ân");
    }

    @Test
    void rejectsBadLinesWithTheirReasonAndReadsOn() {
        List<CitizenReader.Row> rows = read(String.join("\n",
                AN.replace("\"homeTown\"", "\"shoeSize\""),
                AN.replace("\"1985-03-12\"", "19850312"),
                "[1,2,3]",
                "{\"idNumber\": \"0010",
                AN.replace("\"homeTown\":null", "\"sex\":\"F\""),
                AN + " {}",
                AN.replace("Nguyễn Văn An", "\\ud800"),
                AN) + "\n");
        assertThat(rows).extracting(r -> r.problem() == null ? "ok" : r.problem().field() + ": "
                + r.problem().reason().replaceAll(";.*", "")).containsExactly(
                        "shoeSize: unknown field 'shoeSize'",
                        "birthDate: the field birthDate must be a JSON string or null",
                        "null: the line is not a JSON object",
                        "null: the line ends in the middle of a JSON object",
                        "sex: the field sex appears twice",
                        "null: the line holds more than one JSON value",
                        "fullName: the field fullName holds an escape such as \\ud800 that is half of a character",
                        "ok");
        assertThat(rows).extracting(CitizenReader.Row::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void rejectsJsonSyntaxErrors() {
        assertThat(read("{\"idNumber\" \"x\"}\n").getFirst().problem().reason())
                .startsWith("the line is not valid JSON");
    }

    @Test
    void refusesAFileWhoseLastLineIsCutOff() {
        assertThatThrownBy(() -> read(AN + "\n" + AN.substring(0, 40)))
                .isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file ends in the middle of a record (line 2)");
        assertThat(read(AN + "\n" + AN)).hasSize(2);
    }

    @Test
    void refusesAFileThatIsNotUtf8() {
        byte[] bytes = (AN + "\n" + AN + "\n").getBytes(Charset.forName("windows-1258"));
        assertThatThrownBy(() -> read(new ByteArrayInputStream(bytes))).isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file is not UTF-8 (line 1)");
    }

    @Test
    void refusesALineLongerThan64Kib() {
        CsvCitizenReaderTest.CountingStream endless = new CsvCitizenReaderTest.CountingStream(
                CsvCitizenReaderTest.endless(AN + "\n{\"fullName\":\""));
        assertThatThrownBy(() -> read(endless)).isInstanceOf(ImportFileRefused.class)
                .hasMessageContaining("line 2 is longer than 64 KiB");
        assertThat(endless.count).isLessThan(1024 * 1024);
    }

    @Test
    void readsBackWhatTheWritersWrite() {
        CitizenDocument tricky = new CitizenDocument("001085700001", "Nguyễn Văn An", "1985-03", "M", "Kinh", null,
                "VN", null, "Xã \"Cổ\", Nam Định", "00004", " Số 1,\nngõ 2\\3\t", null, null, "HN-1", "head",
                "2021-05-01", "Cục Cảnh sát", "married", null, null, null, "001190700002");
        for (Format format : Format.values()) {
            StringWriter out = new StringWriter();
            CitizenWriter writer = CitizenWriter.of(format, out);
            writer.write(tricky.values());
            writer.write(tricky.values());
            writer.flush();
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            CitizenReader reader = CitizenReader.open(format, new ByteArrayInputStream(bytes));
            assertThat(reader.next().document()).as(format.name()).isEqualTo(tricky);
            assertThat(reader.next().document()).as(format.name()).isEqualTo(tricky);
            assertThat(reader.next()).isNull();
        }
    }

    static List<CitizenReader.Row> read(String text) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<CitizenReader.Row> read(InputStream in) {
        CitizenReader reader = new NdjsonCitizenReader(in);
        List<CitizenReader.Row> rows = new ArrayList<>();
        for (CitizenReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
