package org.ketnoi.dossier.result;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * Result documents as PDF, laid out as Decree 30/2020/NĐ-CP (Appendix I) lays out an
 * administrative document: on A4 with margins of 20 mm top and bottom, 30 mm left and 15 mm right;
 * the issuing agency under its superior at the top left with the number below; the national heading
 * and motto at the top right with the place and date below; the title centred; the body justified
 * with a first-line indent; the signature block on the right. The type is Tinos (metric-compatible
 * with Times New Roman, which the decree prescribes), embedded as a subset.
 *
 * <p>The document is unsigned here; signing comes with the trust module.
 */
@Component
public class ResultDocuments {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    static final String MOTTO = "Độc lập - Tự do - Hạnh phúc";

    private static final float MM = 72f / 25.4f;
    private static final float TOP = 20 * MM;
    private static final float BOTTOM = 20 * MM;
    private static final float LEFT = 30 * MM;
    private static final float RIGHT = 15 * MM;
    /** The header's left column (agency, number) takes this share of the width; the right the rest. */
    private static final float LEFT_COLUMN = 0.42f;
    private static final float HEADING_SIZE = 12.5f;
    private static final float BODY_SIZE = 13.5f;
    private static final float TITLE_SIZE = 14;
    private static final float CODE_SIZE = 9.5f;
    private static final float LEADING = 1.25f;
    private static final float PARAGRAPH_GAP = 6;
    private static final float INDENT = 10 * MM;
    private static final float RULE = 0.6f;
    /** Room for the hand signature and the seal between the signer's position and name. */
    private static final float SIGNATURE_SPACE = 62;

    private final byte[] regular = font("Tinos-Regular.ttf");
    private final byte[] bold = font("Tinos-Bold.ttf");
    private final byte[] italic = font("Tinos-Italic.ttf");
    private final Clock clock;

    public ResultDocuments() {
        this(Clock.system(VIETNAM));
    }

    ResultDocuments(Clock clock) {
        this.clock = clock;
    }

    /** The document as PDF bytes. */
    public byte[] render(ResultContent c) {
        try (PDDocument doc = new PDDocument()) {
            Fonts fonts = new Fonts(PDType0Font.load(doc, new java.io.ByteArrayInputStream(regular), true),
                    PDType0Font.load(doc, new java.io.ByteArrayInputStream(bold), true),
                    PDType0Font.load(doc, new java.io.ByteArrayInputStream(italic), true));
            Sheet sheet = new Sheet(doc, fonts);
            try {
                header(sheet, c);
                title(sheet, c.title());
                body(sheet, c.lines());
                signature(sheet, c.signerRole(), c.signerName());
            } finally {
                sheet.close();
            }
            margins(doc, fonts, c.dossierCode());
            metadata(doc, c);
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render the result document of " + c.dossierCode(), e);
        }
    }

    /**
     * "Hà Nội, ngày 05 tháng 02 năm 2026": the decree puts a zero before days under 10 and before
     * the months 1 and 2 (so that no one can turn them into 11 or 12), and before no other month.
     */
    static String dateLine(String place, LocalDate date) {
        int month = date.getMonthValue();
        return place.strip() + ", ngày " + String.format(Locale.ROOT, "%02d", date.getDayOfMonth()) + " tháng "
                + (month <= 2 ? "0" + month : String.valueOf(month)) + " năm " + date.getYear();
    }

