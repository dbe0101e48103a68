package org.ketnoi.identity.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.CitizenDirectory;
import org.ketnoi.identity.credentials.PasswordPolicy;
import org.ketnoi.notify.Email;
import org.ketnoi.notify.Mailer;
import org.ketnoi.platform.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A citizen's registration: the details must match the population registry, then a code sent to
 * the e-mail address confirms it, and only then is the account created. The registry's answer is
 * yes or no: a mismatch never says which detail differed or what the registry holds. That an
 * account exists is said only to someone who already knows the person's number, name and date of
 * birth together.
 */
@Service
public class Registrations {

    static final Duration CODE_LIFE = Duration.ofMinutes(15);
    static final int MAX_ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final CitizenDirectory registry;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final Mailer mail;
    private final SecureRandom random = new SecureRandom();

    public record Form(String idNumber, String fullName, String birthDate, String email, String phone,
            String password) {
    }

    Registrations(JdbcClient jdbc, CitizenDirectory registry, Accounts accounts, PasswordPolicy policy,
            PasswordEncoder passwords, Mailer mail) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.accounts = accounts;
        this.policy = policy;
        this.passwords = passwords;
        this.mail = mail;
    }

    /** Checks the form and the registry, and sends the confirmation code. Returns the pending registration. */
    @Transactional
    public UUID start(Form form, Locale locale) {
        String idNumber = form.idNumber() == null ? "" : form.idNumber().strip();
        if (!idNumber.matches("[0-9]{12}")) {
            throw InvalidInput.because("registration.id-number", "idNumber",
                    "A personal identification number has 12 digits");
        }
        String fullName = form.fullName() == null ? "" : form.fullName().strip().replaceAll("\\s+", " ");
        if (fullName.isEmpty() || fullName.length() > 100) {
            throw InvalidInput.because("registration.full-name", "fullName",
                    "Write your full name as on your identity card");
        }
        String birthDate = form.birthDate() == null ? "" : form.birthDate().strip();
        if (!birthDate.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw InvalidInput.because("registration.birth-date", "birthDate",
                    "Give your date of birth as day, month and year");
        }
        String email = form.email() == null ? "" : form.email().strip();
        if (!email.matches("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+") || email.length() > 254) {
            throw InvalidInput.because("registration.email", "email", "Give an e-mail address such as an@example.vn");
        }
        String phone = form.phone() == null ? "" : form.phone().replaceAll("[\\s.-]", "");
        if (!phone.isEmpty() && !phone.matches("(\\+84|0)[0-9]{9,10}")) {
            throw InvalidInput.because("registration.phone", "phone",
                    "A Vietnamese phone number has 10 digits and starts with 0 (or +84)");
        }
        policy.check(form.password() == null ? "" : form.password(),
                new PasswordPolicy.Identity(idNumber, idNumber, email)).ifPresent(v -> {
                    throw v.toInvalidInput("password");
                });
        Optional<CitizenDirectory.Profile> person = registry.match(idNumber, fullName, birthDate);
        if (person.isEmpty()) {
            throw InvalidInput.because("registration.no-match", "idNumber",
                    "These details do not match the national population registry: check the number, your full "
                            + "name as on your identity card, and your date of birth");
        }
        if (accounts.exists(idNumber)) {
            throw InvalidInput.because("registration.taken", "idNumber",
                    "An account already exists for this personal identification number: sign in, or reset the "
                            + "password if you forgot it");
        }
        if (accounts.byEmail(email).isPresent()) {
            throw InvalidInput.because("registration.email-taken", "email",
                    "This e-mail address belongs to another account: give your own address");
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into identity.pending_registration(id, id_number, full_name, email, phone, password_hash,
                            code_hash, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))""")
                .params(id, idNumber, person.get().fullName(), email, phone.isEmpty() ? null : phone,
                        passwords.encode(form.password()), hash(id + ":" + code), CODE_LIFE.toSeconds())
                .update();
        jdbc.sql("update identity.pending_registration set expires_at = now() where id_number = ? and id <> ?")
                .params(idNumber, id).update();
        mail.send(new Email(email, "email-confirmation", locale, Map.of("name", person.get().fullName(), "code", code,
                "minutes", CODE_LIFE.toMinutes())));
        return id;
    }

    /** The e-mail address a pending registration waits on, for the confirmation page. */
    public Optional<String> email(UUID pending) {
        return jdbc.sql("select email from identity.pending_registration where id = ? and expires_at > now()")
                .param(pending).query(String.class).optional();
    }

    /** Creates the account when the code is right; five wrong codes end the registration. */
    @Transactional(noRollbackFor = InvalidInput.class)
    public Account confirm(UUID pending, String code) {
        record Pending(String idNumber, String fullName, String email, String phone, String passwordHash,
                String codeHash, int attempts) {
        }
        Pending p = jdbc.sql("""
                        select id_number, full_name, email, phone, password_hash, code_hash, attempts
                        from identity.pending_registration where id = ? and expires_at > now() for update""")
                .param(pending)
                .query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)))
                .optional()
                .orElseThrow(() -> InvalidInput.because("registration.expired", "code",
                        "This registration has expired: start again"));
        String given = code == null ? "" : code.replaceAll("\\s", "");
        if (!MessageDigest.isEqual(hash(pending + ":" + given).getBytes(StandardCharsets.US_ASCII),
                p.codeHash().getBytes(StandardCharsets.US_ASCII))) {
            int attempts = p.attempts() + 1;
            if (attempts >= MAX_ATTEMPTS) {
                jdbc.sql("delete from identity.pending_registration where id = ?").param(pending).update();
                throw InvalidInput.because("registration.too-many-codes", "code",
                        "Too many wrong codes: start the registration again");
            }
            jdbc.sql("update identity.pending_registration set attempts = ? where id = ?").params(attempts, pending)
                    .update();
            throw InvalidInput.because("registration.wrong-code", "code",
                    "That is not the code we sent: check the latest e-mail from Ketnoi ({0} tries left)",
                    MAX_ATTEMPTS - attempts);
        }
        jdbc.sql("delete from identity.pending_registration where id_number = ?").param(p.idNumber()).update();
        if (accounts.exists(p.idNumber())) {
            throw InvalidInput.because("registration.taken", "code",
                    "An account already exists for this personal identification number: sign in, or reset the "
                            + "password if you forgot it");
        }
        String birthDate = registry.profile(p.idNumber()).map(CitizenDirectory.Profile::birthDate).orElse(null);
        return accounts.createCitizen(p.idNumber(), p.fullName(), birthDate, p.email(), p.phone(), p.passwordHash());
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
