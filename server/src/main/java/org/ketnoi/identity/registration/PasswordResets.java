package org.ketnoi.identity.registration;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.credentials.PasswordPolicy;
import org.ketnoi.notify.Email;
import org.ketnoi.notify.Mailer;
import org.ketnoi.platform.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mail: a single-use link valid for 30 minutes. The request is answered the
 * same whether or not an account exists (no user enumeration); the link's token is kept only as a
 * hash. Officials invited by an administrator set their first password the same way.
 */
@Service
public class PasswordResets {

    static final Duration LINK_LIFE = Duration.ofMinutes(30);
    static final Duration INVITATION_LIFE = Duration.ofHours(72);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final Mailer mail;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    PasswordResets(JdbcClient jdbc, Accounts accounts, PasswordPolicy policy, PasswordEncoder passwords, Mailer mail,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.policy = policy;
        this.passwords = passwords;
        this.mail = mail;
        this.audit = audit;
    }

    /** Sends a link when the username, ID number or e-mail names an account with a confirmed address. */
    @Transactional
    public void request(String login, String baseUrl, Locale locale) {
        String l = login == null ? "" : login.strip();
        Optional<Account> account = l.contains("@") ? accounts.byEmail(l)
                : accounts.byUsername(l.toLowerCase(Locale.ROOT));
        account.filter(a -> a.email() != null && a.emailConfirmed() && !a.disabled())
                .ifPresent(a -> send(a, baseUrl, locale, LINK_LIFE, "password-reset", Map.of()));
    }

    /**
     * The official's first password: the same kind of link, valid three days, in a mail that says
     * who invited them to what (an invitation, not a reset they would not recognise).
     */
    @Transactional
    public void invite(Account official, String baseUrl, Locale locale) {
        // the username is the one thing the official must know to sign in; a citizen's (their ID number) stays out of mails
        send(official, baseUrl, locale, INVITATION_LIFE, "official-invitation",
                Map.of("username", official.username(), "hours", INVITATION_LIFE.toHours()));
    }

    private void send(Account a, String baseUrl, Locale locale, Duration life, String template,
            Map<String, Object> extra) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into identity.password_reset(token_hash, account_id, expires_at) "
                        + "values (?, ?, now() + make_interval(secs => ?))")
                .params(Registrations.hash(token), a.id(), life.toSeconds()).update();
        Map<String, Object> model = new java.util.HashMap<>(extra);
        model.putAll(Map.of("name", a.displayName(), "link", baseUrl + "/reset?token=" + token,
                "minutes", life.toMinutes()));
        mail.send(new Email(a.email(), template, locale, model));
    }

    /** Whether a link is still good (the page asks before showing the form). */
    public boolean valid(String token) {
        return token != null && jdbc.sql("select exists(select 1 from identity.password_reset where token_hash = ? "
                + "and used_at is null and expires_at > now())").param(Registrations.hash(token))
                .query(Boolean.class).single();
    }

    /** Sets the new password, spends the link, unlocks the account and ends its sessions. */
    @Transactional
    public void reset(String token, String password) {
        UUID accountId = token == null ? null : jdbc.sql("""
                        update identity.password_reset set used_at = now()
                        where token_hash = ? and used_at is null and expires_at > now() returning account_id""")
                .param(Registrations.hash(token)).query(UUID.class).optional().orElse(null);
        if (accountId == null) {
            throw InvalidInput.because("reset.link", "token",
                    "This link has expired or was already used: ask for a new one");
        }
        Account a = accounts.byId(accountId).orElseThrow();
        policy.check(password == null ? "" : password,
                new PasswordPolicy.Identity(a.username(), a.idNumber(), a.email())).ifPresent(v -> {
                    throw v.toInvalidInput("password");
                });
        jdbc.sql("""
                        update identity.account set password_hash = ?, password_changed_at = now(), failed_signins = 0,
                            locked_until = null where id = ?""")
                .params(passwords.encode(password), accountId).update();
        jdbc.sql("delete from identity.http_session where principal_name = ?").param(a.username()).update();
        audit.record(new AuditTrail.Entry("account:" + accountId, a.agencyId() == null ? "-" : a.agencyId(),
                "account.password-reset", "account:" + accountId, AuditTrail.Outcome.SUCCESS));
    }
}
