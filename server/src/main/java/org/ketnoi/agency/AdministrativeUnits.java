package org.ketnoi.agency;

import java.util.List;
import java.util.Optional;
import org.ketnoi.platform.NotFound;
import org.ketnoi.platform.SearchKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read access to the administrative units and the birth-registration province codes. */
@Service
public class AdministrativeUnits {

    private static final String PROVINCE_COLUMNS = """
            p.code, p.name, p.name_en, p.full_name, p.full_name_en,
            (select count(*) from agency.commune c where c.province_code = p.code) as commune_count""";

    private final JdbcClient jdbc;

    AdministrativeUnits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Province> provinces() {
        return jdbc.sql("select " + PROVINCE_COLUMNS + " from agency.province p order by p.code")
                .query(AdministrativeUnits::province).list();
    }

    public Province province(ProvinceCode code) {
        return jdbc.sql("select " + PROVINCE_COLUMNS + " from agency.province p where p.code = ?")
                .param(code.value()).query(AdministrativeUnits::province).optional()
                .orElseThrow(() -> new NotFound("province", code, "No province has the code " + code));
    }

    public List<Commune> communes(ProvinceCode province) {
        province(province);
        return jdbc.sql("select * from agency.commune where province_code = ? order by code")
                .param(province.value()).query(AdministrativeUnits::commune).list();
    }

    public Commune commune(CommuneCode code) {
        return jdbc.sql("select * from agency.commune where code = ?").param(code.value())
                .query(AdministrativeUnits::commune).optional()
                .orElseThrow(() -> new NotFound("commune", code, "No commune-level unit has the code " + code));
    }

    /** Communes whose name contains the words typed, with or without diacritics, or whose code is given. */
    public List<Commune> searchCommunes(String query, Optional<ProvinceCode> within, int limit) {
        String key = SearchKey.of(query);
        if (key.isEmpty()) {
            return within.map(this::communes).orElse(List.of());
        }
        return jdbc.sql("""
                        select * from agency.commune
                        where (search_key like all (:patterns) or code = :code)
                          and (cast(:province as text) is null or province_code = :province)
                        order by (search_key like :prefix) desc, province_code, code
                        limit :limit""")
                .param("patterns", wordPatterns(key))
                .param("prefix", "%" + SearchKey.escapeLike(key))
                .param("code", query.trim())
                .param("province", within.map(ProvinceCode::value).orElse(null))
                .param("limit", limit)
                .query(AdministrativeUnits::commune).list();
    }

    public List<Province> searchProvinces(String query) {
        String key = SearchKey.of(query);
        return jdbc.sql("select " + PROVINCE_COLUMNS
                        + " from agency.province p where p.search_key like all (?) or p.code = ? order by p.code")
                .param(wordPatterns(key)).param(query.trim())
                .query(AdministrativeUnits::province).list();
    }

    /** Every commune code with its province code: small (3,321 entries), for checks in bulk. */
    public java.util.Map<String, String> communeProvinces() {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        jdbc.sql("select code, province_code from agency.commune")
                .query((java.sql.ResultSet rs) -> {
                    map.put(rs.getString(1), rs.getString(2));
                });
        return java.util.Collections.unmodifiableMap(map);
    }

    public List<BirthRegistrationProvince> birthRegistrationProvinces() {
        return jdbc.sql("select code, name from agency.birth_registration_province order by code")
                .query(BirthRegistrationProvince.class).list();
    }

    /** Decodes the first three digits of a personal identification number. */
    public Optional<BirthRegistrationProvince> birthRegistrationProvince(String code) {
        return jdbc.sql("select code, name from agency.birth_registration_province where code = ?")
                .param(code).query(BirthRegistrationProvince.class).optional();
    }

    /** One LIKE pattern per word typed: every word must appear, in any order. */
    static String[] wordPatterns(String key) {
        return java.util.Arrays.stream(key.split(" ")).map(w -> "%" + SearchKey.escapeLike(w) + "%").toArray(String[]::new);
    }


    private static Province province(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Province(new ProvinceCode(rs.getString("code")), rs.getString("name"), rs.getString("name_en"),
                rs.getString("full_name"), rs.getString("full_name_en"), rs.getInt("commune_count"));
    }

    private static Commune commune(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Commune(new CommuneCode(rs.getString("code")), new ProvinceCode(rs.getString("province_code")),
                rs.getString("name"), rs.getString("name_en"), rs.getString("full_name"),
                rs.getString("full_name_en"),
                Commune.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)));
    }
}
