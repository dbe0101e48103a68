package org.ketnoi.population;

import java.util.Optional;
import java.util.Set;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.CitizenDirectory;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * The registry as identity asks it: when a citizen registers (do these details match a living
 * person?) and when a citizen looks at their account (their own record). Both reads go through
 * the registry's verification, so they are in the person's access log like any other.
 */
@Component
class RegistryForIdentity implements CitizenDirectory {

    /** The identity service acts as a system of the Ministry of Public Security, which keeps the registry. */
    private static final Caller IDENTITY = new Caller("system:identity", "Tài khoản định danh Ketnoi",
            Caller.Kind.SYSTEM, "000.00.00.G03", null, null, Set.of(Roles.REGISTRY_READER));

    private final PopulationRegistry registry;

    RegistryForIdentity(PopulationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Profile> match(String idNumber, String fullName, String birthDate) {
        try {
            Verification.Result result = registry.verify(new Verification.Request(PersonalIdNumber.parse(idNumber),
                    fullName, BirthDate.parse(birthDate)), IDENTITY, "Đăng ký tài khoản định danh");
            return result.person().filter(p -> !p.deceased()).map(p -> profile(idNumber, p));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Profile> profile(String idNumber) {
        try {
            Verification.Result result = registry.verify(new Verification.Request(PersonalIdNumber.parse(idNumber),
                    null, null), IDENTITY, "Công dân xem thông tin tài khoản của mình");
            return result.person().map(p -> profile(idNumber, p));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    private static Profile profile(String idNumber, Verification.Person p) {
        return new Profile(idNumber, p.fullName(), p.birthDate(), p.sex(), p.permanentCommune());
    }
}
