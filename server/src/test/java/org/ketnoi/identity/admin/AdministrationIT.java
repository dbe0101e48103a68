package org.ketnoi.identity.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.provider.Clients;
import org.ketnoi.identity.provider.SigningKeys;
import org.ketnoi.identity.registration.PasswordResets;
import org.ketnoi.platform.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The administrators' rules, through the services the pages call: an agency administrator acts
 * within their agency only, never grants the platform administrator's role and never registers
 * relying parties; a platform administrator does all of it. Refusals change nothing, and every
 * action, done or refused, is in the audit trail. Invitations arrive over real SMTP (GreenMail).
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdministrationIT {

    private static final AgencyId BA_DINH = AgencyId.parse("000.04.XA.H01");
    private static final AgencyId JUSTICE_HANOI = AgencyId.parse("000.00.03.H01");
    private static final AgencyId HCMC_DEPARTMENT = AgencyId.parse("000.00.03.H79");
    private static final AgencyId HEALTH = AgencyId.parse("000.00.00.G14");
    private static final String PASSWORD = "administration-test-password";
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Autowired
    Administration admin;

    @Autowired
    Accounts accounts;

    @Autowired
    Clients clients;

    @Autowired
    SigningKeys keys;

    @Autowired
    PasswordResets resets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    GreenMail greenMail;

    private Caller badinhAdmin;
    private Caller platformAdmin;
    private Account badinhClerk;
    private Account justiceSpecialist;

    @BeforeAll
    void people() {
        badinhAdmin = accounts.caller(accounts.createOfficial("it.qt.badinh", "Quản trị Ba Đình (IT)", BA_DINH,
                Set.of(Roles.AGENCY_ADMIN), null, PASSWORD, "test"));
        platformAdmin = accounts.caller(accounts.createOfficial("it.qt.nentang", "Quản trị nền tảng (IT)", HEALTH,
                Set.of(Roles.PLATFORM_ADMIN), null, PASSWORD, "test"));
        badinhClerk = accounts.createOfficial("it.motcua.badinh", "Nguyễn Thị Mai", BA_DINH,
                Set.of(Roles.ONE_STOP_CLERK), null, PASSWORD, "test");
        justiceSpecialist = accounts.createOfficial("it.chuyenvien.tuphap", "Đỗ Quang Huy", JUSTICE_HANOI,
                Set.of(Roles.SPECIALIST), null, PASSWORD, "test");
    }

    @Test
    void anAgencyAdministratorSeesTheirOwnAgencysOfficialsOnly() {
        assertThat(admin.officials(BA_DINH, badinhAdmin)).extracting(Account::username)
                .contains("it.qt.badinh", "it.motcua.badinh").doesNotContain("it.chuyenvien.tuphap");
        assertThatThrownBy(() -> admin.officials(JUSTICE_HANOI, badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(audited("it.qt.badinh", "account.list", "agency:" + JUSTICE_HANOI, "REFUSED")).isTrue();
        assertThatThrownBy(() -> admin.official(justiceSpecialist.id(), badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAgencyAdministratorCannotDisableOrChangeAnotherAgencysOfficial() {
        assertThatThrownBy(() -> admin.disable(justiceSpecialist.id(), badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.changeRoles(justiceSpecialist.id(), Set.of(Roles.LEADER), badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        Account unchanged = accounts.byId(justiceSpecialist.id()).orElseThrow();
        assertThat(unchanged.disabled()).isFalse();
        assertThat(unchanged.roles()).containsExactly(Roles.SPECIALIST);
        assertThat(audited("it.qt.badinh", "account.disable", "account:it.chuyenvien.tuphap", "REFUSED")).isTrue();
        assertThat(audited("it.qt.badinh", "account.roles", "account:it.chuyenvien.tuphap", "REFUSED")).isTrue();
        assertThat(audited("it.qt.badinh", "account.disable", "account:it.chuyenvien.tuphap", "SUCCESS")).isFalse();
    }

    @Test
    void anAgencyAdministratorCannotCreateOfficialsInAnotherAgency() {
        String email = address("khac");
        assertThatThrownBy(() -> admin.appoint(new Accounts.NewOfficial("it.khac.tuphap", "Lê Văn Khác", email,
                JUSTICE_HANOI, Set.of(Roles.SPECIALIST)), "http://localhost", Locale.ROOT, badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.exists("it.khac.tuphap")).isFalse();
        assertThat(audited("it.qt.badinh", "account.create", "account:it.khac.tuphap", "REFUSED")).isTrue();
    }

    @Test
    void anAgencyAdministratorCannotGrantThePlatformAdministratorsRole() {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> admin.appoint(new Accounts.NewOfficial(
                "it.leoquyen", "Trần Văn Leo", address("leo"), BA_DINH, Set.of(Roles.SPECIALIST, Roles.PLATFORM_ADMIN)),
                "http://localhost", Locale.ROOT, badinhAdmin));
        assertThat(refused.code()).isEqualTo("account.roles-platform");
        assertThat(refused.field()).isEqualTo("roles");
        assertThat(accounts.exists("it.leoquyen")).isFalse();

        InvalidInput raised = catchThrowableOfType(InvalidInput.class, () -> admin.changeRoles(badinhClerk.id(),
                Set.of(Roles.ONE_STOP_CLERK, Roles.PLATFORM_ADMIN), badinhAdmin));
        assertThat(raised.code()).isEqualTo("account.roles-platform");
        assertThat(accounts.byId(badinhClerk.id()).orElseThrow().roles()).containsExactly(Roles.ONE_STOP_CLERK);
    }

    @Test
    void anAgencyAdministratorCannotTouchAPlatformAdministratorOfTheirOwnAgency() {
        Account platformOfBaDinh = accounts.createOfficial("it.nentang.badinh", "Quản trị nền tảng ở Ba Đình", BA_DINH,
                Set.of(Roles.PLATFORM_ADMIN), null, PASSWORD, "test");
        assertThatThrownBy(() -> admin.disable(platformOfBaDinh.id(), badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.byId(platformOfBaDinh.id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void anAgencyAdministratorChangesRolesAndDisablesAndEnablesTheirOwnOfficials() {
        Account leader = accounts.createOfficial("it.lanhdao.badinh", "Phạm Minh Đức", BA_DINH,
                Set.of(Roles.LEADER), null, PASSWORD, "test");
        admin.changeRoles(leader.id(), Set.of(Roles.LEADER, Roles.SPECIALIST), badinhAdmin);
        assertThat(accounts.byId(leader.id()).orElseThrow().roles())
                .containsExactlyInAnyOrder(Roles.LEADER, Roles.SPECIALIST);
        admin.disable(leader.id(), badinhAdmin);
        assertThat(accounts.byId(leader.id()).orElseThrow().disabled()).isTrue();
        assertThat(accounts.caller("it.lanhdao.badinh")).as("a disabled account acts as nobody").isEmpty();
        admin.enable(leader.id(), badinhAdmin);
        assertThat(accounts.byId(leader.id()).orElseThrow().disabled()).isFalse();
        for (String action : List.of("account.roles", "account.disable", "account.enable")) {
            assertThat(audited("it.qt.badinh", action, "account:it.lanhdao.badinh", "SUCCESS")).as(action).isTrue();
        }
    }

    @Test
    void administratorsDoNotChangeTheirOwnRolesOrDisableThemselves() {
        Account self = accounts.byUsername("it.qt.badinh").orElseThrow();
        assertThat(catchThrowableOfType(InvalidInput.class, () -> admin.disable(self.id(), badinhAdmin)).code())
                .isEqualTo("account.self");
        assertThat(catchThrowableOfType(InvalidInput.class,
                () -> admin.changeRoles(self.id(), Set.of(Roles.SPECIALIST), badinhAdmin)).code())
                .isEqualTo("account.self");
        assertThat(accounts.byId(self.id()).orElseThrow().roles()).containsExactly(Roles.AGENCY_ADMIN);
    }

    @Test
    void badInputIsRefusedBesideItsFieldAndCreatesNothing() {
        String email = address("sai");
        assertRefused(new Accounts.NewOfficial("Hoa Tran", "Trần Thị Hoa", email, BA_DINH, Set.of(Roles.SPECIALIST)),
                "username.shape", "username");
        assertRefused(new Accounts.NewOfficial("it.motcua.badinh", "Trần Thị Hoa", email, BA_DINH,
                Set.of(Roles.SPECIALIST)), "username.taken", "username");
        assertRefused(new Accounts.NewOfficial("it.hoa.tran", "Trần Thị Hoa", email, BA_DINH, Set.of()),
                "account.roles", "roles");
        assertRefused(new Accounts.NewOfficial("it.hoa.tran", " ", email, BA_DINH, Set.of(Roles.SPECIALIST)),
                "account.name", "displayName");
        assertRefused(new Accounts.NewOfficial("it.hoa.tran", "Trần Thị Hoa", "", BA_DINH, Set.of(Roles.SPECIALIST)),
                "account.email", "email");
        assertRefused(new Accounts.NewOfficial("it.hoa.tran", "Trần Thị Hoa", "hoa@", BA_DINH,
                Set.of(Roles.SPECIALIST)), "account.email", "email");
        assertThat(accounts.exists("it.hoa.tran")).isFalse();
        assertThat(accounts.byEmail(email)).isEmpty();
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void theInvitedOfficialReceivesASingleUseLinkOverSmtp() throws Exception {
        String email = address("thu.trang");
        Account trang = admin.appoint(new Accounts.NewOfficial("it.thu.trang", "Phạm Thu Trang", email, BA_DINH,
                Set.of(Roles.ONE_STOP_CLERK, Roles.SPECIALIST)), "http://ketnoi.example.vn", Locale.ROOT, badinhAdmin);
        assertThat(trang.agencyId()).isEqualTo(BA_DINH.value());
        assertThat(trang.totpEnabled()).as("enrolled at first sign-in").isFalse();

        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(50)).until(() -> !mailsTo(email).isEmpty());
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.getFirst();
        assertThat(mail.getSubject()).isEqualTo("Mời Quý vị đặt mật khẩu tài khoản cán bộ – Ketnoi");
        String body = (String) mail.getContent();
        assertThat(body).contains("Kính gửi Phạm Thu Trang,").contains("it.thu.trang").contains("72 giờ");
        Matcher link = Pattern.compile("http://ketnoi\\.example\\.vn/reset\\?token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as("the link in %s", body).isTrue();
        String token = link.group(1);
        assertThat(resets.valid(token)).isTrue();
        resets.reset(token, "Một câu mật khẩu dễ nhớ của Trang 2026");
        assertThat(resets.valid(token)).as("single use").isFalse();

        assertThat(audited("it.qt.badinh", "account.create", "account:it.thu.trang", "SUCCESS")).isTrue();
        assertThat(audited("it.qt.badinh", "account.invite", "account:it.thu.trang", "SUCCESS")).isTrue();
    }

    @Test
    void anEnglishInvitationIsInEnglish() throws Exception {
        String email = address("david");
        admin.appoint(new Accounts.NewOfficial("it.david.tran", "David Trần", email, JUSTICE_HANOI,
                Set.of(Roles.SPECIALIST)), "http://ketnoi.example.vn", Locale.ENGLISH, platformAdmin);
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(50)).until(() -> !mailsTo(email).isEmpty());
        MimeMessage mail = mailsTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Set the password of your official's account – Ketnoi");
        assertThat((String) mail.getContent()).contains("Dear David Trần,").contains("it.david.tran")
                .contains("valid for 72 hours");
    }

    @Test
    void anAgencyAdministratorRegistersTheirOwnSystemsButNoRelyingParty() {
        Clients.Registered own = admin.registerSystem("it.badinh.motcua", "Hệ thống một cửa Ba Đình", BA_DINH,
                Set.of(Roles.REGISTRY_VERIFIER), Clients.Authentication.CLIENT_SECRET, null, badinhAdmin);
        assertThat(own.secret()).isNotBlank();
        assertThat(admin.clients(badinhAdmin)).extracting(Clients.Summary::clientId).contains("it.badinh.motcua")
                .doesNotContain("yte.hethong", "ketnoi-portal");
        assertThat(audited("it.qt.badinh", "client.register", "client:it.badinh.motcua", "SUCCESS")).isTrue();

        assertThatThrownBy(() -> admin.registerSystem("it.tuphap.hotich", "Hộ tịch Tư pháp", JUSTICE_HANOI,
                Set.of(Roles.REGISTRY_VERIFIER), Clients.Authentication.CLIENT_SECRET, null, badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.registerRelyingParty("it.badinh.app", "Ứng dụng Ba Đình",
                List.of("https://app.badinh.example.vn/callback"), List.of(), false, true, badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(admin.clients(platformAdmin)).extracting(Clients.Summary::clientId)
                .doesNotContain("it.tuphap.hotich", "it.badinh.app");
        assertThat(audited("it.qt.badinh", "client.register", "client:it.badinh.app", "REFUSED")).isTrue();
        assertThatThrownBy(() -> admin.removeClient("yte.hethong", badinhAdmin))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.rotateSigningKey(badinhAdmin)).isInstanceOf(AccessDeniedException.class);
        assertThat(audited("it.qt.badinh", "signing-key.rotate", "signing-key:active", "REFUSED")).isTrue();

        admin.removeClient("it.badinh.motcua", badinhAdmin);
        assertThat(admin.clients(platformAdmin)).extracting(Clients.Summary::clientId)
                .doesNotContain("it.badinh.motcua");
        assertThat(audited("it.qt.badinh", "client.remove", "client:it.badinh.motcua", "SUCCESS")).isTrue();
    }

    @Test
    void aTakenClientIdIsRefusedBesideTheField() {
        InvalidInput taken = catchThrowableOfType(InvalidInput.class, () -> admin.registerSystem("yte.hethong",
                "Trùng", HEALTH, Set.of(Roles.REGISTRY_VERIFIER), Clients.Authentication.CLIENT_SECRET, null,
                platformAdmin));
        assertThat(taken.code()).isEqualTo("client.id-taken");
        assertThat(taken.field()).isEqualTo("clientId");
    }

    @Test
    void aPlatformAdministratorDoesItAll() {
        String email = address("nentang2");
        Account second = admin.appoint(new Accounts.NewOfficial("it.nentang.hcm", "Võ Thị Lan", email,
                HCMC_DEPARTMENT, Set.of(Roles.PLATFORM_ADMIN)), "http://localhost", Locale.ROOT, platformAdmin);
        assertThat(second.roles()).containsExactly(Roles.PLATFORM_ADMIN);
        assertThat(admin.officials(JUSTICE_HANOI, platformAdmin)).extracting(Account::username)
                .contains("it.chuyenvien.tuphap");
        Account huy = accounts.createOfficial("it.huy.tuphap", "Đỗ Văn Huy", JUSTICE_HANOI, Set.of(Roles.SPECIALIST),
                null, PASSWORD, "test");
        admin.changeRoles(huy.id(), Set.of(Roles.LEADER, Roles.AGENCY_ADMIN), platformAdmin);
        assertThat(accounts.byId(huy.id()).orElseThrow().roles())
                .containsExactlyInAnyOrder(Roles.LEADER, Roles.AGENCY_ADMIN);
        admin.disable(huy.id(), platformAdmin);
        assertThat(accounts.byId(huy.id()).orElseThrow().disabled()).isTrue();

        Clients.Registered rp = admin.registerRelyingParty("it.tuphap.app", "Ứng dụng Tư pháp",
                List.of("https://app.tuphap.example.vn/callback"), List.of("https://app.tuphap.example.vn/"), false,
                true, platformAdmin);
        assertThat(rp.secret()).isNotBlank();
        Clients.Summary listed = admin.client("it.tuphap.app", platformAdmin);
        assertThat(listed.kind()).isEqualTo("RELYING_PARTY");
        assertThat(listed.scopes()).contains("openid", "personal_id");
        Clients.Registered mobile = admin.registerRelyingParty("it.tuphap.mobile", "Ứng dụng di động Tư pháp",
                List.of("http://127.0.0.1/callback"), List.of(), true, false, platformAdmin);
        assertThat(mobile.secret()).as("a public client has no secret").isNull();
        Clients.Registered system = admin.registerSystem("it.hcm.thue", "Hệ thống thuế TP.HCM", HCMC_DEPARTMENT,
                Set.of(Roles.REGISTRY_READER, Roles.REGISTRY_VERIFIER), Clients.Authentication.PRIVATE_KEY_JWT,
                "https://thue.hcm.example.vn/jwks.json", platformAdmin);
        assertThat(system.secret()).as("it signs with its own key").isNull();
        assertThat(admin.client("yte.hethong", platformAdmin).own()).as("a demo system is no own client").isFalse();

        String before = keys.activeKeyId();
        String rotated = admin.rotateSigningKey(platformAdmin);
        assertThat(rotated).isNotEqualTo(before);
        Administration.Keys now = admin.keys(platformAdmin);
        assertThat(now.active()).isEqualTo(rotated);
        assertThat(now.published()).as("the retired key stays published").contains(before, rotated);

        for (String[] entry : new String[][] {{"account.create", "account:it.nentang.hcm"},
                {"account.invite", "account:it.nentang.hcm"}, {"account.roles", "account:it.huy.tuphap"},
                {"account.disable", "account:it.huy.tuphap"}, {"client.register", "client:it.tuphap.app"},
                {"client.register", "client:it.hcm.thue"}, {"signing-key.rotate", "signing-key:" + rotated}}) {
            assertThat(audited("it.qt.nentang", entry[0], entry[1], "SUCCESS")).as(String.join(" ", entry)).isTrue();
        }
    }

    private void assertRefused(Accounts.NewOfficial official, String code, String field) {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class,
                () -> admin.appoint(official, "http://localhost", Locale.ROOT, badinhAdmin));
        assertThat(refused).as("%s refused", official).isNotNull();
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.field()).isEqualTo(field);
    }

    private boolean audited(String actor, String action, String object, String outcome) {
        return jdbc.sql("select count(*) from audit.entry where actor = ? and action = ? and object = ? and outcome = ?")
                .params(actor, action, object, outcome).query(Long.class).single() > 0;
    }

    private static String address(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
    }

    private List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equals(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
