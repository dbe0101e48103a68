package org.ketnoi.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.platform.KetnoiProperties;
import org.ketnoi.platform.StartupNotice;
import org.ketnoi.identity.provider.Clients;
import org.ketnoi.identity.signin.SecondFactors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo accounts, created on the first start with random passwords (no secret is in the
 * repository): officials of a commune and of a city department (with their authenticator secrets,
 * since officials must use a second factor), an agency administrator, a platform administrator,
 * and two agency systems (OAuth2 clients with secrets). They are kept in
 * {@code <data dir>/demo-accounts.properties}, readable by the operator only, so every start can
 * print them. Citizens register themselves, as any person of the demo registry.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Order(0)
class DemoAccounts implements StartupNotice {

    record Demo(String username, String displayName, String agency, Set<String> roles) {
    }

    record DemoSystem(String clientId, String name, String agency, Set<String> roles) {
    }

    static final List<Demo> OFFICIALS = List.of(
            new Demo("canbo.badinh", "Trần Thị Hoa", "000.04.XA.H01",
                    Set.of(Roles.REGISTRY_OFFICIAL, Roles.ONE_STOP_CLERK)),
            new Demo("chuyenvien.badinh", "Phạm Văn Đức", "000.04.XA.H01", Set.of(Roles.SPECIALIST)),
            new Demo("lanhdao.badinh", "Nguyễn Thị Thu", "000.04.XA.H01", Set.of(Roles.LEADER)),
            new Demo("canbo.hanoi", "Lê Minh Tuấn", "000.00.03.H01",
                    Set.of(Roles.REGISTRY_OFFICIAL, Roles.REGISTRY_IMPORTER)),
            new Demo("quantri.badinh", "Quản trị UBND phường Ba Đình", "000.04.XA.H01", Set.of(Roles.AGENCY_ADMIN)),
            new Demo("quantri.nentang", "Quản trị nền tảng Ketnoi", "000.00.00.G03", Set.of(Roles.PLATFORM_ADMIN)));

    /** A citizen of the demo registry with an account already, to try the online services at once. */
    record DemoCitizen(String idNumber, String fullName, String birthDate, String email) {
    }

    static final List<DemoCitizen> CITIZENS = List.of(
            new DemoCitizen("001085398584", "Nguyễn Văn An", "1985-03-12", "an.nguyen@example.vn"));

    static final List<DemoSystem> SYSTEMS = List.of(
            new DemoSystem("yte.hethong", "Hệ thống khám chữa bệnh, Bộ Y tế", "000.00.00.G14",
                    Set.of(Roles.REGISTRY_VERIFIER)),
            new DemoSystem("thue.hethong", "Hệ thống quản lý thuế, Bộ Tài chính", "000.00.00.G07",
                    Set.of(Roles.REGISTRY_VERIFIER, Roles.REGISTRY_READER)));

    private static final Caller DEMO_DATA = new Caller("system:demo-data", "Demo data", Caller.Kind.SYSTEM, null,
            null, null, Set.of(Roles.PLATFORM_ADMIN));

    private final Accounts accounts;
    private final org.springframework.security.crypto.password.PasswordEncoder passwords;
    private final Clients clients;
    private final JdbcClient jdbc;
    private final Path file;
    private final Properties secrets = new Properties();

    DemoAccounts(Accounts accounts, Clients clients, JdbcClient jdbc, KetnoiProperties properties,
            org.springframework.security.crypto.password.PasswordEncoder passwords) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.clients = clients;
        this.jdbc = jdbc;
        this.file = properties.dataDir().toAbsolutePath().resolve("demo-accounts.properties");
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensure() {
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    secrets.load(in);
                }
            }
            SecureRandom random = new SecureRandom();
            boolean changed = false;
            for (Demo demo : OFFICIALS) {
                if (!accounts.exists(demo.username())) {
                    String password = randomPassword(random);
                    String totp = SecondFactors.newSecret();
                    Account a = accounts.createOfficial(demo.username(), demo.displayName(),
                            AgencyId.parse(demo.agency()), demo.roles(), null, password, DEMO_DATA.username());
                    jdbc.sql("update identity.account set totp_secret = ?, totp_enabled_at = now() where id = ?")
                            .params(totp, a.id()).update();
                    secrets.setProperty(demo.username(), password);
                    secrets.setProperty(demo.username() + ".totp", totp);
                    changed = true;
                }
            }
            for (DemoCitizen citizen : CITIZENS) {
                if (!accounts.exists(citizen.idNumber())) {
                    String password = randomPassword(random);
                    accounts.createCitizen(citizen.idNumber(), citizen.fullName(), citizen.birthDate(), citizen.email(),
                            null, passwords.encode(password));
                    secrets.setProperty(citizen.idNumber(), password);
                    changed = true;
                }
            }
            for (DemoSystem system : SYSTEMS) {
                if (clients.caller(system.clientId()).isEmpty()) {
                    Clients.Registered r = clients.registerSystem(system.clientId(), system.name(),
                            AgencyId.parse(system.agency()), system.roles(), Clients.Authentication.CLIENT_SECRET,
                            null, DEMO_DATA);
                    secrets.setProperty(system.clientId(), r.secret());
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                try (var out = Files.newBufferedWriter(tmp)) {
                    secrets.store(out, "Ketnoi demo accounts: generated at first start, for this machine only");
                }
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the demo accounts in " + file, e);
        }
    }

    String password(String username) {
        return secrets.getProperty(username);
    }

    String totpSecret(String username) {
        return secrets.getProperty(username + ".totp");
    }

    @Override
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Demo officials (sign in at /signin; the code comes from an authenticator app holding the secret,");
        lines.add("or from `oathtool --totp -b <secret>`); secrets kept in " + file + ":");
        for (Demo demo : OFFICIALS) {
            lines.add(String.format("  %-16s %-18s TOTP %-34s %s", demo.username(),
                    secrets.getProperty(demo.username(), "(see the file)"),
                    secrets.getProperty(demo.username() + ".totp", "?"), demo.displayName()));
        }
        lines.add("Demo agency systems (POST /oauth2/token, grant_type=client_credentials):");
        for (DemoSystem system : SYSTEMS) {
            lines.add(String.format("  %-16s %-44s %s", system.clientId(),
                    secrets.getProperty(system.clientId(), "(see the file)"), system.name()));
        }
        lines.add("Demo citizen accounts (sign in with the ID number; no second factor):");
        for (DemoCitizen citizen : CITIZENS) {
            lines.add(String.format("  %-16s %-18s %s, mail to %s", citizen.idNumber(),
                    secrets.getProperty(citizen.idNumber(), "(see the file)"), citizen.fullName(), citizen.email()));
        }
        lines.add("Other citizens register at /register with a person of the demo registry (listed below).");
        return lines;
    }
    private static String randomPassword(SecureRandom random) {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
