package org.ketnoi.population;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.ketnoi.platform.InvalidInput;

/**
 * A citizen's record as files and APIs carry it: flat text fields, the same in JSON (these names)
 * and CSV (the snake_case names in {@link #CSV_HEADER}). {@link #toRecord()} turns it into a
 * checked record or throws the first problem, naming the field.
 */
public record CitizenDocument(
        String idNumber, String fullName, String birthDate, String sex, String ethnicity, String religion,
        String nationality, String birthRegistrationCommune, String homeTown, String permanentCommune,
        String permanentAddress, String temporaryCommune, String temporaryAddress, String householdNumber,
        String relationToHead, String idCardIssuedOn, String idCardAuthority, String maritalStatus, String deathDate,
        String fatherId, String motherId, String spouseId) {

    /** CSV column names, in this record's order. */
    public static final List<String> CSV_HEADER = List.of("id_number", "full_name", "birth_date", "sex", "ethnicity",
            "religion", "nationality", "birth_registration_commune", "home_town", "permanent_commune",
            "permanent_address", "temporary_commune", "temporary_address", "household_number", "relation_to_head",
            "id_card_issued_on", "id_card_authority", "marital_status", "death_date", "father_id", "mother_id",
            "spouse_id");

    /** Builds a document from values in {@link #CSV_HEADER} order (missing trailing values are empty). */
    public static CitizenDocument of(String[] v) {
        String[] f = java.util.Arrays.copyOf(v, CSV_HEADER.size());
        return new CitizenDocument(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12],
                f[13], f[14], f[15], f[16], f[17], f[18], f[19], f[20], f[21]);
    }

    /** The values in {@link #CSV_HEADER} order, null for empty. */
    public String[] values() {
        return new String[] {idNumber, fullName, birthDate, sex, ethnicity, religion, nationality,
            birthRegistrationCommune, homeTown, permanentCommune, permanentAddress, temporaryCommune, temporaryAddress,
            householdNumber, relationToHead, idCardIssuedOn, idCardAuthority, maritalStatus, deathDate, fatherId,
            motherId, spouseId};
    }

    public CitizenRecord toRecord() {
        return new CitizenRecord(
                PersonalIdNumber.parse(idNumber),
                fullName,
                BirthDate.parse(birthDate),
                Sex.parse(sex),
                ethnicity, religion, nationality,
                birthRegistrationCommune, homeTown,
                residence(permanentCommune, permanentAddress, "permanent"),
                blank(temporaryCommune) ? null : residence(temporaryCommune, temporaryAddress, "temporary"),
                blank(householdNumber) && blank(relationToHead) ? null
                        : new CitizenRecord.HouseholdMembership(householdNumber,
                                blank(relationToHead) ? null : CitizenRecord.Relation.parse(relationToHead)),
                blank(idCardIssuedOn) ? null : new CitizenRecord.IdCard(date(idCardIssuedOn, "idCardIssuedOn"),
                        idCardAuthority),
                blank(maritalStatus) ? null : CitizenRecord.MaritalStatus.parse(maritalStatus),
                blank(deathDate) ? null : date(deathDate, "deathDate"),
                relative(fatherId, "fatherId"), relative(motherId, "motherId"), relative(spouseId, "spouseId"));
    }

    public static CitizenDocument from(CitizenRecord r) {
        return new CitizenDocument(r.idNumber().value(), r.fullName(), r.birthDate().toString(), r.sex().code(),
                r.ethnicity(), r.religion(), r.nationality(), r.birthRegistrationCommune(), r.homeTown(),
                r.permanentResidence().communeCode(), r.permanentResidence().address(),
                r.temporaryResidence() == null ? null : r.temporaryResidence().communeCode(),
                r.temporaryResidence() == null ? null : r.temporaryResidence().address(),
                r.household() == null ? null : r.household().number(),
                r.household() == null ? null : r.household().relation().name().toLowerCase(),
                r.idCard() == null ? null : r.idCard().issuedOn().toString(),
                r.idCard() == null ? null : r.idCard().authority(), r.maritalStatus().name().toLowerCase(),
                r.deathDate() == null ? null : r.deathDate().toString(),
                r.father() == null ? null : r.father().value(), r.mother() == null ? null : r.mother().value(),
                r.spouse() == null ? null : r.spouse().value());
    }

    /** A residence whose errors name the document's field (permanentCommune, temporaryAddress…). */
    private static CitizenRecord.Residence residence(String commune, String address, String which) {
        try {
            return new CitizenRecord.Residence(commune, address);
        } catch (InvalidInput e) {
            String field = which + (e.field().equals("communeCode") ? "Commune" : "Address");
            throw e.as(field, "The " + which + " residence: " + e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw InvalidInput.because("date.shape", field, "A date is written YYYY-MM-DD, got '" + shown + "'", shown);
        }
    }

    private static PersonalIdNumber relative(String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return PersonalIdNumber.parse(text);
        } catch (InvalidInput e) {
            throw e.as(field, "The " + field + " is not a valid number: " + e.getMessage());
        }
    }
}
