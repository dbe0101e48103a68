package org.ketnoi.population;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.Conflict;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.ketnoi.platform.SearchKey;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The national population registry. Every read of a person's data goes through here and is
 * answered only once it is in the access log; officials act within their area only; every change
 * keeps the version it replaces.
 */
@Service
public class PopulationRegistry {

    /** The names of every field of a record, as the access log lists them. */
    public static final List<String> ALL_FIELDS = List.of("idNumber", "fullName", "birthDate", "sex", "ethnicity",
            "religion", "nationality", "birthRegistration", "homeTown", "permanentResidence", "temporaryResidence",
            "household", "idCard", "maritalStatus", "status", "relatives");
    static final List<String> SUMMARY_FIELDS = List.of("idNumber", "fullName", "birthDate", "sex",
            "permanentResidence");
    static final int MAX_BATCH = 1000;
    private static final String[] COLUMN_NAMES = CitizenTable.COLUMNS.split(", ");

    private final JdbcClient jdbc;
    private final AdministrativeUnits units;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final AccessLogWriter accessLog;
    private volatile Map<String, String> communeProvinces;

    PopulationRegistry(JdbcClient jdbc, AdministrativeUnits units, AuditTrail audit, ApplicationEventPublisher events,
            AccessLogWriter accessLog) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.units = units;
        this.audit = audit;
        this.events = events;
    }

    /** The commune → province table, loaded once: communes change only by law. */
    Map<String, String> communeProvinces() {
        Map<String, String> map = communeProvinces;
        if (map == null) {
            map = units.communeProvinces();
            communeProvinces = map;
        }
        return map;
    }

    /** Checks that the record's communes exist, and returns the province of its permanent residence. */
    String placeOf(CitizenRecord record) {
        String province = communeProvinces().get(record.permanentResidence().communeCode());
        if (province == null) {
            throw InvalidInput.because("communeCode.unknown", "permanentResidence", "There is no commune with the code "
                    + record.permanentResidence().communeCode(), record.permanentResidence().communeCode());
        }
        if (record.temporaryResidence() != null
                && !communeProvinces().containsKey(record.temporaryResidence().communeCode())) {
            throw InvalidInput.because("communeCode.unknown", "temporaryResidence", "There is no commune with the code "
                    + record.temporaryResidence().communeCode(), record.temporaryResidence().communeCode());
        }
        if (record.birthRegistrationCommune() != null
                && !communeProvinces().containsKey(record.birthRegistrationCommune())) {
            throw InvalidInput.because("communeCode.unknown", "birthRegistrationCommune", "There is no commune with "
                    + "the code " + record.birthRegistrationCommune(), record.birthRegistrationCommune());
        }
        return province;
    }

    /**
     * For bulk loaders (imports): a record's row of population.citizen, column name to value in the
     * order of {@link CitizenTable#COLUMNS}, ready for COPY; the communes are checked as for
     * {@link #register}. The loader checks the area (the row's province and perm_commune) and audits.
     */
    public java.util.SequencedMap<String, Object> citizenRow(CitizenRecord record, String changedBy, String agency,
            String reason) {
        Object[] values = CitizenTable.values(record, placeOf(record), changedBy, agency, reason, null);
        java.util.SequencedMap<String, Object> row = java.util.LinkedHashMap.newLinkedHashMap(values.length);
        for (int i = 0; i < values.length; i++) {
            row.put(COLUMN_NAMES[i], values[i]);
        }
        return row;
    }

    /** One person's whole record, for an official of their area (one statement: no transaction needed). */
    public Citizen citizen(PersonalIdNumber id, Caller caller, String purpose, String channel) {
        requireOfficial(caller);
        Citizen citizen = load(id).orElseThrow(() -> new NotFound("citizen", id, "No citizen has the number " + id));
        requireArea(caller, citizen);
        log(List.of(id.asLong()), caller, purpose, channel, ALL_FIELDS);
        return citizen;
    }

    /**
     * A citizen's own record, read for them by a service they use (a dossier form filled in from the
     * registry). The read is in their access log with the service's purpose, under their own name.
     */
    public Citizen own(Caller citizen, String purpose, String channel) {
        if (citizen.kind() != Caller.Kind.CITIZEN) {
            throw new org.springframework.security.access.AccessDeniedException("Only a citizen reads their own record");
        }
        PersonalIdNumber id = PersonalIdNumber.parse(citizen.username());
        Citizen found = load(id).orElseThrow(() -> new NotFound("citizen", id, "No citizen has the number " + id));
        log(List.of(id.asLong()), citizen, purpose, channel, ALL_FIELDS);
        return found;
    }

    /** The members of a household, for an official of the household's area. */
    @Transactional
    public List<Citizen> household(String number, Caller caller, String purpose, String channel) {
        requireOfficial(caller);
        List<Citizen> members = jdbc.sql("select * from population.citizen where household_no = ? "
                        + "order by relation_to_head = 'head' desc, birth_year, id")
                .param(number).query(CitizenTable::citizen).list();
        if (members.isEmpty()) {
            throw new NotFound("household", number, "No household has the number " + number);
        }
        members.forEach(m -> requireArea(caller, m));
        log(members.stream().map(m -> m.idNumber().asLong()).toList(), caller, purpose, channel, ALL_FIELDS);
        return members;
    }

    /**
     * People of the caller's area whose name is the one typed (diacritics optional, a prefix will do)
     * and, if given, who were born in that year, month or on that day.
     */
    @Transactional
    public List<Citizen> search(String name, Optional<BirthDate> born, Caller caller, String purpose, String channel,
            int limit) {
        requireOfficial(caller);
        String key = SearchKey.of(name);
        if (key.length() < 2) {
            throw new InvalidInput("name", "Type at least two letters of the name", name);
        }
        List<Citizen> found = jdbc.sql("""
                        select * from population.citizen
                        where name_key like :prefix
                          and (cast(:year as int) is null or birth_year = :year)
                          and (cast(:month as int) is null or birth_month = :month)
                          and (cast(:day as int) is null or birth_day = :day)
                          and (cast(:province as text) is null or province = :province)
                          and (cast(:commune as text) is null or perm_commune = :commune)
                        order by name_key, birth_year, id
                        limit :limit""")
                .param("prefix", SearchKey.escapeLike(key) + "%")
                .param("year", born.map(BirthDate::year).orElse(null))
                .param("month", born.map(BirthDate::month).orElse(null))
                .param("day", born.map(BirthDate::day).orElse(null))
                .param("province", caller.province().orElse(null))
                .param("commune", caller.commune().orElse(null))
                .param("limit", limit)
                .query(CitizenTable::citizen).list();
        log(found.stream().map(c -> c.idNumber().asLong()).toList(), caller, purpose, channel, SUMMARY_FIELDS);
        return found;
    }

    /** What the record said at an instant: the current version or the one in force then. */
    @Transactional
    public Optional<Citizen> asOf(PersonalIdNumber id, Instant at, Caller caller, String purpose, String channel) {
        Citizen current = citizen(id, caller, purpose, channel);
        if (!current.validFrom().isAfter(at)) {
            return Optional.of(current);
        }
        return jdbc.sql("""
                        select (jsonb_populate_record(null::population.citizen, h.record)).*
                        from population.citizen_history h
                        where h.id = ? and h.valid_from <= ? and h.valid_to > ?""")
                .params(id.asLong(), Timestamp.from(at), Timestamp.from(at))
                .query(CitizenTable::citizen).optional();
    }

    /** Every version of the record, newest first. */
    @Transactional
    public List<Citizen> history(PersonalIdNumber id, Caller caller, String purpose, String channel) {
        Citizen current = citizen(id, caller, purpose, channel);
        List<Citizen> versions = new ArrayList<>();
        versions.add(current);
        versions.addAll(jdbc.sql("""
                        select (jsonb_populate_record(null::population.citizen, h.record)).*
                        from population.citizen_history h where h.id = ? order by h.version desc""")
                .param(id.asLong()).query(CitizenTable::citizen).list());
        return versions;
    }

    /** Adds one citizen (a birth registration, a record found missing). */
    @Transactional
    public Citizen register(CitizenRecord record, Caller caller, String reason, String legalBasis) {
        requireOfficial(caller);
        String province = placeOf(record);
        requireArea(caller, province, record.permanentResidence().communeCode());
        requireReason(reason);
        int inserted = jdbc.sql("insert into population.citizen(" + CitizenTable.COLUMNS + ") values ("
                        + "?,".repeat(29) + "?) on conflict (id) do nothing")
                .params(CitizenTable.values(record, province, caller.username(), caller.agencyId(), reason, legalBasis))
                .update();
        if (inserted == 0) {
            throw new Conflict("A citizen with the number " + record.idNumber() + " is already in the registry");
        }
        audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(), "population.register",
                "citizen:" + record.idNumber().masked(), AuditTrail.Outcome.SUCCESS));
        events.publishEvent(new CitizenRecordChanged(record.idNumber(), 1, caller.agencyId()));
        return load(record.idNumber()).orElseThrow();
    }

    /**
     * Replaces a record with a corrected one. The caller names the version they read; if someone
     * changed the record since, the correction is refused rather than silently overwriting theirs.
     */
    @Transactional
    public Citizen correct(PersonalIdNumber id, int expectedVersion, CitizenRecord corrected, Caller caller,
            String reason, String legalBasis) {
        requireOfficial(caller);
        requireReason(reason);
        if (!corrected.idNumber().equals(id)) {
            throw InvalidInput.because("idNumber.changed", "idNumber", "A correction cannot change the personal "
                    + "identification number; the number is corrected by a separate procedure", id);
        }
        Citizen current = jdbc.sql("select * from population.citizen where id = ? for update").param(id.asLong())
                .query(CitizenTable::citizen).optional()
                .orElseThrow(() -> new NotFound("citizen", id, "No citizen has the number " + id));
        requireArea(caller, current);
        if (current.version() != expectedVersion) {
            throw new Conflict("The record of " + id + " was changed by " + current.changedBy() + " at "
                    + current.validFrom() + " (now version " + current.version() + ", you edited version "
                    + expectedVersion + "); reload it and apply your correction again");
        }
        String province = placeOf(corrected);
        requireArea(caller, province, corrected.permanentResidence().communeCode());
        jdbc.sql("""
                        insert into population.citizen_history(id, version, valid_from, valid_to, record, changed_by,
                                                                changed_agency, change_reason, legal_basis)
                        select id, version, valid_from, now(), to_jsonb(c), changed_by, changed_agency, change_reason,
                               legal_basis
                        from population.citizen c where id = ?""")
                .param(id.asLong()).update();
        Object[] values = CitizenTable.values(corrected, province, caller.username(), caller.agencyId(), reason,
                legalBasis);
        String assignments = Arrays.stream(CitizenTable.COLUMNS.split(", ")).skip(1).map(c -> c + " = ?")
                .collect(Collectors.joining(", "));
        Object[] params = new Object[values.length];
        System.arraycopy(values, 1, params, 0, values.length - 1);
        params[values.length - 1] = id.asLong();
        jdbc.sql("update population.citizen set " + assignments + ", version = version + 1, valid_from = now() "
                + "where id = ?").params(params).update();
        audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(), "population.correct",
                "citizen:" + id.masked(), AuditTrail.Outcome.SUCCESS));
        events.publishEvent(new CitizenRecordChanged(id, expectedVersion + 1, caller.agencyId()));
        return load(id).orElseThrow();
    }

    /** Verifies one person for an agency system. */
    public Verification.Result verify(Verification.Request request, Caller caller, String purpose) {
        return verify(List.of(request), caller, purpose).getFirst();
    }

    /** Verifies many persons in one call (at most 1,000), answered in the order asked. */
    public List<Verification.Result> verify(List<Verification.Request> requests, Caller caller, String purpose) {
        if (!caller.hasRole(Roles.REGISTRY_VERIFIER) && !caller.hasRole(Roles.REGISTRY_READER)) {
            throw new AccessDeniedException("Verifying persons needs the role " + Roles.REGISTRY_VERIFIER);
        }
        requirePurpose(purpose);
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw new InvalidInput("requests", "A verification call holds 1 to " + MAX_BATCH + " persons, got "
                    + requests.size(), requests.size());
        }
        Long[] ids = requests.stream().map(r -> r.idNumber().asLong()).distinct().toArray(Long[]::new);
        Map<Long, Citizen> found = jdbc.sql("select * from population.citizen where id = any(?)")
                .param(ids).query(CitizenTable::citizen).list().stream()
                .collect(Collectors.toMap(c -> c.idNumber().asLong(), Function.identity()));
        boolean reader = caller.hasRole(Roles.REGISTRY_READER);
        List<Verification.Result> results = new ArrayList<>(requests.size());
        List<Long> read = new ArrayList<>();
        for (Verification.Request r : requests) {
            Citizen c = found.get(r.idNumber().asLong());
            boolean match = c != null
                    && (r.fullName() == null || sameName(r.fullName(), c.record().fullName()))
                    && (r.birthDate() == null || r.birthDate().equals(c.record().birthDate()));
            if (c != null) {
                read.add(c.idNumber().asLong());
            }
            results.add(new Verification.Result(r.idNumber(),
                    match ? Verification.Outcome.MATCH : Verification.Outcome.NO_MATCH,
                    match && reader ? Optional.of(person(c)) : Optional.empty()));
        }
        log(read, caller, purpose, "verification", reader ? SUMMARY_FIELDS : List.of("idNumber", "fullName",
                "birthDate"));
        return results;
    }

    /** Who read this person's data, newest first: for the citizen themself, and for officials of their area. */
    @Transactional(readOnly = true)
    public List<AccessLogEntry> accessLog(PersonalIdNumber id, int limit) {
        return jdbc.sql("""
                        select at, citizen_id, actor, agency, purpose, channel, fields from population.access_log
                        where citizen_id = ? order by at desc, id desc limit ?""")
                .params(id.asLong(), limit)
                .query((rs, n) -> new AccessLogEntry(rs.getTimestamp("at").toInstant(),
                        PersonalIdNumber.of(rs.getLong("citizen_id")), rs.getString("actor"), rs.getString("agency"),
                        rs.getString("purpose"), rs.getString("channel"),
                        List.of((String[]) rs.getArray("fields").getArray())))
                .list();
    }

    /** The access log of a person for an official of their area; reading the log is itself logged. */
    @Transactional
    public List<AccessLogEntry> accessLog(PersonalIdNumber id, Caller caller, String purpose, String channel) {
        citizen(id, caller, purpose, channel);
        return accessLog(id, 500);
    }

    public long count() {
        return jdbc.sql("select count(*) from population.citizen").query(Long.class).single();
    }

    Optional<Citizen> load(PersonalIdNumber id) {
        return jdbc.sql("select * from population.citizen where id = ?").param(id.asLong())
                .query(CitizenTable::citizen).optional();
    }

    void log(List<Long> citizens, Caller caller, String purpose, String channel, List<String> fields) {
        requirePurpose(purpose);
        if (citizens.isEmpty()) {
            return;
        }
        accessLog.write(new AccessLogWriter.Read(Instant.now(), citizens, caller.username(), caller.agencyId(),
                purpose.strip(), channel, fields));
    }

    static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInput("purpose", "Say why you read this person's data: the purpose is recorded in the "
                    + "access log the citizen can see", null);
        }
        if (purpose.length() > 200) {
            throw new InvalidInput("purpose", "A purpose has at most 200 characters", null);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInput("reason", "A change needs a reason of 1 to 500 characters", null);
        }
    }

    private static void requireOfficial(Caller caller) {
        if (!caller.hasRole(Roles.REGISTRY_OFFICIAL)) {
            throw new AccessDeniedException("Reading registry records needs the role " + Roles.REGISTRY_OFFICIAL);
        }
    }

    private static void requireArea(Caller caller, Citizen citizen) {
        requireArea(caller, citizen.province(), citizen.record().permanentResidence().communeCode());
    }

    private static void requireArea(Caller caller, String province, String commune) {
        if (!caller.covers(province, commune)) {
            throw new AccessDeniedException("This person lives outside the area of agency " + caller.agencyId());
        }
    }

    private static boolean sameName(String asked, String recorded) {
        String a = java.text.Normalizer.normalize(asked.strip(), java.text.Normalizer.Form.NFC).replaceAll("\\s+", " ");
        return a.equalsIgnoreCase(recorded);
    }

    private static Verification.Person person(Citizen c) {
        CitizenRecord r = c.record();
        return new Verification.Person(r.fullName(), r.birthDate().toString(), r.sex().code(),
                r.permanentResidence().communeCode(), r.isDeceased());
    }

}
