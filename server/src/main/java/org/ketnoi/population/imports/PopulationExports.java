package org.ketnoi.population.imports;

import org.ketnoi.population.PopulationRegistry;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.InvalidInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Export of an area's citizens as CSV or NDJSON, streamed through a server-side cursor so an area
 * of any size passes in constant memory. Each exported person gets an access-log row, written in
 * the same snapshot as the rows read, and kept even if the transfer breaks off.
 */
@Service
public class PopulationExports {

    /** The names the access log uses for a whole record (as the registry's own reads). */
    private static final String CHANNEL = "export";
    private static final String COLUMNS = "id, full_name, birth_year, birth_month, birth_day, sex, ethnicity, "
            + "religion, nationality, birth_reg_commune, home_town, perm_commune, perm_address, temp_commune, "
            + "temp_address, household_no, relation_to_head, id_card_issued, id_card_authority, marital_status, "
            + "death_date, father_id, mother_id, spouse_id";

    private final JdbcTemplate cursor;
    private final AdministrativeUnits units;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private volatile Map<String, String> communeProvinces;

    PopulationExports(DataSource dataSource, AdministrativeUnits units, AuditTrail audit,
            PlatformTransactionManager transactionManager) {
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(1000);
        this.units = units;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        // The log rows and the exported rows must be the same people: one snapshot for both.
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Checks an export before any byte is sent, so a web answer can still be an error.
     *
     * @return a short name of the area for a file name: {@code 01}, {@code 01-00004} or {@code all}
     */
    public String check(Optional<String> province, Optional<String> commune, Caller caller, String purpose) {
        return area(province, commune, caller, purpose).label();
    }

    /** Writes the citizens whose permanent residence is in the area, which must lie within the caller's. */
    public void export(OutputStream out, Format format, Optional<String> province, Optional<String> commune,
            Caller caller, String purpose) {
        Area area = area(province, commune, caller, purpose);
        RuntimeException[] failure = new RuntimeException[1];
        transactions.executeWithoutResult(status -> {
            logAccess(area, caller, purpose.strip());
            Object savepoint = status.createSavepoint();
            try {
                stream(out, format, area);
            } catch (RuntimeException e) {
                // The people already sent were read: keep their log rows and say the export broke off.
                status.rollbackToSavepoint(savepoint);
                failure[0] = e;
            }
            audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(), "population.export",
                    "export:" + area.label(), failure[0] == null ? AuditTrail.Outcome.SUCCESS
                            : AuditTrail.Outcome.FAILURE));
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void logAccess(Area area, Caller caller, String purpose) {
        List<Object> args = new ArrayList<>(Arrays.asList(caller.username(), caller.agencyId(), purpose, CHANNEL,
                PopulationRegistry.ALL_FIELDS.toArray(String[]::new)));
        args.addAll(area.arguments());
        cursor.update("insert into population.access_log(citizen_id, actor, agency, purpose, channel, fields) "
                + "select id, ?, ?, ?, ?, ? from population.citizen" + area.where(), args.toArray());
    }

    private void stream(OutputStream out, Format format, Area area) {
        CitizenWriter writer = CitizenWriter.of(format,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        cursor.query("select " + COLUMNS + " from population.citizen" + area.where(),
                rs -> {
                    writer.write(document(rs));
                }, area.arguments().toArray());
        writer.flush();
    }

    /** A row as the values of a CitizenDocument, in its order. */
    private static String[] document(ResultSet rs) throws SQLException {
        return new String[] {number(rs, "id"), rs.getString("full_name"), birthDate(rs), rs.getString("sex"),
            rs.getString("ethnicity"), rs.getString("religion"), rs.getString("nationality"),
            rs.getString("birth_reg_commune"), rs.getString("home_town"), rs.getString("perm_commune"),
            rs.getString("perm_address"), rs.getString("temp_commune"), rs.getString("temp_address"),
            rs.getString("household_no"), rs.getString("relation_to_head"), date(rs, "id_card_issued"),
            rs.getString("id_card_authority"), rs.getString("marital_status"), date(rs, "death_date"),
            number(rs, "father_id"), number(rs, "mother_id"), number(rs, "spouse_id")};
    }

    private static String birthDate(ResultSet rs) throws SQLException {
        StringBuilder s = new StringBuilder(String.format("%04d", rs.getInt("birth_year")));
        int month = rs.getInt("birth_month");
        if (!rs.wasNull()) {
            s.append(String.format("-%02d", month));
            int day = rs.getInt("birth_day");
            if (!rs.wasNull()) {
                s.append(String.format("-%02d", day));
            }
        }
        return s.toString();
    }

    private static String number(ResultSet rs, String column) throws SQLException {
        long n = rs.getLong(column);
        return rs.wasNull() ? null : String.format("%012d", n);
    }

    private static String date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate().toString();
    }

    /** The area asked for (by default the caller's own), checked to exist and to lie within the caller's. */
    private Area area(Optional<String> province, Optional<String> commune, Caller caller, String purpose) {
        if (!caller.hasRole(Roles.REGISTRY_IMPORTER)) {
            throw new AccessDeniedException("Exporting population data needs the role " + Roles.REGISTRY_IMPORTER);
        }
        requirePurpose(purpose);
        String p = code(province, "province", "[0-9]{2}", "A province code has 2 digits");
        String c = code(commune, "commune", "[0-9]{5}", "A commune code has 5 digits");
        if (c != null) {
            String of = communeProvinces().get(c);
            if (of == null) {
                throw new InvalidInput("commune", "There is no commune with the code " + c, c);
            }
            if (p != null && !p.equals(of)) {
                throw new InvalidInput("commune", "The commune " + c + " is in province " + of + ", not " + p, c);
            }
            p = of;
        } else if (p != null && !communeProvinces().containsValue(p)) {
            throw new InvalidInput("province", "There is no province with the code " + p, p);
        }
        if (p == null && c == null) {
            p = caller.province().orElse(null);
            c = caller.commune().orElse(null);
        }
        if (!caller.covers(p, c)) {
            throw new AccessDeniedException("The area asked for is outside the area of agency " + caller.agencyId());
        }
        return new Area(p, c);
    }

    private Map<String, String> communeProvinces() {
        Map<String, String> map = communeProvinces;
        if (map == null) {
            map = units.communeProvinces();
            communeProvinces = map;
        }
        return map;
    }

    private static String code(Optional<String> value, String field, String pattern, String rule) {
        String v = value.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (v != null && !v.matches(pattern)) {
            throw new InvalidInput(field, rule + ", got '" + (v.length() > 20 ? v.substring(0, 20) + "…" : v) + "'",
                    v);
        }
        return v;
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInput("purpose", "Say why you export these people's data: the purpose is recorded in "
                    + "the access log each citizen can see", null);
        }
        if (purpose.length() > 200) {
            throw new InvalidInput("purpose", "A purpose has at most 200 characters", null);
        }
    }

    /** Province and commune of permanent residence; either may be absent (a central agency's whole country). */
    private record Area(String province, String commune) {

        String where() {
            return commune != null ? " where perm_commune = ?" : province != null ? " where province = ?" : "";
        }

        List<Object> arguments() {
            return commune != null ? List.of(commune) : province != null ? List.of(province) : List.of();
        }

        String label() {
            return commune != null ? province + "-" + commune : province != null ? province : "all";
        }
    }
}
