package org.ketnoi.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ketnoi.agency.Agency;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.platform.Conflict;
import org.ketnoi.platform.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and turns an account into the {@link Caller} a request acts as. */
@Service
public class Accounts {

    private final JdbcClient jdbc;
    private final AgencyDirectory agencies;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;

    Accounts(JdbcClient jdbc, AgencyDirectory agencies, PasswordEncoder passwords, AuditTrail audit) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Transactional
    public Caller register(String username, String displayName, Caller.Kind kind, AgencyId agency,
            Set<String> roles, String password, String actor) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            throw new InvalidInput("username", "A username has 3 to 64 lower-case letters, digits, dots, hyphens "
                    + "or underscores, got '" + username + "'", username);
        }
        if (password == null || password.length() < 12) {
            throw new InvalidInput("password", "A password needs at least 12 characters", null);
        }
        agencies.agency(agency);
        if (jdbc.sql("select count(*) from identity.account where username = ?").param(username)
                .query(Integer.class).single() > 0) {
            throw new Conflict("The username " + username + " is taken");
        }
        jdbc.sql("""
                        insert into identity.account(username, display_name, kind, agency_id, roles, password_hash)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(username, displayName, kind.name(), agency.value(), roles.toArray(String[]::new),
                        passwords.encode(password))
                .update();
        audit.record(new AuditTrail.Entry(actor, agency.value(), "account.create", "account:" + username,
                AuditTrail.Outcome.SUCCESS));
        return caller(username).orElseThrow();
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from identity.account where username = ?").param(username)
                .query(Integer.class).single() > 0;
    }

    /** The caller for an enabled account, with its agency's area resolved. */
    public Optional<Caller> caller(String username) {
        // The agency is looked up after the account row is read: a lookup inside the row mapper
        // would hold two pooled connections at once, and under load the pool deadlocks.
        Optional<AccountRow> row = jdbc.sql("select username, display_name, kind, agency_id, roles "
                        + "from identity.account where username = ? and enabled")
                .param(username)
                .query((rs, n) -> new AccountRow(rs.getString("username"), rs.getString("display_name"),
                        Caller.Kind.valueOf(rs.getString("kind")), rs.getString("agency_id"),
                        Set.of((String[]) rs.getArray("roles").getArray())))
                .optional();
        return row.map(r -> {
            Agency agency = agencies.agency(new AgencyId(r.agencyId()));
            return new Caller(r.username(), r.displayName(), r.kind(), agency.id().value(),
                    agency.province().map(Object::toString), agency.commune().map(Object::toString), r.roles());
        });
    }

    private record AccountRow(String username, String displayName, Caller.Kind kind, String agencyId,
            Set<String> roles) {
    }

    Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from identity.account where username = ? and enabled")
                .param(username).query(String.class).optional();
    }

    public List<String> usernames() {
        return jdbc.sql("select username from identity.account order by username").query(String.class).list();
    }
}
