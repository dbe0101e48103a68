package org.ketnoi.agency.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.ketnoi.platform.SearchKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the administrative units, the 63 birth-registration codes and the agency tree. It runs in
 * Flyway's transaction: a start killed half-way leaves no row behind, and the next start loads
 * everything again.
 */
@Component
class V20261123_1010__Agency_reference_data extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V20261123_1010__Agency_reference_data.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        JsonNode provinces;
        try (InputStream in = resource("reference/vn-administrative-units-2025.json")) {
            provinces = JsonMapper.builder().build().readTree(in);
        }
        log.info("Loading reference data: {} provinces and their communes, the agency tree", provinces.size());
        loadUnits(c, provinces);
        loadBirthRegistrationProvinces(c);
        loadAgencies(c, provinces);
        log.info("Reference data loaded");
    }

    private static void loadUnits(Connection c, JsonNode provinces) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "insert into agency.province values (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement w = c.prepareStatement(
                     "insert into agency.commune values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JsonNode province : provinces) {
                String code = province.get("Code").asString();
                p.setString(1, code);
                p.setString(2, province.get("Name").asString());
                p.setString(3, province.get("NameEn").asString());
                p.setString(4, province.get("FullName").asString());
                p.setString(5, province.get("FullNameEn").asString());
                p.setString(6, province.get("CodeName").asString());
                p.setString(7, SearchKey.of(province.get("FullName").asString()));
                p.addBatch();
                for (JsonNode ward : province.get("Wards")) {
                    String fullName = ward.get("FullName").asString();
                    w.setString(1, ward.get("Code").asString());
                    w.setString(2, code);
                    w.setString(3, ward.get("Name").asString());
                    w.setString(4, ward.get("NameEn").asString());
                    w.setString(5, fullName);
                    w.setString(6, ward.get("FullNameEn").asString());
                    w.setString(7, kindOf(fullName));
                    w.setString(8, SearchKey.of(fullName));
                    w.addBatch();
                }
            }
            p.executeBatch();
            w.executeBatch();
        }
    }

    static String kindOf(String fullName) {
        String lower = fullName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("phường")) {
            return "ward";
        }
        if (lower.startsWith("đặc khu")) {
            return "special_zone";
        }
        if (lower.startsWith("xã")) {
            return "commune";
        }
        throw new IllegalStateException("Unknown kind of commune-level unit: " + fullName);
    }

    private static void loadBirthRegistrationProvinces(Connection c) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("insert into agency.birth_registration_province values (?, ?)")) {
            for (List<String> row : csv("reference/birth-registration-provinces.csv")) {
                s.setString(1, row.get(0));
                s.setString(2, row.get(1));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The tree: the Government with the ministries; each province's People's Committee with its
     * departments; each commune's People's Committee under its province's (no districts since 2025).
     */
    private static void loadAgencies(Connection c, JsonNode provinces) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into agency.agency(id, name, name_en, kind, level_code, parent_id, province_code, commune_code,
                                          search_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            String government = null;
            for (List<String> row : csv("reference/central-agencies.csv")) {
                add(s, row.get(0), row.get(2), row.get(3), row.get(1), "central", government, null, null);
                if (government == null) {
                    government = row.get(0);
                }
            }
            List<List<String>> departments = csv("reference/provincial-departments.csv");
            for (JsonNode province : provinces) {
                String code = province.get("Code").asString();
                String pc = "000.00.00.H" + code;
                add(s, pc, "Ủy ban nhân dân " + province.get("FullName").asString(),
                        "People's Committee of " + province.get("FullNameEn").asString(), "peoples_committee",
                        "province", government, code, null);
                for (List<String> d : departments) {
                    add(s, "000.00." + d.get(0) + ".H" + code, d.get(2) + " " + province.get("FullName").asString(),
                            d.get(3) + ", " + province.get("FullNameEn").asString(), d.get(1), "province", pc, code,
                            null);
                }
                for (JsonNode ward : province.get("Wards")) {
                    String commune = ward.get("Code").asString();
                    add(s, communeCommitteeId(code, commune), "Ủy ban nhân dân " + ward.get("FullName").asString(),
                            "People's Committee of " + ward.get("FullNameEn").asString(), "peoples_committee",
                            "commune", pc, code, commune);
                }
            }
            s.executeBatch();
        }
    }

    /** A commune's People's Committee: its 5-digit code split 3+2, then XA (commune tier) and the province. */
    static String communeCommitteeId(String province, String commune) {
        return org.ketnoi.agency.AgencyId.peoplesCommittee(province, commune).value();
    }

    private static void add(PreparedStatement s, String id, String name, String nameEn, String kind, String level,
            String parent, String province, String commune) throws SQLException {
        s.setString(1, id);
        s.setString(2, name);
        s.setString(3, nameEn);
        s.setString(4, kind);
        s.setString(5, level);
        s.setString(6, parent);
        s.setString(7, province);
        s.setString(8, commune);
        s.setString(9, SearchKey.of(name + " " + nameEn));
        s.addBatch();
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = V20261123_1010__Agency_reference_data.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("Reference data " + path + " is missing from the application");
        }
        return in;
    }

    static List<List<String>> csv(String path) throws IOException {
        return org.ketnoi.agency.ReferenceLists.csv(path);
    }
}
