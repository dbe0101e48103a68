package org.ketnoi.identity.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.ketnoi.identity.credentials.RecoveryCodes;
import org.ketnoi.identity.credentials.Totp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks passwords and second factors, and slows guessing down without letting an attacker lock
 * a citizen out for long:
 * <ul>
 * <li>per account: after 5 wrong answers in a row the account waits 30 s, doubling up to 15 min;
 * a browser address the owner has signed in from before is not held back by that wait;</li>
 * <li>per source address: 30 failures within 10 min block the address for 10 min (credential
 * stuffing tries many accounts from one place).</li>
 * </ul>
 * Every refusal looks and takes the same: unknown, locked and disabled accounts get the same
 * message, and the password hash is computed for them too (no user enumeration by timing).
 */
@Service
public class SignInGuard {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final int SOURCE_FAILURES = 30;
    static final Duration SOURCE_WINDOW = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    public enum Outcome {
        SUCCESS, SECOND_FACTOR, ENROL_SECOND_FACTOR, REFUSED, THROTTLED
    }

    public record Result(Outcome outcome, UUID account) {
    }

    private record Row(UUID id, String kind, String hash, boolean disabled, Instant lockedUntil, boolean totp) {
    }

    SignInGuard(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("not a password: equalises the time of refusals");
    }