    private static void header(Sheet s, ResultContent c) throws IOException {
        float width = s.contentWidth();
        float leftWidth = width * LEFT_COLUMN;
        float rightX = LEFT + leftWidth;
        float rightWidth = width - leftWidth;
        float top = s.y;

        // left: the superior agency (regular), the issuing agency (bold) with a short rule, the number
        float y = top;
        if (c.superiorName() != null && !c.superiorName().isBlank()) {
            for (String line : s.balanced(upper(c.superiorName()), s.fonts.regular, HEADING_SIZE, leftWidth)) {
                y -= HEADING_SIZE * LEADING;
                s.centred(line, s.fonts.regular, HEADING_SIZE, LEFT, leftWidth, y);
            }
        }
        float agencyLine = 0;
        for (String line : s.balanced(upper(c.agencyName()), s.fonts.bold, HEADING_SIZE, leftWidth)) {
            y -= HEADING_SIZE * LEADING;
            s.centred(line, s.fonts.bold, HEADING_SIZE, LEFT, leftWidth, y);
            agencyLine = Math.max(agencyLine, s.width(line, s.fonts.bold, HEADING_SIZE));
        }
        // a rule of about a third of the name's length, centred under it
        y -= 6.5f;
        float ruleLength = Math.max(agencyLine / 3, 40);
        s.rule(LEFT + (leftWidth - ruleLength) / 2, y, ruleLength);
        float leftBottom = y;

        // right: the national heading, the motto and a rule as long as the motto
        float r = top - HEADING_SIZE * LEADING;
        s.centred(NATIONAL_HEADING, s.fonts.bold, HEADING_SIZE, rightX, rightWidth, r);
        r -= BODY_SIZE * LEADING;
        s.centred(MOTTO, s.fonts.bold, BODY_SIZE, rightX, rightWidth, r);
        float motto = s.width(MOTTO, s.fonts.bold, BODY_SIZE);
        r -= 5.5f;
        s.rule(rightX + (rightWidth - motto) / 2, r, motto);

        // the number and the date share a line below both columns' rules
        float line = Math.min(leftBottom, r) - BODY_SIZE * LEADING - 4;
        s.centred("Số: " + s.clean(c.number().strip(), s.fonts.regular), s.fonts.regular, 13, LEFT, leftWidth, line);
        s.centred(dateLine(c.placeName(), c.date()), s.fonts.italic, BODY_SIZE, rightX, rightWidth, line);
        s.y = line;
    }

