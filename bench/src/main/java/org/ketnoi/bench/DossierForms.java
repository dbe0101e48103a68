package org.ketnoi.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the dossier benchmark sends: the birth registration (procedure 1.001193) as the portal's form
 * would send it for the demo citizen, with the child and the registering commune changing from one
 * submission to the next, and the birth notice as a small real PDF, uploaded as a browser uploads a file.
 */
final class DossierForms {

    static final String PROCEDURE = "1.001193";
    static final String COMPONENT = "birth-notice";

    /** The demo citizen with an account (server: {@code DemoAccounts.CITIZENS}) and the registry's record of him. */
    record Applicant(String idNumber, String fullName, String birthDate, String address, String commune) {

        /** The second factor of the public status lookup: the last four digits of the ID number. */
        String lastDigits() {
            return idNumber.substring(idNumber.length() - 4);
        }
    }

    static final Applicant DEMO_CITIZEN = new Applicant("001085398584", "Nguyễn Văn An", "1985-03-12",
            "Số 12, ngõ 45, phố Đội Cấn", "00004");

    private static final String[] GIVEN = {"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khôi", "Linh", "Minh",
            "Ngọc", "Phúc", "Quân", "Thảo", "Trang", "Vy"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Minh", "Ngọc", "Gia", "Bảo", "Đức", "Thu"};

    private DossierForms() {
    }

    /**
     * The body of {@code POST /api/v1/dossiers}: the birth registration of the applicant's n-th child
     * (a name and a birth date that vary with n), registered at {@code commune}, with one uploaded file.
     */
    static String submission(Applicant a, String commune, long n, String birthNoticeSha256, UUID submissionKey) {
        String childName = "Nguyễn " + MIDDLE[(int) Math.floorMod(n, MIDDLE.length)] + " "
                + GIVEN[(int) Math.floorMod(n / MIDDLE.length, GIVEN.length)];
        String childBorn = java.time.LocalDate.of(2026, 9, 1).plusDays(Math.floorMod(n, 60)).toString();
        String sex = n % 2 == 0 ? "male" : "female";
        return "{\"procedure\":\"" + PROCEDURE + "\",\"form\":{"
                + "\"applicant\":{\"idNumber\":\"" + a.idNumber() + "\",\"fullName\":\"" + json(a.fullName())
                + "\",\"birthDate\":\"" + a.birthDate() + "\",\"permanentAddress\":\"" + json(a.address())
                + "\",\"permanentCommune\":\"" + a.commune() + "\",\"phone\":\"0912345678\"},"
                + "\"relationship\":\"father\","
                + "\"child\":{\"fullName\":\"" + json(childName) + "\",\"sex\":\"" + sex + "\",\"birthDate\":\""
                + childBorn + "\",\"placeOfBirth\":\"Bệnh viện Phụ sản Hà Nội, phường Ba Đình, Hà Nội\","
                + "\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"hometown\":\"Nam Định\"},"
                + "\"father\":{\"fullName\":\"" + json(a.fullName()) + "\",\"birthDate\":\"" + a.birthDate()
                + "\",\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"idNumber\":\"" + a.idNumber()
                + "\",\"residence\":\"" + json(a.address()) + "\"},"
                + "\"mother\":{\"fullName\":\"Phạm Thị Lan\",\"birthDate\":\"1988-09-02\",\"ethnicity\":\"Kinh\","
                + "\"nationality\":\"Việt Nam\",\"residence\":\"" + json(a.address()) + "\"},"
                + "\"registrationCommune\":\"" + commune + "\"},"
                + "\"attachments\":{\"" + COMPONENT + "\":[\"" + birthNoticeSha256 + "\"]},"
                + "\"submissionKey\":\"" + submissionKey + "\",\"language\":\"vi\"}";
    }

    /** The body of an official's action on a dossier read at {@code version}. */
    static String action(int version) {
        return "{\"version\":" + version + "}";
    }

    /**
     * A small, well-formed PDF 1.4 of one page saying {@code text} (ASCII): a catalogue, a page tree, a
     * page, its content stream and a standard font, with a cross-reference table whose offsets are right,
     * so a reader that checks the content (not the name) takes it for the PDF it is.
     */
    static byte[] pdf(String text) {
        String content = "BT /F1 18 Tf 72 720 Td (" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n", StandardCharsets.ISO_8859_1);
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n", StandardCharsets.ISO_8859_1);
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, table.toString(), StandardCharsets.ISO_8859_1);
        return out.toByteArray();
    }

    /** A multipart/form-data body with one file field, as a browser sends an upload. */
    static byte[] multipart(String boundary, String field, String fileName, String mediaType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n", StandardCharsets.UTF_8);
        out.writeBytes(content);
        write(out, "\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text, java.nio.charset.Charset charset) {
        out.writeBytes(text.getBytes(charset));
    }

    private static String json(String text) {
        return Lookups.json(text);
    }
}
