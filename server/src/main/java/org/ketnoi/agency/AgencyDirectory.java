package org.ketnoi.agency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.platform.Conflict;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.ketnoi.platform.SearchKey;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tree of state agencies: lookup, search, the path to the top, and registration of new agencies. */
@Service
public class AgencyDirectory {

    private final JdbcClient jdbc;
    private final AdministrativeUnits units;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    AgencyDirectory(JdbcClient jdbc, AdministrativeUnits units, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
        this.events = events;
    }

    public Agency agency(AgencyId id) {
        return find(id).orElseThrow(() -> new NotFound("agency", id, "No agency has the identifier " + id));
    }

    public Optional<Agency> find(AgencyId id) {
        return jdbc.sql("select * from agency.agency where id = ?").param(id.value())
                .query(AgencyDirectory::agency).optional();
    }

    public List<Agency> children(AgencyId id) {
        agency(id);
        return jdbc.sql("""
                        select a.* from agency.agency a join agency.agency_level l on l.code = a.level_code
                        where a.parent_id = ? order by l.rank, a.kind = 'peoples_committee' desc, a.id""")
                .param(id.value()).query(AgencyDirectory::agency).list();
    }

    public int childCount(AgencyId id) {
        return jdbc.sql("select count(*) from agency.agency where parent_id = ?").param(id.value())
                .query(Integer.class).single();
    }

    /** The agency and its superiors, from the top of the tree down to it. */
    public List<Agency> path(AgencyId id) {
        List<Agency> path = jdbc.sql("""
                        with recursive up(id, depth) as (
                            select id, 0 from agency.agency where id = ?
                            union all
                            select a.parent_id, up.depth + 1 from agency.agency a join up on a.id = up.id
                            where a.parent_id is not null)
                        select a.* from up join agency.agency a on a.id = up.id order by up.depth desc""")
                .param(id.value()).query(AgencyDirectory::agency).list();
        if (path.isEmpty()) {
            throw new NotFound("agency", id, "No agency has the identifier " + id);
        }
        return path;
    }

    public List<Agency> roots() {
        return jdbc.sql("select * from agency.agency where parent_id is null order by id")
                .query(AgencyDirectory::agency).list();
    }

    /** Agencies whose name contains the words typed (diacritics optional), filtered by level and province. */
    public List<Agency> search(String query, Optional<String> level, Optional<ProvinceCode> province, int limit) {
        level.ifPresent(this::level);
        province.ifPresent(units::province);
        String key = SearchKey.of(query);
        return jdbc.sql("""
                        select a.* from agency.agency a join agency.agency_level l on l.code = a.level_code
                        where (a.search_key like all (:patterns) or a.id = :id)
                          and (cast(:level as text) is null or a.level_code = :level)
                          and (cast(:province as text) is null or a.province_code = :province)
                        order by l.rank, a.province_code nulls first, a.id
                        limit :limit""")
                .param("patterns", AdministrativeUnits.wordPatterns(key))
                .param("id", query == null ? "" : query.trim().toUpperCase(java.util.Locale.ROOT))
                .param("level", level.orElse(null))
                .param("province", province.map(ProvinceCode::value).orElse(null))
                .param("limit", limit)
                .query(AgencyDirectory::agency).list();
    }

    public List<AgencyLevel> levels() {
        return jdbc.sql("select code, rank, name, name_en, in_force from agency.agency_level order by rank")
                .query(AgencyLevel.class).list();
    }

    public AgencyLevel level(String code) {
        return jdbc.sql("select code, rank, name, name_en, in_force from agency.agency_level where code = ?")
                .param(code).query(AgencyLevel.class).optional()
                .orElseThrow(() -> new InvalidInput("level", "There is no agency level '" + code + "'; levels are "
                        + levels().stream().map(AgencyLevel::code).toList()));
    }

    /**
     * Adds an agency under its superior. The superior must exist and stand at the same or a higher
     * level; the area must exist. Four-level trees (central, province, district, commune) fit.
     */
    @Transactional
    public Agency register(NewAgency agency, String actor) {
        AgencyLevel level = level(agency.level());
        if (find(agency.id()).isPresent()) {
            throw new Conflict("An agency with the identifier " + agency.id() + " exists already");
        }
        agency.parent().ifPresent(parentId -> {
            Agency parent = find(parentId).orElseThrow(
                    () -> new InvalidInput("parent", "The superior agency " + parentId + " does not exist"));
            if (level(parent.level()).rank() > level.rank()) {
                throw new InvalidInput("level", "An agency at level '" + level.code()
                        + "' cannot sit under one at the lower level '" + parent.level() + "'");
            }
        });
        agency.province().ifPresent(units::province);
        agency.commune().ifPresent(code -> {
            Commune commune = units.commune(code);
            if (agency.province().isPresent() && !agency.province().get().equals(commune.province())) {
                throw new InvalidInput("commune", "Commune " + code + " is not in province " + agency.province().get());
            }
        });
        jdbc.sql("""
                        insert into agency.agency(id, name, name_en, kind, level_code, parent_id, province_code,
                                                  commune_code, search_key)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agency.id().value(), agency.name(), agency.nameEn(), agency.kind(), level.code(),
                        agency.parent().map(AgencyId::value).orElse(null),
                        agency.province().map(ProvinceCode::value).orElse(null),
                        agency.commune().map(CommuneCode::value).orElse(null),
                        SearchKey.of(agency.name() + " " + agency.nameEn()))
                .update();
        audit.record(new AuditTrail.Entry(actor, agency.parent().map(AgencyId::value).orElse(null),
                "agency.register", "agency:" + agency.id(), AuditTrail.Outcome.SUCCESS));
        events.publishEvent(new AgencyRegistered(agency.id(), level.code(), agency.parent()));
        return agency(agency.id());
    }

    public AgencyStatistics statistics() {
        return jdbc.sql("""
                        select (select count(*) from agency.province) as provinces,
                               (select count(*) from agency.commune) as communes,
                               (select count(*) from agency.agency) as agencies""")
                .query(AgencyStatistics.class).single();
    }

    /** How many agencies each level has, for the overview page. */
    public List<LevelCount> countsByLevel() {
        return jdbc.sql("""
                        select l.code, l.name, l.name_en, count(a.id) as agencies
                        from agency.agency_level l left join agency.agency a on a.level_code = l.code
                        group by l.code, l.name, l.name_en, l.rank order by l.rank""")
                .query((rs, n) -> new LevelCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    public record LevelCount(String level, String name, String nameEn, int agencies) {
    }

    private static Agency agency(ResultSet rs, int row) throws SQLException {
        String parent = rs.getString("parent_id");
        String province = rs.getString("province_code");
        String commune = rs.getString("commune_code");
        return new Agency(new AgencyId(rs.getString("id")), rs.getString("name"), rs.getString("name_en"),
                rs.getString("kind"), rs.getString("level_code"),
                Optional.ofNullable(parent).map(AgencyId::new),
                Optional.ofNullable(province).map(ProvinceCode::new),
                Optional.ofNullable(commune).map(CommuneCode::new));
    }
}
