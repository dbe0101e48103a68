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
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo accounts, created on the first start with random passwords (no secret is in the
 * repository). The passwords are kept in {@code <data dir>/demo-accounts.properties}, readable by
 * the operator only, so every start can print them.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Order(0)
class DemoAccounts implements StartupNotice {

    record Demo(String username, String displayName, Caller.Kind kind, String agency, Set<String> roles) {
    }

    static final List<Demo> DEMOS = List.of(
            new Demo("canbo.badinh", "Cán bộ tư pháp – hộ tịch, UBND phường Ba Đình", Caller.Kind.OFFICIAL,
                    "000.04.XA.H01", Set.of(Roles.REGISTRY_OFFICIAL)),
            new Demo("canbo.hanoi", "Cán bộ Sở Tư pháp Hà Nội", Caller.Kind.OFFICIAL, "000.00.03.H01",
                    Set.of(Roles.REGISTRY_OFFICIAL, Roles.REGISTRY_IMPORTER)),
            new Demo("yte.hethong", "Hệ thống khám chữa bệnh, Bộ Y tế", Caller.Kind.SYSTEM, "000.00.00.G14",
                    Set.of(Roles.REGISTRY_VERIFIER)),
            new Demo("thue.hethong", "Hệ thống quản lý thuế, Bộ Tài chính", Caller.Kind.SYSTEM, "000.00.00.G07",
                    Set.of(Roles.REGISTRY_VERIFIER, Roles.REGISTRY_READER)));

    private final Accounts accounts;
    private final Path file;
    private final Properties passwords = new Properties();

    DemoAccounts(Accounts accounts, KetnoiProperties properties) {
        this.accounts = accounts;
        this.file = properties.dataDir().toAbsolutePath().resolve("demo-accounts.properties");
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensure() {
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    passwords.load(in);
                }
            }
            SecureRandom random = new SecureRandom();
            boolean changed = false;
            for (Demo demo : DEMOS) {
                if (!accounts.exists(demo.username())) {
                    String password = randomPassword(random);
                    accounts.register(demo.username(), demo.displayName(), demo.kind(), AgencyId.parse(demo.agency()),
                            demo.roles(), password, "system:demo-data");
                    passwords.setProperty(demo.username(), password);
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                try (var out = Files.newBufferedWriter(tmp)) {
                    passwords.store(out, "Ketnoi demo accounts: generated at first start, for this machine only");
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
        return passwords.getProperty(username);
    }

    @Override
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Demo accounts (HTTP Basic; passwords kept in " + file + "):");
        for (Demo demo : DEMOS) {
            String password = passwords.getProperty(demo.username(), "(see the file)");
            lines.add(String.format("  %-13s %-20s %s", demo.username(), password, demo.displayName()));
        }
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
