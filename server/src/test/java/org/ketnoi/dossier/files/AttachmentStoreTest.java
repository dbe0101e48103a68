package org.ketnoi.dossier.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.unit.DataSize;

/** The store with real files: PDFs made by PDFBox, images by ImageIO, and disguised files of other kinds. */
class AttachmentStoreTest {

    @TempDir
    Path dataDir;

    Path root;
    AttachmentStore store;

    @BeforeEach
    void setUp() {
        root = dataDir.resolve("files");
        store = new AttachmentStore(root, DataSize.ofMegabytes(10));
    }

    @Test
    void storesAPdfUnderItsSha256AsSha256sumComputesIt() throws Exception {
        byte[] pdf = pdf("Đơn đề nghị đăng ký khai sinh");
        AttachmentStore.StoredFile stored = store.store(new ByteArrayInputStream(pdf), "don-de-nghi.pdf");

        assertThat(stored.mediaType()).isEqualTo("application/pdf");
        assertThat(stored.size()).isEqualTo(pdf.length);
        assertThat(stored.name()).isEqualTo("don-de-nghi.pdf");
        Path file = root.resolve(stored.sha256().substring(0, 2)).resolve(stored.sha256().substring(2, 4))
                .resolve(stored.sha256());
        assertThat(file).isRegularFile().hasBinaryContent(pdf);
        assertThat(stored.sha256()).isEqualTo(sha256sum(file));
        assertThat(store.exists(stored.sha256())).isTrue();
        try (InputStream in = store.open(stored.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(leftInTmp()).isEmpty();
    }

    @Test
    void storesPngAndJpegByTheirContent() throws Exception {
        byte[] png = image("png");
        byte[] jpeg = image("jpeg");
        AttachmentStore.StoredFile p = store.store(new ByteArrayInputStream(png), "anh-chan-dung.png");
        AttachmentStore.StoredFile j = store.store(new ByteArrayInputStream(jpeg), "CCCD mặt trước.JPEG");

        assertThat(p.mediaType()).isEqualTo("image/png");
        assertThat(p.name()).isEqualTo("anh-chan-dung.png");
        assertThat(j.mediaType()).isEqualTo("image/jpeg");
        assertThat(j.name()).isEqualTo("CCCD mặt trước.jpeg");
        assertThat(j.size()).isEqualTo(jpeg.length);
        assertThat(storedFiles()).hasSize(2);
    }

    @Test
    void aPdfNamedJpgIsStoredAsThePdfItIs() throws Exception {
        AttachmentStore.StoredFile stored = store.store(new ByteArrayInputStream(pdf("scan")), "scan.jpg");
        assertThat(stored.mediaType()).isEqualTo("application/pdf");
        assertThat(stored.name()).isEqualTo("scan.pdf");
    }

    @Test
    void refusesAnExecutableNamedPdf() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        System.arraycopy("This program cannot be run in DOS mode".getBytes(StandardCharsets.US_ASCII), 0, exe, 78, 38);
        assertRefused(exe, "giay-to.pdf", "attachment.type");
    }

    @Test
    void refusesHtmlNamedPng() {
        assertRefused("<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                "anh.png", "attachment.type");
    }

    @Test
    void refusesAZipNamedPdf() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            out.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertRefused(zip.toByteArray(), "don.pdf", "attachment.type");
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(new byte[0], "trong.pdf", "attachment.empty");
    }

    @Test
    void refusesOneByteOverTheLimitAndTakesExactlyTheLimit() throws Exception {
        byte[] png = image("png");
        AttachmentStore tight = new AttachmentStore(root, DataSize.ofBytes(png.length - 1));
        assertThatThrownBy(() -> tight.store(new ByteArrayInputStream(png), "anh.png"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.code()).isEqualTo("attachment.too-large");
                    assertThat(e.field()).isEqualTo("attachment");
                    assertThat(e.arguments()).containsExactly("anh.png", (png.length - 1) + " B");
                });
        assertThat(storedFiles()).isEmpty();
        assertThat(leftInTmp()).isEmpty();

        AttachmentStore exact = new AttachmentStore(root, DataSize.ofBytes(png.length));
        assertThat(exact.store(new ByteArrayInputStream(png), "anh.png").size()).isEqualTo(png.length);
    }

