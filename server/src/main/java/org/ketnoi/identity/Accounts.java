package org.ketnoi.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ketnoi.agency.Agency;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.provider.Authorizations;
import org.ketnoi.platform.Conflict;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The account store: creates accounts and turns an account into the {@link Caller} a request acts as. */
@Service
public class Accounts {

    static final String COLUMNS = "id, username, display_name, kind, agency_id, roles, id_number, birth_date, email, "
            + "email_confirmed_at is not null as email_confirmed, phone, totp_enabled_at is not null as totp_enabled, "
            + "disabled_at is not null as disabled";

    private final JdbcClient jdbc;
    private final AgencyDirectory agencies;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    /** The provider's tokens; absent when no web server runs (commands), and then there are none to end. */
    private final org.springframework.beans.factory.ObjectProvider<Authorizations> authorizations;

    Accounts(JdbcClient jdbc, AgencyDirectory agencies, PasswordEncoder passwords, AuditTrail audit,
            org.springframework.beans.factory.ObjectProvider<Authorizations> authorizations) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.passwords = passwords;
        this.audit = audit;
        this.authorizations = authorizations;
    }

    /**
     * Creates an official of an agency (the administrators' pages and demo data do this). The
     * password, when given, is set at once; otherwise the official sets it from an e-mailed link.
     * A taken username or e-mail address is refused beside its field, like any other bad input.
     */
    @Transactional
    public Account createOfficial(String username, String displayName, AgencyId agency, Set<String> roles,
            String email, String password, String actor) {
        requireUsername(username);
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw InvalidInput.because("account.name", "displayName", "A full name of 1 to 200 characters is needed");
        }
        if (email != null && !email.isBlank()) {
            requireEmail(email);
        }
        if (roles.isEmpty() || !Roles.OFFICIAL_ROLES.containsAll(roles)) {
            throw InvalidInput.because("account.roles", "roles", "Choose one or more of the officials' roles");
        }
        requireAgency(agency);
        String hash = password == null ? "!" : passwords.encode(password);
        jdbc.sql("""
                        insert into identity.account(username, display_name, kind, agency_id, roles, password_hash, email,
                            email_confirmed_at)
                        values (?, ?, 'OFFICIAL', ?, ?, ?, ?, case when ?::text is null then null else now() end)""")
                .params(username, displayName.strip(), agency.value(), roles.toArray(String[]::new), hash,
                        blankToNull(email), blankToNull(email))
                .update();
        audit.record(new AuditTrail.Entry(actor, agency.value(), "account.create", "account:" + username,
                AuditTrail.Outcome.SUCCESS));
        return byUsername(username).orElseThrow();
    }

    /** An official as an administrator appoints them: the password comes later, from the invitation. */
    public record NewOfficial(String username, String displayName, String email, AgencyId agency,
            Set<String> roles) {

        public NewOfficial {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /**
     * An administrator appoints an official: agency administrators in their own agency only, and
     * only platform administrators make platform administrators. The e-mail address is required:
     * the invitation to set a password goes there.
     */
    @Transactional
    public Account appoint(NewOfficial official, Caller actor) {
        requireManages(actor, official.agency());
        requireUsername(official.username());
        if (official.email() == null || official.email().isBlank()) {
            throw InvalidInput.because("account.email", "email", "An e-mail address such as an@example.vn is needed",
                    "");
        }
        requireGrantable(official.roles(), Set.of(), actor);
        return createOfficial(official.username(), official.displayName(), official.agency(), official.roles(),
                official.email(), null, actor.username());
    }

    /** The officials of an agency for one of its administrators (or a platform administrator). */
    public List<Account> officialsOf(AgencyId agency, Caller actor) {
        requireManages(actor, agency);
        requireAgency(agency);
        return officialsOf(agency);
    }

    /**
     * Gives an official another set of roles. Their sessions and tokens end, so the new roles hold
     * from their next sign-in and a removed role stops at once.
     */
    @Transactional
    public void changeRoles(UUID id, Set<String> roles, Caller actor) {
        Account a = byId(id).orElseThrow(() -> new NotFound("No such account"));
        requireAdministers(actor, a);
        if (!a.isOfficial()) {
            throw InvalidInput.because("account.not-official", "roles", "Only officials hold roles");
        }
        if (a.username().equals(actor.username())) {
            throw InvalidInput.because("account.self", "roles",
                    "Administrators do not change their own roles or disable themselves; another administrator does");
        }
        if (roles == null || roles.isEmpty() || !Roles.OFFICIAL_ROLES.containsAll(roles)) {
            throw InvalidInput.because("account.roles", "roles", "Choose one or more of the officials' roles");
        }
        requireGrantable(roles, a.roles(), actor);
        jdbc.sql("update identity.account set roles = ? where id = ?")
                .params(Roles.OFFICIAL_ROLES.stream().filter(roles::contains).toArray(String[]::new), id).update();
        endSessions(a);
        audit.record(new AuditTrail.Entry(actor.username(), actorAgency(actor), "account.roles",
                "account:" + a.username(), AuditTrail.Outcome.SUCCESS));
    }

    /** Kept for tests and data that predate the administrators' pages: an official with a password. */
    @Transactional
    public Caller register(String username, String displayName, Caller.Kind kind, AgencyId agency,
            Set<String> roles, String password, String actor) {
        if (kind != Caller.Kind.OFFICIAL) {
            throw new IllegalArgumentException("Agency systems are OAuth2 clients (AgencySystems); citizens register");
        }
        createOfficial(username, displayName, agency, roles, null, password, actor);
        return caller(username).orElseThrow();
    }

    /** A citizen whose details matched the registry and whose e-mail address is confirmed. */
    @Transactional
    public Account createCitizen(String idNumber, String fullName, String birthDate, String email, String phone,
            String passwordHash) {
        if (exists(idNumber)) {
            throw new Conflict("An account exists for this personal identification number");
        }
        jdbc.sql("""
                        insert into identity.account(username, display_name, kind, roles, password_hash, id_number,
                            birth_date, email, email_confirmed_at, phone)
                        values (?, ?, 'CITIZEN', '{}', ?, ?, ?, ?, now(), ?)""")
                .params(idNumber, fullName, passwordHash, idNumber, birthDate, email, blankToNull(phone)).update();
        audit.record(new AuditTrail.Entry("citizen:" + mask(idNumber), "-", "account.register",
                "account:" + mask(idNumber), AuditTrail.Outcome.SUCCESS));
        return byUsername(idNumber).orElseThrow();
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from identity.account where username = ?").param(username)
                .query(Integer.class).single() > 0;
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from identity.account where username = ?").param(username)
                .query(Accounts::account).optional();
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from identity.account where id = ?").param(id)
                .query(Accounts::account).optional();
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from identity.account where lower(email) = lower(?)").param(email)
                .query(Accounts::account).optional();
    }

    /** The officials of one agency, for its administrators. */
    public List<Account> officialsOf(AgencyId agency) {
        return jdbc.sql("select " + COLUMNS + " from identity.account where kind = 'OFFICIAL' and agency_id = ? "
                + "order by username").param(agency.value()).query(Accounts::account).list();
    }

    /** The caller for an enabled account, with its agency's area resolved. */
    public Optional<Caller> caller(String username) {
        return byUsername(username).filter(a -> !a.disabled()).map(this::caller);
    }

    public Caller caller(Account a) {
        if (a.agencyId() == null) {
            return new Caller(a.username(), a.displayName(), a.kind(), null, null, null, a.roles());
        }
        // The agency is looked up after the account row is read: a lookup inside the row mapper
        // would hold two pooled connections at once, and under load the pool deadlocks.
        Agency agency = agencies.agency(new AgencyId(a.agencyId()));
        return new Caller(a.username(), a.displayName(), a.kind(), agency.id().value(),
                agency.province().map(Object::toString).orElse(null),
                agency.commune().map(Object::toString).orElse(null), a.roles());
    }

    /** Disables an account: it cannot sign in, its sessions end and its tokens stop being renewed. */
    @Transactional
    public void disable(UUID id, Caller actor) {
        Account a = byId(id).orElseThrow(() -> new NotFound("No such account"));
        requireAdministers(actor, a);
        if (a.username().equals(actor.username())) {
            throw InvalidInput.because("account.self", "account",
                    "Administrators do not change their own roles or disable themselves; another administrator does");
        }
        jdbc.sql("update identity.account set disabled_at = now(), disabled_by = ? where id = ? and disabled_at is null")
                .params(actor.username(), id).update();
        endSessions(a);
        audit.record(new AuditTrail.Entry(actor.username(), actorAgency(actor), "account.disable",
                "account:" + a.username(), AuditTrail.Outcome.SUCCESS));
    }

    @Transactional
    public void enable(UUID id, Caller actor) {
        Account a = byId(id).orElseThrow(() -> new NotFound("No such account"));
        requireAdministers(actor, a);
        jdbc.sql("update identity.account set disabled_at = null, disabled_by = null, failed_signins = 0, "
                + "locked_until = null where id = ?").param(id).update();
        audit.record(new AuditTrail.Entry(actor.username(), actorAgency(actor), "account.enable",
                "account:" + a.username(), AuditTrail.Outcome.SUCCESS));
    }

    /**
     * Ends the account's web sessions (portal and provider) and revokes what the provider issued
     * for it: access tokens stop at once, refresh tokens cannot be used.
     */
    private void endSessions(Account a) {
        jdbc.sql("delete from identity.http_session where principal_name = ?").param(a.username()).update();
        authorizations.ifAvailable(tokens -> tokens.revokeAllOf(a.id().toString()));
    }

    /**
     * Platform administrators administer every account; agency administrators their own agency's
     * officials, except platform administrators (who could otherwise be disabled from below).
     */
    public void requireAdministers(Caller actor, Account account) {
        boolean allowed = actor.hasRole(Roles.PLATFORM_ADMIN)
                || actor.hasRole(Roles.AGENCY_ADMIN) && account.isOfficial()
                        && !account.roles().contains(Roles.PLATFORM_ADMIN)
                        && actor.agencyId() != null && actor.agencyId().equals(account.agencyId());
        if (!allowed) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Only the administrators of the account's agency may change it");
        }
    }

    /** Platform administrators manage every agency's officials; agency administrators their own agency's. */
    public static boolean manages(Caller actor, AgencyId agency) {
        return actor.hasRole(Roles.PLATFORM_ADMIN)
                || actor.hasRole(Roles.AGENCY_ADMIN) && agency.value().equals(actor.agencyId());
    }

    private static void requireManages(Caller actor, AgencyId agency) {
        if (agency == null || !manages(actor, agency)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Only the agency's administrators, or the platform's, manage its officials");
        }
    }

    /** Only a platform administrator grants or takes away the platform administrator's role. */
    private static void requireGrantable(Set<String> roles, Set<String> before, Caller actor) {
        if (roles.contains(Roles.PLATFORM_ADMIN) != before.contains(Roles.PLATFORM_ADMIN)
                && !actor.hasRole(Roles.PLATFORM_ADMIN)) {
            throw InvalidInput.because("account.roles-platform", "roles",
                    "Only a platform administrator grants the platform administrator's role");
        }
    }

    private void requireUsername(String username) {
        if (username == null || !username.matches("[a-z][a-z0-9._-]{2,63}")) {
            throw InvalidInput.because("username.shape", "username", "A username has 3 to 64 lower-case letters, "
                    + "digits, dots, hyphens or underscores and starts with a letter");
        }
        if (exists(username)) {
            throw InvalidInput.because("username.taken", "username", "The username {0} is taken", username);
        }
    }

    private void requireEmail(String email) {
        String e = email.strip();
        // ASCII only: the mailer does not send to internationalised addresses (SMTPUTF8) yet
        if (e.length() > 254 || !e.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                || !e.matches("[^@]+@[^@.]+(\\.[^@.]+)+")) {
            throw InvalidInput.because("account.email", "email", "An e-mail address such as an@example.vn is needed",
                    email);
        }
        if (byEmail(e).isPresent()) {
            throw InvalidInput.because("account.email-taken", "email",
                    "The e-mail address {0} belongs to another account", e);
        }
    }

    private void requireAgency(AgencyId agency) {
        if (agencies.find(agency).isEmpty()) {
            throw InvalidInput.because("account.agency", "agency", "No agency has the identifier {0}", agency.value());
        }
    }

    private static String actorAgency(Caller actor) {
        return actor.agencyId() == null ? "-" : actor.agencyId();
    }

    public List<String> usernames() {
        return jdbc.sql("select username from identity.account order by username").query(String.class).list();
    }

    static Account account(ResultSet rs, int n) throws SQLException {
        java.sql.Array roles = rs.getArray("roles");
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                Caller.Kind.valueOf(rs.getString("kind")), rs.getString("agency_id"),
                Set.of((String[]) roles.getArray()), rs.getString("id_number"), rs.getString("birth_date"),
                rs.getString("email"), rs.getBoolean("email_confirmed"), rs.getString("phone"),
                rs.getBoolean("totp_enabled"), rs.getBoolean("disabled"));
    }

    static String mask(String idNumber) {
        return idNumber.length() == 12 ? idNumber.substring(0, 3) + "******" + idNumber.substring(9) : "***";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
