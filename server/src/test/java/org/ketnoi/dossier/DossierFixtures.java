package org.ketnoi.dossier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.population.CitizenDocument;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.PopulationRegistry;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * People and papers for dossier tests: citizens in the registry with accounts, officials of a
 * commune's People's Committee, a valid birth registration form, a real PDF.
 */
public final class DossierFixtures {

    public static final String PASSWORD = "Mật khẩu thử nghiệm 2026";
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 90_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PopulationRegistry registry;
    private final Accounts accounts;
    private final org.springframework.security.crypto.password.PasswordEncoder passwords;

    public DossierFixtures(PopulationRegistry registry, Accounts accounts,
            org.springframework.security.crypto.password.PasswordEncoder passwords) {
        this.registry = registry;
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /** A citizen living in the commune, in the registry and with an account (password {@link #PASSWORD}). */
    public Caller citizen(String province, String commune, String fullName) {
        // born in Hà Nội (001), a man of the 20th century (0), in 1985, then a serial
        String id = "001085" + String.format("%06d", SERIAL.incrementAndGet() % 1_000_000);
        PersonalIdNumber number = PersonalIdNumber.parse(id);
        Caller registrar = new Caller("test:registry", "Test", Caller.Kind.OFFICIAL, AgencyId.peoplesCommittee(province,
                commune).value(), province, commune, Set.of(Roles.REGISTRY_OFFICIAL));
        registry.register(new CitizenDocument(id, fullName, "1985-06-15", "M", "Kinh", null, "VN", null, "Hà Nội",
                commune, "12 Phố Thử nghiệm", null, null, null, null, null, null, "married", null, null, null, null)
                .toRecord(), registrar, "Thử nghiệm hồ sơ", null);
        Account a = accounts.createCitizen(number.toString(), fullName, "1985-06-15",
                "cd" + id + "@example.vn", null, passwords.encode(PASSWORD));
        return accounts.caller(a);
    }

    /** An official of the commune's People's Committee with the given roles (password {@link #PASSWORD}). */
    public Caller official(String province, String commune, String role, String name) {
        return official(AgencyId.peoplesCommittee(province, commune), role, name);
    }

    public Caller official(AgencyId agency, String role, String name) {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8) + "." + role.toLowerCase().substring(0, 4);
        Account a = accounts.createOfficial(username, name, agency, Set.of(role), null, PASSWORD, "test");
        return accounts.caller(a);
    }

    /** A complete birth registration form for the applicant, at the applicant's commune. */
    public static ObjectNode birthForm(Caller applicant, String commune, String fullName) {
        ObjectNode form = JSON.createObjectNode();
        ObjectNode a = form.putObject("applicant");
        a.put("idNumber", applicant.username());
        a.put("fullName", fullName);
        a.put("birthDate", "1985-06-15");
        a.put("permanentAddress", "12 Phố Thử nghiệm");
        a.put("permanentCommune", commune);
        form.put("relationship", "father");
        ObjectNode child = form.putObject("child");
        child.put("fullName", "Nguyễn Minh Khang");
        child.put("sex", "male");
        child.put("birthDate", "2026-11-01");
        child.put("placeOfBirth", "Bệnh viện Phụ sản Hà Nội");
        child.put("ethnicity", "Kinh");
        child.put("nationality", "Việt Nam");
        child.put("hometown", "Nam Định");
        form.put("registrationCommune", commune);
        return form;
    }

    /** A small real PDF (one blank page), different every time. */
    public static byte[] pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setTitle("Giấy chứng sinh " + UUID.randomUUID());
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
