package org.ketnoi.population;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.ketnoi.platform.SearchKey;

/** How a citizen maps to a row of population.citizen, both ways. */
final class CitizenTable {

    static final String COLUMNS = "id, full_name, name_key, birth_year, birth_month, birth_day, sex, ethnicity, "
            + "religion, nationality, birth_reg_commune, home_town, province, perm_commune, perm_address, "
            + "temp_commune, temp_address, household_no, relation_to_head, id_card_issued, id_card_authority, "
            + "marital_status, death_date, father_id, mother_id, spouse_id, changed_by, changed_agency, "
            + "change_reason, legal_basis";

    private CitizenTable() {
    }

    /** The values for {@link #COLUMNS}, in order. */
    static Object[] values(CitizenRecord r, String province, String changedBy, String agency, String reason,
            String legalBasis) {
        return new Object[] {r.idNumber().asLong(), r.fullName(), SearchKey.of(r.fullName()), r.birthDate().year(),
            r.birthDate().month(), r.birthDate().day(), r.sex().code(), r.ethnicity(), r.religion(), r.nationality(),
            r.birthRegistrationCommune(), r.homeTown(), province, r.permanentResidence().communeCode(),
            r.permanentResidence().address(),
            r.temporaryResidence() == null ? null : r.temporaryResidence().communeCode(),
            r.temporaryResidence() == null ? null : r.temporaryResidence().address(),
            r.household() == null ? null : r.household().number(),
            r.household() == null ? null : r.household().relation().name().toLowerCase(),
            r.idCard() == null ? null : Date.valueOf(r.idCard().issuedOn()),
            r.idCard() == null ? null : r.idCard().authority(), r.maritalStatus().name().toLowerCase(),
            r.deathDate() == null ? null : Date.valueOf(r.deathDate()), number(r.father()), number(r.mother()),
            number(r.spouse()), changedBy, agency, reason, legalBasis};
    }

    static Citizen citizen(ResultSet rs, int row) throws SQLException {
        CitizenRecord record = new CitizenRecord(
                PersonalIdNumber.of(rs.getLong("id")),
                rs.getString("full_name"),
                new BirthDate(rs.getInt("birth_year"), (Integer) rs.getObject("birth_month", Integer.class),
                        (Integer) rs.getObject("birth_day", Integer.class)),
                Sex.parse(rs.getString("sex")),
                rs.getString("ethnicity"), rs.getString("religion"), rs.getString("nationality"),
                rs.getString("birth_reg_commune"), rs.getString("home_town"),
                new CitizenRecord.Residence(rs.getString("perm_commune"), rs.getString("perm_address")),
                rs.getString("temp_commune") == null ? null
                        : new CitizenRecord.Residence(rs.getString("temp_commune"), rs.getString("temp_address")),
                rs.getString("household_no") == null ? null
                        : new CitizenRecord.HouseholdMembership(rs.getString("household_no"),
                                CitizenRecord.Relation.parse(rs.getString("relation_to_head"))),
                rs.getDate("id_card_issued") == null ? null
                        : new CitizenRecord.IdCard(rs.getDate("id_card_issued").toLocalDate(),
                                rs.getString("id_card_authority")),
                CitizenRecord.MaritalStatus.parse(rs.getString("marital_status")),
                date(rs, "death_date"),
                person(rs, "father_id"), person(rs, "mother_id"), person(rs, "spouse_id"));
        return new Citizen(record, rs.getString("province"), rs.getInt("version"),
                rs.getTimestamp("valid_from").toInstant(), rs.getString("changed_by"), rs.getString("changed_agency"),
                rs.getString("change_reason"), rs.getString("legal_basis"));
    }

    private static Long number(PersonalIdNumber n) {
        return n == null ? null : n.asLong();
    }

    private static PersonalIdNumber person(ResultSet rs, String column) throws SQLException {
        long n = rs.getLong(column);
        return rs.wasNull() ? null : PersonalIdNumber.of(n);
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getDate(column)).map(Date::toLocalDate).orElse(null);
    }
}
