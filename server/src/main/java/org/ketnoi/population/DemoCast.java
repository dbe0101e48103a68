package org.ketnoi.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ketnoi.population.CitizenRecord.HouseholdMembership;
import org.ketnoi.population.CitizenRecord.IdCard;
import org.ketnoi.population.CitizenRecord.MaritalStatus;
import org.ketnoi.population.CitizenRecord.Relation;
import org.ketnoi.population.CitizenRecord.Residence;
import org.ketnoi.population.generator.PopulationGenerator;

/**
 * The named people of the demo, added beside the synthetic population: the demo officials
 * themselves (an official is a citizen too) and a family to follow through the demos. Their numbers
 * are ones the generator reserves and never hands out for the demo seed, so they cannot collide
 * with a synthetic citizen whatever the demo's size.
 */
final class DemoCast {

    /** A person of the cast, and the demo account that is theirs, if any. */
    record Member(CitizenRecord record, Optional<String> account) {
    }

    private static final String POLICE = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";

    private DemoCast() {
    }

    static List<Member> members(long seed) {
        PopulationGenerator generator = new PopulationGenerator(seed);
        List<Member> cast = new ArrayList<>();
        PersonalIdNumber an = generator.reservedIdNumber("001", Sex.MALE, 1985, 0);
        PersonalIdNumber lan = generator.reservedIdNumber("001", Sex.FEMALE, 1988, 0);
        PersonalIdNumber khoi = generator.reservedIdNumber("001", Sex.MALE, 2015, 0);
        PersonalIdNumber ha = generator.reservedIdNumber("001", Sex.FEMALE, 2025, 0);
        Residence doiCan = new Residence("00004", "Số 12, ngõ 45, phố Đội Cấn");
        cast.add(new Member(person(an, "Nguyễn Văn An", LocalDate.of(1985, 3, 12), Sex.MALE, "001", "Nam Định",
                doiCan, "01-DEMO-0001", Relation.HEAD, LocalDate.of(2024, 7, 1), MaritalStatus.MARRIED,
                null, null, lan), Optional.empty()));
        cast.add(new Member(person(lan, "Phạm Thị Lan", LocalDate.of(1988, 9, 2), Sex.FEMALE, "001", "Hà Nội",
                doiCan, "01-DEMO-0001", Relation.SPOUSE, LocalDate.of(2021, 5, 10), MaritalStatus.MARRIED,
                null, null, an), Optional.empty()));
        cast.add(new Member(person(khoi, "Nguyễn Minh Khôi", LocalDate.of(2015, 6, 20), Sex.MALE, "001", "Nam Định",
                doiCan, "01-DEMO-0001", Relation.CHILD, null, MaritalStatus.SINGLE, an, lan, null), Optional.empty()));
        cast.add(new Member(person(ha, "Nguyễn Ngọc Hà", LocalDate.of(2025, 10, 5), Sex.FEMALE, "001", "Nam Định",
                doiCan, "01-DEMO-0001", Relation.CHILD, null, MaritalStatus.SINGLE, an, lan, null), Optional.empty()));
        cast.add(new Member(person(generator.reservedIdNumber("001", Sex.FEMALE, 1990, 0), "Trần Thị Hoa",
                LocalDate.of(1990, 4, 18), Sex.FEMALE, "001", "Hà Nội",
                new Residence("00008", "Số 7, phố Văn Cao"), "01-DEMO-0002", Relation.HEAD,
                LocalDate.of(2021, 8, 15), MaritalStatus.SINGLE, null, null, null), Optional.of("canbo.badinh")));
        cast.add(new Member(person(generator.reservedIdNumber("001", Sex.MALE, 1979, 0), "Lê Minh Tuấn",
                LocalDate.of(1979, 11, 30), Sex.MALE, "001", "Thanh Hóa",
                new Residence("00070", "Số 20, phố Hàng Bài"), "01-DEMO-0003", Relation.HEAD,
                LocalDate.of(2019, 12, 1), MaritalStatus.SINGLE, null, null, null), Optional.of("canbo.hanoi")));
        cast.add(new Member(person(generator.reservedIdNumber("079", Sex.FEMALE, 1995, 0), "Võ Thị Mai",
                LocalDate.of(1995, 1, 25), Sex.FEMALE, "079", "Tiền Giang",
                new Residence("26743", "Số 88, đường Lê Thánh Tôn"), "79-DEMO-0001", Relation.HEAD,
                LocalDate.of(2021, 3, 1), MaritalStatus.SINGLE, null, null, null), Optional.empty()));
        return List.copyOf(cast);
    }

    private static CitizenRecord person(PersonalIdNumber id, String name, LocalDate born, Sex sex,
            String birthProvince, String homeTown, Residence home, String household, Relation relation,
            LocalDate cardIssued, MaritalStatus marital, PersonalIdNumber father, PersonalIdNumber mother,
            PersonalIdNumber spouse) {
        return new CitizenRecord(id, name, BirthDate.of(born), sex, "Kinh", "Không", "VN", home.communeCode(),
                homeTown, home, null, new HouseholdMembership(household, relation),
                cardIssued == null ? null : new IdCard(cardIssued, POLICE), marital, null, father, mother, spouse);
    }
}
