package org.ketnoi.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-23T06:30:10Z");

    @Test
    void matchesTheSha1VectorsOfRfc6238AppendixB() {
        Map<Long, String> vectors = Map.of(
                59L, "94287082",
                1111111109L, "07081804",
                1111111111L, "14050471",
                1234567890L, "89005924",
                2000000000L, "69279037",
                20000000000L, "65353130");
        vectors.forEach((seconds, code) ->
                assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(seconds)), 8)).as("T=%d", seconds)
                        .isEqualTo(code));
    }

    @Test
    void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSide() {
        byte[] secret = Totp.newSecret();
        long step = Totp.step(NOW);
        for (long drift = -1; drift <= 1; drift++) {
            String code = Totp.code(secret, step + drift, Totp.DIGITS);
            assertThat(Totp.verify(secret, code, NOW, Totp.NEVER_USED)).as("drift %d", drift).hasValue(step + drift);
        }
    }

    @Test
    void refusesCodesTwoStepsAway() {
        byte[] secret = Totp.newSecret();
        long step = Totp.step(NOW);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 2, 6), NOW, Totp.NEVER_USED)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, step + 2, 6), NOW, Totp.NEVER_USED)).isEmpty();
    }

    @Test
    void refusesAReplayOfTheSameOrAnEarlierStep() {
        byte[] secret = Totp.newSecret();
        String code = Totp.code(secret, NOW);
        long used = Totp.verify(secret, code, NOW, Totp.NEVER_USED).orElseThrow();

        assertThat(Totp.verify(secret, code, NOW, used)).isEmpty();
        assertThat(Totp.verify(secret, code, NOW.plusSeconds(30), used)).isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, used - 1, 6), NOW, used)).isEmpty();
        // The next step's code is still good.
        assertThat(Totp.verify(secret, Totp.code(secret, used + 1, 6), NOW.plusSeconds(30), used)).hasValue(used + 1);
    }

    @Test
    void refusesMalformedCodesAndAcceptsTheAppsSpacing() {
        byte[] secret = Totp.newSecret();
        String code = Totp.code(secret, NOW);
        assertThat(Totp.verify(secret, code.substring(0, 3) + " " + code.substring(3), NOW, Totp.NEVER_USED))
                .isPresent();
        assertThat(Totp.verify(secret, null, NOW, Totp.NEVER_USED)).isEmpty();
        assertThat(Totp.verify(secret, "12345", NOW, Totp.NEVER_USED)).isEmpty();
        assertThat(Totp.verify(secret, "12345a", NOW, Totp.NEVER_USED)).isEmpty();
        assertThat(Totp.verify(secret, "١٢٣٤٥٦", NOW, Totp.NEVER_USED)).isEmpty();
    }

    @Test
    void newSecretsAre160RandomBits() {
        assertThat(Totp.newSecret()).hasSize(20).isNotEqualTo(Totp.newSecret());
        assertThat(Totp.toBase32(Totp.newSecret())).hasSize(32).matches("[A-Z2-7]+");
    }

    @Test
    void base32FollowsRfc4648WithoutPadding() {
        Map<String, String> vectors = Map.of("", "", "f", "MY", "fo", "MZXQ", "foo", "MZXW6", "foob", "MZXW6YQ",
                "fooba", "MZXW6YTB", "foobar", "MZXW6YTBOI");
        vectors.forEach((text, base32) -> {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(Totp.toBase32(bytes)).isEqualTo(base32);
            assertThat(Totp.fromBase32(base32)).isEqualTo(bytes);
        });
        assertThat(Totp.fromBase32("MZXW6YQ=")).isEqualTo("foob".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.fromBase32("mzxw 6ytb oi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        byte[] secret = Totp.newSecret();
        assertThat(Totp.fromBase32(Totp.toBase32(secret))).isEqualTo(secret);
    }

    @Test
    void refusesTextThatIsNotBase32() {
        assertThatThrownBy(() -> Totp.fromBase32("MZXW1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.fromBase32("M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.fromBase32("MZX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsTheKeyUriWithAPercentEncodedVietnameseLabel() {
        String uri = Totp.uri("Nguyễn Văn An", RFC_SECRET);
        assertThat(uri).isEqualTo("otpauth://totp/Ketnoi:Nguy%E1%BB%85n%20V%C4%83n%20An"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Ketnoi&algorithm=SHA1&digits=6&period=30");
        // Typed with combining accents, the same label.
        assertThat(Totp.uri(Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD), RFC_SECRET)).isEqualTo(uri);
        assertThat(Totp.uri("an.nguyen@example.vn", RFC_SECRET)).startsWith("otpauth://totp/Ketnoi:an.nguyen@example.vn?");
    }

    @Test
    void refusesAnAccountNameWithAColon() {
        assertThatThrownBy(() -> Totp.uri("a:b", RFC_SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.uri(" ", RFC_SECRET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersAnAccessibleQrCodeSvgThatDecodesBackToTheUri() throws Exception {
        String uri = Totp.uri("Nguyễn Văn An", Totp.newSecret());
        String svg = Totp.qrSvg(uri, "Mã QR để thêm Ketnoi vào ứng dụng xác thực \"Authenticator\" & <khác>");

        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-label"))
                .isEqualTo("Mã QR để thêm Ketnoi vào ứng dụng xác thực \"Authenticator\" & <khác>");
        assertThat(document.getElementsByTagNameNS("*", "path").getLength()).isEqualTo(1);
        assertThat(document.getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1);

        String[] viewBox = root.getAttribute("viewBox").split(" ");
        int size = Integer.parseInt(viewBox[2]);
        String path = ((Element) document.getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
        assertThat(decode(size, path)).isEqualTo(uri);
    }

    // Paints the path's runs ("Mx yhNv1h-Nz") four pixels a module and reads the image with ZXing.
    private static String decode(int size, String path) throws Exception {
        int scale = 4;
        int width = size * scale;
        int[] pixels = new int[width * width];
        java.util.Arrays.fill(pixels, 0xffffffff);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(path);
        int end = 0;
        while (run.find()) {
            assertThat(run.start()).as("path continues with a run").isEqualTo(end);
            end = run.end();
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + length) * scale; x++) {
                    pixels[y * width + x] = 0xff000000;
                }
            }
        }
        assertThat(end).as("the whole path is runs").isEqualTo(path.length());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
