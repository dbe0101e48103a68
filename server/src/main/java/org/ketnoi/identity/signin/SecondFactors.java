package org.ketnoi.identity.signin;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.credentials.RecoveryCodes;
import org.ketnoi.identity.credentials.Totp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Turns the authenticator second factor on and off, with its single-use recovery codes. */
@Service
public class SecondFactors {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    SecondFactors(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Enables TOTP once the person proves their app holds the secret by giving its current code.
     * Returns the recovery codes to show once, or null when the code was wrong.
     */
    @Transactional
    public List<String> enrol(UUID account, String secret, String code) {
        String given = code == null ? "" : code.replaceAll("\\s", "");
        OptionalLong step = given.matches("[0-9]{6}")
                ? Totp.verify(Totp.fromBase32(secret), given, Instant.now(), Totp.NEVER_USED)
                : OptionalLong.empty();
        if (step.isEmpty()) {
            return null;
        }
        RecoveryCodes.Issued codes = RecoveryCodes.issue();
        jdbc.sql("""
                        update identity.account set totp_secret = ?, totp_enabled_at = now(), totp_last_step = ?,
                            recovery_codes = ? where id = ?""")
                .params(secret, step.getAsLong(), codes.hashes().toArray(String[]::new), account).update();
        audit.record(new AuditTrail.Entry("account:" + account, "-", "account.totp-enable", "account:" + account,
                AuditTrail.Outcome.SUCCESS));
        return codes.codes();
    }

    /** A fresh secret, Base32 as authenticator apps take it. */
    public static String newSecret() {
        return Totp.toBase32(Totp.newSecret());
    }

    /** The secret in groups of four, easier to type into an app by hand. */
    public static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?=.)", "$1 ");
    }

    /** The QR code an authenticator app scans, as inline SVG. */
    public static String qr(String secret, String account, String label) {
        return Totp.qrSvg(Totp.uri(account, Totp.fromBase32(secret)), label);
    }

    /** Turns TOTP off (citizens only; officials must keep it). */
    @Transactional
    public void disable(UUID account) {
        jdbc.sql("update identity.account set totp_secret = null, totp_enabled_at = null, recovery_codes = '{}' "
                + "where id = ? and kind = 'CITIZEN'").param(account).update();
        audit.record(new AuditTrail.Entry("account:" + account, "-", "account.totp-disable", "account:" + account,
                AuditTrail.Outcome.SUCCESS));
    }
}