    private static void title(Sheet s, String title) throws IOException {
        s.y -= TITLE_SIZE * 2.4f;
        List<String> lines = s.balanced(upper(title), s.fonts.bold, TITLE_SIZE, s.contentWidth() * 0.85f);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                s.y -= TITLE_SIZE * LEADING;
            }
            s.centred(lines.get(i), s.fonts.bold, TITLE_SIZE, LEFT, s.contentWidth(), s.y);
        }
        s.y -= TITLE_SIZE * 0.8f;
    }

    private static void body(Sheet s, List<String> paragraphs) throws IOException {
        float width = s.contentWidth();
        float leading = BODY_SIZE * LEADING;
        for (String raw : paragraphs) {
            for (String paragraph : raw.split("\\R")) {
                String text = s.clean(paragraph, s.fonts.regular).strip();
                if (text.isEmpty()) {
                    s.y -= leading / 2;
                    continue;
                }
                List<String> lines = s.wrap(text, s.fonts.regular, BODY_SIZE, width - INDENT, width);
                s.y -= PARAGRAPH_GAP;
                for (int i = 0; i < lines.size(); i++) {
                    s.advance(leading);
                    float x = LEFT + (i == 0 ? INDENT : 0);
                    float lineWidth = width - (i == 0 ? INDENT : 0);
                    boolean last = i == lines.size() - 1;
                    s.justified(lines.get(i), s.fonts.regular, BODY_SIZE, x, lineWidth, s.y, !last);
                }
            }
        }
    }

    private static void signature(Sheet s, String role, String name) throws IOException {
        float width = s.contentWidth();
        float columnX = LEFT + width * LEFT_COLUMN;
        float columnWidth = width - width * LEFT_COLUMN;
        List<String> roleLines = new ArrayList<>();
        for (String part : role.split("\\R")) {
            if (!part.isBlank()) {
                roleLines.addAll(s.balanced(upper(part.strip()), s.fonts.bold, BODY_SIZE, columnWidth));
            }
        }
        float leading = BODY_SIZE * LEADING;
        float height = 14 + leading * roleLines.size() + SIGNATURE_SPACE + leading;
        // the block stays in one piece: a signature alone at the top of a page would sign nothing
        if (s.y - height < s.bottomLimit()) {
            s.newPage();
        } else {
            s.y -= 14;
        }
        for (String line : roleLines) {
            s.y -= leading;
            s.centred(line, s.fonts.bold, BODY_SIZE, columnX, columnWidth, s.y);
        }
        s.y -= SIGNATURE_SPACE + leading;
        s.centred(s.clean(name.strip(), s.fonts.bold), s.fonts.bold, BODY_SIZE, columnX, columnWidth, s.y);
    }

    /** Page numbers from the second page (top centre, as the decree has them) and the dossier code at the foot. */
    private static void margins(PDDocument doc, Fonts fonts, String dossierCode) throws IOException {
        int pages = doc.getNumberOfPages();
        String code = "Mã hồ sơ: " + Sheet.clean(dossierCode.strip(), fonts.regular);
        for (int i = 0; i < pages; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND,
                    true, true)) {
                float pageWidth = page.getMediaBox().getWidth();
                text(cs, code, fonts.regular, CODE_SIZE, LEFT, BOTTOM - 9 * MM);
                if (pages > 1) {
                    String of = "Trang " + (i + 1) + "/" + pages;
                    float w = fonts.regular.getStringWidth(of) / 1000 * CODE_SIZE;
                    text(cs, of, fonts.regular, CODE_SIZE, pageWidth - RIGHT - w, BOTTOM - 9 * MM);
                }
                if (i > 0) {
                    String number = String.valueOf(i + 1);
                    float w = fonts.regular.getStringWidth(number) / 1000 * BODY_SIZE;
                    text(cs, number, fonts.regular, BODY_SIZE, LEFT + (pageWidth - LEFT - RIGHT - w) / 2,
                            page.getMediaBox().getHeight() - TOP / 2 - BODY_SIZE / 2);
                }
            }
        }
    }

    private void metadata(PDDocument doc, ResultContent c) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(Normalizer.normalize(c.title().strip(), Normalizer.Form.NFC));
        info.setSubject("Kết quả giải quyết hồ sơ " + c.dossierCode().strip() + " – "
                + Normalizer.normalize(c.agencyName().strip(), Normalizer.Form.NFC));
        info.setAuthor(Normalizer.normalize(c.agencyName().strip(), Normalizer.Form.NFC));
        info.setKeywords(c.dossierCode().strip() + ", " + c.number().strip());
        info.setCreator("Ketnoi – Cổng dịch vụ công");
        info.setProducer("Ketnoi (Apache PDFBox)");
        Calendar now = GregorianCalendar.from(clock.instant().atZone(VIETNAM));
        info.setCreationDate(now);
        info.setModificationDate(now);
        doc.getDocumentCatalog().setLanguage("vi-VN");
    }

    private static String upper(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toUpperCase(VIETNAMESE);
    }

    private static void text(PDPageContentStream cs, String text, PDType0Font font, float size, float x, float y)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    private static byte[] font(String name) {
        try (InputStream in = ResultDocuments.class.getClassLoader().getResourceAsStream("fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The font fonts/" + name + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Fonts(PDType0Font regular, PDType0Font bold, PDType0Font italic) {
    }

    /** The page being written: its content stream and the baseline of the last line written. */
    private static final class Sheet {

        final PDDocument doc;
        final Fonts fonts;
        PDPageContentStream cs;
        float y;
        float pageHeight;
        float pageWidth;

        Sheet(PDDocument doc, Fonts fonts) throws IOException {
            this.doc = doc;
            this.fonts = fonts;
            newPage();
        }

        void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            pageHeight = page.getMediaBox().getHeight();
            pageWidth = page.getMediaBox().getWidth();
            cs = new PDPageContentStream(doc, page);
            y = pageHeight - TOP;
        }

        void close() throws IOException {
            if (cs != null) {
                cs.close();
                cs = null;
            }
        }

        float contentWidth() {
            return pageWidth - LEFT - RIGHT;
        }

        float bottomLimit() {
            return BOTTOM;
        }

        /** Moves down one line, to a new page when this one is full. */
        void advance(float leading) throws IOException {
            if (y - leading < bottomLimit()) {
                newPage();
            }
            y -= leading;
        }

        void centred(String text, PDType0Font font, float size, float x, float width, float baseline)
                throws IOException {
            float w = width(text, font, size);
            ResultDocuments.text(cs, text, font, size, x + Math.max(0, (width - w) / 2), baseline);
        }

        /** A line filling the width, the spare room spread over the gaps between words. */
        void justified(String line, PDType0Font font, float size, float x, float width, float baseline,
                boolean stretch) throws IOException {
            String[] words = line.split(" ");
            if (!stretch || words.length < 2) {
                ResultDocuments.text(cs, line, font, size, x, baseline);
                return;
            }
            float used = 0;
            for (String word : words) {
                used += width(word, font, size);
            }
            float gap = (width - used) / (words.length - 1);
            float at = x;
            for (String word : words) {
                ResultDocuments.text(cs, word, font, size, at, baseline);
                at += width(word, font, size) + gap;
            }
        }

        void rule(float x, float at, float length) throws IOException {
            cs.setLineWidth(RULE);
            cs.moveTo(x, at);
            cs.lineTo(x + length, at);
            cs.stroke();
        }

        float width(String text, PDType0Font font, float size) {
            try {
                return font.getStringWidth(text) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Composed letters (a decomposed "ễ" would print its marks apart), tabs as spaces, no control
         * characters, and a replacement mark for any character the font cannot draw.
         */
        static String clean(String text, PDType0Font font) {
            String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace('\t', ' ')
                    .replaceAll("[\\p{Cc}\\p{Cf}&&[^\\n\\r]]", "");
            try {
                font.encode(s);
                return s;
            } catch (IOException | IllegalArgumentException e) {
                StringBuilder out = new StringBuilder(s.length());
                s.codePoints().forEach(cp -> {
                    String one = Character.toString(cp);
                    try {
                        font.encode(one);
                        out.append(one);
                    } catch (IOException | IllegalArgumentException missing) {
                        out.append('\uFFFD');
                    }
                });
                return out.toString();
            }
        }

        /** Greedy line breaking at spaces; a word wider than a line is broken between letters. */
        List<String> wrap(String text, PDType0Font font, float size, float firstWidth, float width) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.strip().split(" +")) {
                float limit = lines.isEmpty() ? firstWidth : width;
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, font, size) <= limit) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                    limit = width;
                }
                // a word longer than a whole line (an address, a long number): cut it where it must be
                String rest = word;
                while (width(rest, font, size) > limit) {
                    int cut = rest.offsetByCodePoints(0, 1);
                    while (cut < rest.length()
                            && width(rest.substring(0, rest.offsetByCodePoints(cut, 1)), font, size) <= limit) {
                        cut = rest.offsetByCodePoints(cut, 1);
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                    limit = width;
                }
                line.append(rest);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        /**
         * As few lines as greedy breaking needs, but as even as possible: "ỦY BAN NHÂN DÂN / PHƯỜNG
         * BA ĐÌNH" rather than "ỦY BAN NHÂN DÂN PHƯỜNG / BA ĐÌNH", as headings are set by hand.
         */
        List<String> balanced(String text, PDType0Font font, float size, float width) {
            String clean = clean(text, font).replaceAll("\\s+", " ").strip();
            List<String> greedy = wrap(clean, font, size, width, width);
            if (greedy.size() < 2) {
                return greedy;
            }
            float low = 0;
            float high = width;
            for (int i = 0; i < 24; i++) {
                float mid = (low + high) / 2;
                if (wrap(clean, font, size, mid, mid).size() <= greedy.size()) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            return wrap(clean, font, size, high, high);
        }
    }
}
