package org.ketnoi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.identity.signin.SignInGuard;
import org.ketnoi.population.CitizenDocument;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A citizen's account from registration to sign-in, over HTTP through the real pages, with the
 * confirmation code and the reset link read from the real SMTP server; and the guard against
 * password guessing.
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationIT {

    private static final String PHUC = "001085012345";
    private static final String GIANG = "001190012346";
    private static final String PASSWORD = "mùa thu Hà Nội rất đẹp";

    @LocalServerPort
    int port;
    @Autowired
    PopulationRegistry registry;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GreenMail smtp;
    @Autowired
    SignInGuard guard;
    @Autowired
    PasswordEncoder passwords;

    @BeforeAll
    void peopleInTheRegistry() {
        Caller clerk = new Caller("test:registry", "Test", Caller.Kind.OFFICIAL, "000.04.XA.H01", "01", "00004",
                Set.of(Roles.REGISTRY_OFFICIAL));
        registry.register(person(PHUC, "Lương Văn Phúc", "1985-02-14", "M"), clerk, "Thử nghiệm", null);
        registry.register(person(GIANG, "Đinh Thị Giang", "1990-08-30", "F"), clerk, "Thử nghiệm", null);
    }

    @Test
    void citizenRegistersConfirmsTheCodeFromTheMailAndSignsIn() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        HttpResponse<String> r = register(browser, PHUC, "Lương Văn Phúc", "1985-02-14", "phuc@example.vn", PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(ProviderBrowser.location(r)).endsWith("/register/confirm");
        String code = codeIn(awaitMail("phuc@example.vn"));
        assertThat(accounts.exists(PHUC)).isFalse();

        r = browser.submit("/register/confirm", "/register/confirm", Map.of("code", wrong(code)));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Mã không đúng").contains("còn 4 lần thử");
        assertThat(accounts.exists(PHUC)).isFalse();

        r = browser.submit("/register/confirm", "/register/confirm", Map.of("code", code));
        assertThat(ProviderBrowser.location(r)).endsWith("/signin?registered");
        Account account = accounts.byUsername(PHUC).orElseThrow();
        assertThat(account.kind()).isEqualTo(Caller.Kind.CITIZEN);
        assertThat(account.emailConfirmed()).isTrue();
        assertThat(account.displayName()).isEqualTo("Lương Văn Phúc");

        // Signing in lands on the portal, signed in through the provider like any client.
        r = browser.follow(browser.signIn(PHUC, PASSWORD, null));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Lương Văn Phúc").contains("Đăng xuất");

        // A second registration for the same person is told so, and creates nothing.
        r = register(new ProviderBrowser(port), PHUC, "Lương Văn Phúc", "1985-02-14", "other@example.vn", PASSWORD);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Số định danh này đã có tài khoản");
    }

    @Test
    void detailsThatDoNotMatchTheRegistryAreRefusedWithoutSayingWhichOne() throws Exception {
        HttpResponse<String> r = register(new ProviderBrowser(port), GIANG, "Đinh Thị Giang", "1990-08-31",
                "giang@example.vn", PASSWORD);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("không khớp với Cơ sở dữ liệu quốc gia về dân cư")
                .doesNotContain("1990-08-30");
        r = register(new ProviderBrowser(port), GIANG, "Đinh Thị Giáng", "1990-08-30", "giang@example.vn", PASSWORD);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(pending(GIANG)).isZero();
        assertThat(mailsTo("giang@example.vn")).isEmpty();
    }

    @Test
    void weakPasswordsAreRefusedBesideTheField() throws Exception {
        for (String weak : List.of("password", "1234567", "001190012346x", "aaaaaaaaaa")) {
            HttpResponse<String> r = register(new ProviderBrowser(port), GIANG, "Đinh Thị Giang", "1990-08-30",
                    "giang@example.vn", weak);
            assertThat(r.statusCode()).as(weak).isEqualTo(422);
            assertThat(r.body()).as(weak).contains("id=\"password-error\"").doesNotContain("value=\"" + weak + "\"");
        }
        assertThat(pending(GIANG)).isZero();
    }

    @Test
    void passwordResetSendsASingleUseLinkAndSaysTheSameForUnknownPeople() throws Exception {
        Account a = accounts.createCitizen("001085012399", "Tạ Văn Hùng", "1985-01-01", "hung@example.vn", null,
                passwords.encode(PASSWORD));
        HttpResponse<String> known = new ProviderBrowser(port).submit("/forgot", "/forgot",
                Map.of("login", a.username()));
        HttpResponse<String> unknown = new ProviderBrowser(port).submit("/forgot", "/forgot",
                Map.of("login", "001085099999"));
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
        assertThat(strip(known.body())).isEqualTo(strip(unknown.body()));

        String link = linkIn(awaitMail("hung@example.vn"));
        String token = ProviderBrowser.param(link, "token");
        ProviderBrowser browser = new ProviderBrowser(port);
        HttpResponse<String> r = browser.submit("/reset?token=" + token, "/reset",
                Map.of("token", token, "password", "qwerty123"));
        assertThat(r.statusCode()).isEqualTo(422);
        r = browser.submit("/reset?token=" + token, "/reset", Map.of("token", token, "password", "sông Hồng đỏ nặng phù sa"));
        assertThat(ProviderBrowser.location(r)).endsWith("/signin?reset");
        assertThat(browser.get("/reset?token=" + token).statusCode()).isEqualTo(410);
        assertThat(guard.password(a.username(), "sông Hồng đỏ nặng phù sa", "10.1.1.1", "test").outcome())
                .isEqualTo(SignInGuard.Outcome.SUCCESS);
    }

    @Test
    void wrongPasswordsHoldTheAccountBackExceptFromWhereItsOwnerSignedInBefore() {
        Account a = accounts.createCitizen("001085012398", "Mai Văn Tài", "1985-01-02", "tai@example.vn", null,
                passwords.encode(PASSWORD));
        assertThat(guard.password(a.username(), PASSWORD, "10.0.0.1", "home").outcome())
                .isEqualTo(SignInGuard.Outcome.SUCCESS);
        for (int i = 0; i < 5; i++) {
            assertThat(guard.password(a.username(), "guess " + i, "10.0.0.2", "attacker").outcome())
                    .isEqualTo(SignInGuard.Outcome.REFUSED);
        }
        assertThat(guard.password(a.username(), PASSWORD, "10.0.0.3", "elsewhere").outcome())
                .as("held back from an address never used by the owner").isEqualTo(SignInGuard.Outcome.REFUSED);
        assertThat(guard.password(a.username(), PASSWORD, "10.0.0.1", "home").outcome())
                .as("the owner's usual address is not held back").isEqualTo(SignInGuard.Outcome.SUCCESS);
        Integer waitSeconds = jdbc.sql("select extract(epoch from locked_until - now())::int from identity.account "
                + "where id = ?").param(a.id()).query(Integer.class).optional().orElse(0);
        assertThat(waitSeconds == null ? 0 : waitSeconds).isLessThanOrEqualTo(15 * 60);
    }

    @Test
    void manyFailuresFromOneAddressBlockThatAddressOnly() {
        Account a = accounts.createCitizen("001085012397", "Lý Văn Bình", "1985-01-03", "binh@example.vn", null,
                passwords.encode(PASSWORD));
        for (int i = 0; i < 30; i++) {
            guard.password("0010850" + (10000 + i), "stuffed " + i, "10.6.6.6", "bot");
        }
        assertThat(guard.password(a.username(), PASSWORD, "10.6.6.6", "bot").outcome())
                .isEqualTo(SignInGuard.Outcome.THROTTLED);
        assertThat(guard.password(a.username(), PASSWORD, "10.7.7.7", "owner").outcome())
                .isEqualTo(SignInGuard.Outcome.SUCCESS);
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameAnswer() throws Exception {
        accounts.createCitizen("001085012396", "Kha Văn Lộc", "1985-01-04", "loc@example.vn", null,
                passwords.encode(PASSWORD));
        HttpResponse<String> wrong = new ProviderBrowser(port).submit("/signin", "/signin",
                Map.of("username", "001085012396", "password", "not it"));
        HttpResponse<String> unknown = new ProviderBrowser(port).submit("/signin", "/signin",
                Map.of("username", "001085012300", "password", "not it"));
        assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
        assertThat(strip(wrong.body()).replace("001085012396", "X"))
                .isEqualTo(strip(unknown.body()).replace("001085012300", "X"));
    }

    private HttpResponse<String> register(ProviderBrowser browser, String id, String name, String born, String email,
            String password) throws Exception {
        return browser.submit("/register", "/register", Map.of("idNumber", id, "fullName", name, "birthDate", born,
                "email", email, "phone", "", "password", password));
    }

    private int pending(String idNumber) {
        return jdbc.sql("select count(*) from identity.pending_registration where id_number = ? and expires_at > now()")
                .param(idNumber).query(Integer.class).single();
    }

    private MimeMessage awaitMail(String to) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> !mailsTo(to).isEmpty());
        return mailsTo(to).getLast();
    }

    private List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> GreenMailUtil.getAddressList(
                uncheckedRecipients(m)).contains(to)).toList();
    }

    private static jakarta.mail.Address[] uncheckedRecipients(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String codeIn(MimeMessage m) {
        Matcher matcher = Pattern.compile("\\b(\\d{6})\\b").matcher(GreenMailUtil.getBody(m));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String linkIn(MimeMessage m) {
        Matcher matcher = Pattern.compile("(http\\S+/reset\\?token=[A-Za-z0-9_-]+)").matcher(
                GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "="));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** A page without its per-request parts (CSRF token). */
    private static String strip(String html) {
        return html.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }

    private static org.ketnoi.population.CitizenRecord person(String id, String name, String born, String sex) {
        return new CitizenDocument(id, name, born, sex, "Kinh", null, "VN", null, "Hà Nội", "00004",
                "1 Phố Thử", null, null, "HN-REG-" + id, "head", "2021-05-01",
                "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "single", null, null, null, null).toRecord();
    }
}
