package org.ketnoi.dossier.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Result documents rendered, read back with PDFBox and, where installed, poppler. */
class ResultDocumentsTest {

    static final Path OUT = Path.of("target/result-documents");

    static final Instant CREATED = Instant.parse("2026-02-05T03:15:00Z");

    final ResultDocuments documents = new ResultDocuments(Clock.fixed(CREATED, ZoneId.of("Asia/Ho_Chi_Minh")));

    static ResultContent confirmation(List<String> lines) {
        return new ResultContent("Ủy ban nhân dân Thành phố Hà Nội", "Ủy ban nhân dân phường Ba Đình", "Hà Nội",
                LocalDate.of(2026, 2, 5), "125/XNCT-UBND", "Giấy xác nhận thông tin về cư trú", lines,
                "TM. Ủy ban nhân dân\nChủ tịch", "Nguyễn Văn Thành", "000.04.XA.H01-260205-0007");
    }

    static final List<String> LINES = List.of(
            "Người đề nghị: Nguyễn Thị Hồng Ngọc, Phường Ba Đình, Thành phố Hà Nội.",
            "Ủy ban nhân dân phường Ba Đình xác nhận: bà Nguyễn Thị Hồng Ngọc, sinh ngày 14 tháng 8 năm 1992, "
                    + "số định danh cá nhân 001192012345, hiện cư trú tại số 18 phố Đội Cấn, Phường Ba Đình, "
                    + "Thành phố Hà Nội.",
            "Thông tin về nơi thường trú: số 18 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội; chủ hộ: "
                    + "Trần Quốc Việt; quan hệ với chủ hộ: vợ.",
            "Giấy xác nhận này có giá trị 30 ngày kể từ ngày ký, được cấp theo đề nghị của công dân để bổ "
                    + "sung hồ sơ đăng ký khai sinh cho con.");

    @Test
    void rendersAVietnameseAdministrativeDocumentWhoseTextReadsBackExactly() throws Exception {
        byte[] pdf = documents.render(confirmation(LINES));
        Path file = write("xac-nhan-cu-tru.pdf", pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.5f));
            String text = new PDFTextStripper().getText(doc);
            String flat = flat(text);
            assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("Độc lập - Tự do - Hạnh phúc")
                    .contains("Số: 125/XNCT-UBND")
                    .contains("Hà Nội, ngày 05 tháng 02 năm 2026")
                    .contains("GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ")
                    .contains("Mã hồ sơ: 000.04.XA.H01-260205-0007")
                    .contains("Nguyễn Văn Thành")
                    .contains("CHỦ TỊCH");
            assertThat(flat).contains("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI").contains("ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH").contains("TM. ỦY BAN NHÂN DÂN");
            for (String line : LINES) {
                assertThat(flat).contains(line);
            }
            assertThat(text).contains("Người đề nghị: Nguyễn Thị Hồng Ngọc, Phường Ba Đình, Thành phố Hà Nội.");
            // the title comes after the heading and before the body, the signer after the body
            assertThat(flat.indexOf("GIẤY XÁC NHẬN")).isGreaterThan(flat.indexOf("Hạnh phúc"))
                    .isLessThan(flat.indexOf(LINES.getFirst()));
            assertThat(flat.indexOf("Nguyễn Văn Thành")).isGreaterThan(flat.indexOf(LINES.getLast()));

            for (PDFont font : fonts(doc)) {
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                // a subset: "ABCDEF+Tinos-Bold"
                assertThat(font.getName()).matches("[A-Z]{6}\\+Tinos(-Bold|-Italic)?");
            }
            assertThat(fonts(doc)).extracting(PDFont::getName)
                    .anyMatch(n -> n.endsWith("+Tinos")).anyMatch(n -> n.endsWith("+Tinos-Bold"))
                    .anyMatch(n -> n.endsWith("+Tinos-Italic"));