    @Test
    void stopsReadingAnEndlessUploadSoonAfterTheLimit() {
        AttachmentStore small = new AttachmentStore(root, DataSize.ofKilobytes(100));
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) '%');
                served[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> small.store(endless, "vo-tan.pdf")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.code()).isEqualTo("attachment.too-large"));
        assertThat(served[0]).isLessThanOrEqualTo(100 * 1024 + 64 * 1024);
        assertThat(leftInTmp()).isEmpty();
    }

    @Test
    void refusesEncryptedPdfs() throws Exception {
        for (String userPassword : List.of("mat-khau", "")) {
            try (PDDocument doc = new PDDocument()) {
                doc.addPage(new PDPage(PDRectangle.A4));
                StandardProtectionPolicy policy = new StandardProtectionPolicy("chu-so-huu", userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.save(out);
                assertRefused(out.toByteArray(), "bi-mat.pdf", "attachment.encrypted");
            }
        }
    }

    @Test
    void refusesFilesThatOnlyStartLikeAPdfOrPng() throws Exception {
        assertRefused("%PDF-1.7\nthis is no PDF at all\n".getBytes(StandardCharsets.US_ASCII), "gia.pdf",
                "attachment.damaged");
        byte[] png = image("png");
        assertRefused(Arrays.copyOf(png, 20), "cut.png", "attachment.damaged");
        byte[] jpegStart = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
        assertRefused(jpegStart, "cut.jpg", "attachment.damaged");
    }

    @Test
    void theSameContentStoredTwiceIsOneFile() throws Exception {
        byte[] pdf = pdf("bản sao");
        AttachmentStore.StoredFile first = store.store(new ByteArrayInputStream(pdf), "lan-1.pdf");
        AttachmentStore.StoredFile second = store.store(new ByteArrayInputStream(pdf), "lan-2.pdf");
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.name()).isEqualTo("lan-2.pdf");
        assertThat(storedFiles()).hasSize(1);
        assertThat(leftInTmp()).isEmpty();
    }

    @Test
    void rejectsMalformedHashesAndReportsMissingOnes() {
        for (String bad : Arrays.asList(null, "", "../../etc/passwd", "ABCDEF" + "0".repeat(58), "0".repeat(63),
                "0".repeat(64) + "/")) {
            assertThatThrownBy(() -> store.exists(bad)).isInstanceOfSatisfying(InvalidInput.class,
                    e -> assertThat(e.code()).isEqualTo("attachment.hash"));
            assertThatThrownBy(() -> store.open(bad)).isInstanceOf(InvalidInput.class);
        }
        String absent = "ab".repeat(32);
        assertThat(store.exists(absent)).isFalse();
        assertThatThrownBy(() -> store.open(absent)).isInstanceOf(NotFound.class);
    }

    @Test
    void cleansDeclaredNamesForDisplay() {
        assertThat(AttachmentStore.cleanName("C:\\Users\\an\\Giấy khai sinh.PDF", "application/pdf"))
                .isEqualTo("Giấy khai sinh.pdf");
        assertThat(AttachmentStore.cleanName("../../etc/passwd", "application/pdf")).isEqualTo("passwd.pdf");
        assertThat(AttachmentStore.cleanName("hoa-don\u202Egpj.pdf", "image/png")).isEqualTo("hoa-dongpj.png");
        assertThat(AttachmentStore.cleanName("a\tb\nc\u0000.png", "image/png")).isEqualTo("a b c.png");
        assertThat(AttachmentStore.cleanName(null, "image/jpeg")).isEqualTo("tep-dinh-kem.jpg");
        assertThat(AttachmentStore.cleanName("...", "image/jpeg")).isEqualTo("tep-dinh-kem.jpg");
        assertThat(AttachmentStore.cleanName("bien.ban.hop", "application/pdf")).isEqualTo("bien.ban.pdf");
        // decomposed Vietnamese (as macOS writes names) becomes composed
        assertThat(AttachmentStore.cleanName("Nguye\u0302\u0303n.pdf", "application/pdf")).isEqualTo("Nguyễn.pdf");
        String longName = AttachmentStore.cleanName("Tờ khai ".repeat(40) + ".pdf", "application/pdf");
        assertThat(longName).hasSize(120).endsWith(".pdf").startsWith("Tờ khai Tờ khai");
        String emoji = AttachmentStore.cleanName("😀".repeat(200), "image/png");
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(120);
        assertThat(emoji).endsWith("😀.png");
    }

    @Test
    void everyRefusalReadsInVietnameseAndEnglish() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        List<InvalidInput> refusals = Stream.of(new byte[0], "MZ".getBytes(StandardCharsets.US_ASCII),
                        "%PDF-1.4 broken".getBytes(StandardCharsets.US_ASCII))
                .map(bytes -> refusal(store, bytes, "giay-to.pdf")).toList();
        InvalidInput tooLarge = refusal(new AttachmentStore(root, DataSize.ofBytes(1)), image("png"), "anh.png");
        InvalidInput hash = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInput.class,
                () -> store.open("x"));
        for (InvalidInput refusal : Stream.concat(refusals.stream(), Stream.of(tooLarge, hash)).toList()) {
            String vi = messages.getMessage(refusal.resolvable(), Locale.forLanguageTag("vi"));
            String en = messages.getMessage(refusal.resolvable(), Locale.ENGLISH);
            assertThat(vi).as(refusal.code()).isNotEqualTo(refusal.getMessage()).doesNotContain("{");
            assertThat(en).as(refusal.code()).isNotEqualTo(refusal.getMessage()).doesNotContain("{")
                    .isNotEqualTo(vi);
        }
        assertThat(messages.getMessage(tooLarge.resolvable(), Locale.forLanguageTag("vi")))
                .isEqualTo("Tệp \"anh.png\" lớn hơn mức tối đa 1 B cho phép: hãy quét lại với độ phân giải thấp "
                        + "hơn hoặc chia thành nhiều tệp.");
        assertThat(messages.getMessage(refusals.get(1).resolvable(), Locale.ENGLISH))
                .startsWith("The file \"giay-to.pdf\" is not a PDF, JPEG or PNG file.");
    }

    @Test
    void readableSizes() {
        assertThat(AttachmentStore.readableSize(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(AttachmentStore.readableSize(1536L * 1024)).isEqualTo("1.5 MB");
        assertThat(AttachmentStore.readableSize(2048)).isEqualTo("2 KB");
        assertThat(AttachmentStore.readableSize(900)).isEqualTo("900 B");
    }

    private void assertRefused(byte[] content, String name, String code) {
        InvalidInput e = refusal(store, content, name);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.field()).isEqualTo("attachment");
        assertThat(e.arguments().getFirst()).isEqualTo(name);
        assertThat(storedFiles()).isEmpty();
        assertThat(leftInTmp()).isEmpty();
    }

    private static InvalidInput refusal(AttachmentStore store, byte[] content, String name) {
        try {
            store.store(new ByteArrayInputStream(content), name);
        } catch (InvalidInput e) {
            return e;
        }
        throw new AssertionError(name + " was stored but should have been refused");
    }

    /** The stored files, without the temporary folder. */
    private List<Path> storedFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(root.resolve("tmp"))).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Path> leftInTmp() {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] pdf(String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 760);
                // the standard fonts have no Vietnamese letters: the text is only there to make a page
                content.showText(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D'));
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xb5120e));
        g.fillRect(0, 0, 40, 30);
        g.setColor(Color.YELLOW);
        g.fillOval(12, 7, 16, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static String sha256sum(Path file) throws Exception {
        Path tool = Path.of("/usr/bin/sha256sum");
        assumeThat(tool).as("coreutils' sha256sum").isExecutable();
        Process p = new ProcessBuilder(tool.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        return out.substring(0, 64);
    }

    @Test
    void anUnusedFileIsRemovedUnlessStoredAgainSinceTheCutOff() throws Exception {
        byte[] pdf = pdf("Tờ khai đã bỏ");
        String hash = store.store(new ByteArrayInputStream(pdf), "to-khai.pdf").sha256();
        Path file = root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
        java.time.Instant cutOff = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                cutOff.minus(java.time.Duration.ofHours(1))));

        // stored again: touched, so it stays
        store.store(new ByteArrayInputStream(pdf), "lai-lan-nua.pdf");
        assertThat(store.removeUnusedFile(hash, cutOff)).isFalse();
        assertThat(store.exists(hash)).isTrue();

        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                cutOff.minus(java.time.Duration.ofHours(1))));
        assertThat(store.removeUnusedFile(hash, cutOff)).isTrue();
        assertThat(store.exists(hash)).isFalse();
        assertThat(store.removeUnusedFile(hash, cutOff)).isFalse();
        // and the same content stored later is there again
        assertThat(store.store(new ByteArrayInputStream(pdf), "moi.pdf").sha256()).isEqualTo(hash);
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(pdf);
    }

    @Test
    void aRemovalLeftHalfDoneByAStoppedProcessIsUndoneAtStart() throws Exception {
        byte[] pdf = pdf("Giấy tờ bị ngắt giữa chừng");
        String hash = store.store(new ByteArrayInputStream(pdf), "giay-to.pdf").sha256();
        Path file = root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
        java.nio.file.Files.move(file, root.resolve("tmp").resolve("removing-" + hash));

        AttachmentStore restarted = new AttachmentStore(root, DataSize.ofMegabytes(10));

        assertThat(restarted.exists(hash)).isTrue();
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(pdf);
    }
}