    /** The first step: username (or, for citizens, the personal ID number) and password. */
    public Result password(String username, String password, String source, String userAgent) {
        if (sourceBlocked(source)) {
            passwords.matches(password == null ? "" : password, dummyHash);
            return new Result(Outcome.THROTTLED, null);
        }
        String login = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<Row> found = jdbc.sql("""
                        select id, kind, password_hash, disabled_at is not null, locked_until,
                               totp_enabled_at is not null
                        from identity.account where username = ?""")
                .param(login)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getBoolean(6)))
                .optional();
        if (found.isEmpty()) {
            passwords.matches(password == null ? "" : password, dummyHash);
            sourceFailed(source);
            return new Result(Outcome.REFUSED, null);
        }
        Row row = found.get();
        boolean locked = row.lockedUntil() != null && row.lockedUntil().isAfter(Instant.now())
                && !knownSource(row.id(), source);
        boolean matches = row.hash().startsWith("{") && passwords.matches(password == null ? "" : password, row.hash());
        if (row.disabled()) {
            event(row.id(), source, userAgent, "DISABLED");
            return new Result(Outcome.REFUSED, null);
        }
        if (locked) {
            event(row.id(), source, userAgent, "LOCKED");
            sourceFailed(source);
            return new Result(Outcome.REFUSED, null);
        }
        if (!matches) {
            accountFailed(row.id());
            event(row.id(), source, userAgent, "WRONG_PASSWORD");
            sourceFailed(source);
            return new Result(Outcome.REFUSED, null);
        }
        if (passwords.upgradeEncoding(row.hash())) {
            jdbc.sql("update identity.account set password_hash = ? where id = ?")
                    .params(passwords.encode(password), row.id()).update();
        }
        if (row.totp()) {
            return new Result(Outcome.SECOND_FACTOR, row.id());
        }
        if ("OFFICIAL".equals(row.kind())) {
            return new Result(Outcome.ENROL_SECOND_FACTOR, row.id());
        }
        succeeded(row.id(), source, userAgent);
        return new Result(Outcome.SUCCESS, row.id());
    }

    /** The second step: a code from the authenticator app, or one of the recovery codes. */
    public boolean secondFactor(UUID account, String code, String source, String userAgent) {
        record Totps(String secret, long lastStep, String[] recovery) {
        }
        Totps t = jdbc.sql("select totp_secret, totp_last_step, recovery_codes from identity.account where id = ?")
                .param(account)
                .query((rs, n) -> new Totps(rs.getString(1), rs.getLong(2), (String[]) rs.getArray(3).getArray()))
                .single();
        String given = code == null ? "" : code.replaceAll("\\s", "");
        boolean ok = false;
        if (t.secret() != null && given.matches("[0-9]{6}")) {
            OptionalLong step = Totp.verify(Totp.fromBase32(t.secret()), given, Instant.now(), t.lastStep());
            // The step is taken with a compare-and-set: the same code cannot be used twice, even at once.
            ok = step.isPresent() && jdbc.sql("update identity.account set totp_last_step = ? "
                    + "where id = ? and totp_last_step < ?").params(step.getAsLong(), account, step.getAsLong())
                    .update() == 1;
        } else if (given.length() >= 10) {
            java.util.OptionalInt index = RecoveryCodes.match(given, java.util.Arrays.asList(t.recovery()));
            Optional<String> used = index.isPresent() ? Optional.of(t.recovery()[index.getAsInt()]) : Optional.empty();
            ok = used.isPresent() && jdbc.sql("update identity.account set recovery_codes = "
                    + "array_remove(recovery_codes, ?) where id = ? and ? = any(recovery_codes)")
                    .params(used.get(), account, used.get()).update() == 1;
        }
        if (!ok) {
            accountFailed(account);
            event(account, source, userAgent, "WRONG_CODE");
            sourceFailed(source);
            return false;
        }
        succeeded(account, source, userAgent);
        return true;
    }

    /** Records a sign-in that completed after enrolment of a second factor. */
    public void enrolled(UUID account, String source, String userAgent) {
        succeeded(account, source, userAgent);
    }

    private void succeeded(UUID account, String source, String userAgent) {
        jdbc.sql("update identity.account set failed_signins = 0, locked_until = null where id = ?").param(account)
                .update();
        event(account, source, userAgent, "SUCCESS");
    }

    private void accountFailed(UUID account) {
        jdbc.sql("""
                        update identity.account set failed_signins = failed_signins + 1,
                            locked_until = case when failed_signins + 1 >= ?
                                then now() + least(make_interval(secs => ? * power(2, failed_signins + 1 - ?)),
                                                   make_interval(secs => ?))
                                else locked_until end
                        where id = ?""")
                .params(FREE_FAILURES, FIRST_WAIT.toSeconds(), FREE_FAILURES, LONGEST_WAIT.toSeconds(), account)
                .update();
    }

    private boolean knownSource(UUID account, String source) {
        return jdbc.sql("select exists(select 1 from identity.signin_event where account_id = ? and source = ? "
                + "and outcome = 'SUCCESS' and at > now() - interval '90 days')").params(account, source)
                .query(Boolean.class).single();
    }

    private boolean sourceBlocked(String source) {
        return jdbc.sql("select exists(select 1 from identity.source_throttle where source = ? and blocked_until > now())")
                .param(source).query(Boolean.class).single();
    }

    private void sourceFailed(String source) {
        jdbc.sql("""
                        insert into identity.source_throttle as t (source, failures, window_start) values (?, 1, now())
                        on conflict (source) do update set
                            failures = case when t.window_start < now() - make_interval(secs => ?) then 1
                                            else t.failures + 1 end,
                            window_start = case when t.window_start < now() - make_interval(secs => ?) then now()
                                                else t.window_start end,
                            blocked_until = case when t.window_start >= now() - make_interval(secs => ?)
                                                      and t.failures + 1 >= ?
                                                 then now() + make_interval(secs => ?) else t.blocked_until end""")
                .params(source, SOURCE_WINDOW.toSeconds(), SOURCE_WINDOW.toSeconds(), SOURCE_WINDOW.toSeconds(),
                        SOURCE_FAILURES, SOURCE_WINDOW.toSeconds())
                .update();
    }

    void event(UUID account, String source, String userAgent, String outcome) {
        jdbc.sql("insert into identity.signin_event(account_id, source, user_agent, outcome) values (?, ?, ?, ?)")
                .params(account, source, userAgent == null ? null : userAgent.substring(0, Math.min(300,
                        userAgent.length())), outcome)
                .update();
    }
}