            PDDocumentInformation info = doc.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("Giấy xác nhận thông tin về cư trú");
            assertThat(info.getSubject()).contains("000.04.XA.H01-260205-0007").contains("Ủy ban nhân dân phường Ba Đình");
            assertThat(info.getCreationDate().toInstant()).isEqualTo(CREATED);
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("vi-VN");
        }
        assertThat(pdf.length).as("subset fonts, not the 1.6 MB of whole ones").isLessThan(120_000);

        // poppler, an implementation of its own, reads the same
        assumeThat(Path.of("/usr/bin/pdftotext")).as("poppler-utils installed").isExecutable();
        String poppler = run("/usr/bin/pdftotext", "-layout", file.toString(), "-");
        assertThat(poppler).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("Độc lập - Tự do - Hạnh phúc")
                .contains("Hà Nội, ngày 05 tháng 02 năm 2026").contains("GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ")
                .contains("Mã hồ sơ: 000.04.XA.H01-260205-0007");
        assertThat(flat(poppler)).contains(LINES.get(1));
        String fonts = run("/usr/bin/pdffonts", file.toString());
        assertThat(fonts.lines().skip(2).toList()).hasSize(3).allSatisfy(line -> assertThat(line)
                .contains("CID TrueType").contains("Identity-H").matches(".*\\byes\\s+yes\\s+yes\\b.*"));
    }

    @Test
    void aLongBodyContinuesOnNumberedPagesAndKeepsTheSignatureWhole() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("Điều " + i + ". Ông Phạm Đức Thắng, bà Lê Thị Thu Hương và con là cháu Phạm Gia Bảo được ghi "
                    + "nhận đầy đủ thông tin cư trú tại Phường Ba Đình, Thành phố Hà Nội theo quy định của Luật Cư trú "
                    + "năm 2020 và các văn bản hướng dẫn thi hành.");
        }
        byte[] pdf = documents.render(confirmation(lines));
        write("nhieu-trang.pdf", pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            String second = stripper.getText(doc);
            assertThat(second).contains("Trang 2/" + doc.getNumberOfPages()).contains("Mã hồ sơ: 000.04.XA.H01-260205-0007");
            assertThat(second).doesNotContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            String all = withoutMargins(doc);
            for (String line : lines) {
                assertThat(all).contains(line);
            }
            // the role and the name of the signer are on the same (last) page
            stripper.setStartPage(doc.getNumberOfPages());
            stripper.setEndPage(doc.getNumberOfPages());
            assertThat(stripper.getText(doc)).contains("CHỦ TỊCH").contains("Nguyễn Văn Thành");
        }
    }

    @Test
    void writesDatesAsTheDecreeDoes() {
        assertThat(ResultDocuments.dateLine("Hà Nội", LocalDate.of(2026, 2, 5))).isEqualTo("Hà Nội, ngày 05 tháng 02 năm 2026");
        assertThat(ResultDocuments.dateLine("Huế", LocalDate.of(2026, 1, 31))).isEqualTo("Huế, ngày 31 tháng 01 năm 2026");
        assertThat(ResultDocuments.dateLine("Đà Nẵng", LocalDate.of(2026, 3, 9))).isEqualTo("Đà Nẵng, ngày 09 tháng 3 năm 2026");
        assertThat(ResultDocuments.dateLine("Cần Thơ", LocalDate.of(2026, 12, 25))).isEqualTo("Cần Thơ, ngày 25 tháng 12 năm 2026");
    }

    @Test
    void drawsDecomposedLettersComposedAndReplacesWhatTheFontLacks() throws Exception {
        String decomposed = java.text.Normalizer.normalize("Nguyễn Thị Hồng Ngọc", java.text.Normalizer.Form.NFD);
        byte[] pdf = documents.render(new ResultContent(null, "Bộ Tư pháp", "Hà Nội", LocalDate.of(2026, 11, 2),
                "7/GXN-BTP", "Phiếu lý lịch tư pháp", List.of("Họ và tên: " + decomposed + " 😀", "\tGhi chú\u0007."),
                "Cục trưởng", "Đỗ Minh Quân", "000.00.00.G06-261102-0001"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String flat = flat(new PDFTextStripper().getText(doc));
            assertThat(flat).contains("Họ và tên: Nguyễn Thị Hồng Ngọc \uFFFD").contains("Ghi chú.")
                    .contains("BỘ TƯ PHÁP").contains("Hà Nội, ngày 02 tháng 11 năm 2026");
        }
    }

    @Test
    void refusesContentWithoutItsParts() {
        assertThatThrownBy(() -> new ResultContent(null, " ", "Hà Nội", LocalDate.now(), "1/GKS", "Giấy", List.of(),
                "Chủ tịch", "An", "X")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agencyName");
        assertThatThrownBy(() -> new ResultContent(null, "UBND", "Hà Nội", null, "1/GKS", "Giấy", List.of(),
                "Chủ tịch", "An", "X")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<PDFont> fonts(PDDocument doc) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (var page : doc.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                if (fonts.stream().noneMatch(f -> f.getName().equals(font.getName()))) {
                    fonts.add(font);
                }
            }
        }
        return fonts;
    }

    /** The pages' text in reading order, without the page numbers and the foot line, as one line. */
    static String withoutMargins(PDDocument doc) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= doc.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            stripper.getText(doc).lines()
                    .filter(line -> !line.matches("\\d+|Mã hồ sơ: .*"))
                    .forEach(line -> text.append(line).append('\n'));
        }
        return flat(text.toString());
    }

    /** Line breaks and runs of spaces as one space: wrapped lines read as the paragraph they came from. */
    static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    static Path write(String name, byte[] pdf) throws IOException {
        Files.createDirectories(OUT);
        return Files.write(OUT.resolve(name), pdf);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
