package org.ketnoi.population.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketnoi.population.CitizenRecord;
import org.ketnoi.population.CitizenRecord.MaritalStatus;
import org.ketnoi.population.CitizenRecord.Relation;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.Sex;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PopulationGeneratorTest {

    private static final int SAMPLE = 200_000;
    private static final LocalDate AS_OF = PopulationGenerator.DEFAULT_AS_OF;

    /** Everything the checks need, gathered in one streaming pass over 200,000 records. */
    private static final class Census {
        int records;
        int living;
        int under15;
        int over65;
        int nguyen;
        int idSexOrYearMismatches;
        int duplicateIds;
        int bornInResidenceProvince;
        int households;
        int reusedHouseholdNumbers;
        int householdsWithoutExactlyOneHead;
        int householdsSpanningCommunes;
        int relativesOutsideHousehold;
        int relativesOfWrongSex;
        int spousesNotReciprocal;
        int mothersOutsideAges;
        int childrenWithFathersName;
        int childrenWithFatherInHousehold;
        int maritalInconsistencies;
        int impossibleDeaths;
        int deceased;
        int cardsBefore14OrFuture;
        int cardsMissingAt14;
        int adultsAlive;
        int notNfc;
        int partialDatesOld;
        int old;
        int partialDatesYoung;
        int young;
        int temporaryResidences;
        final Set<String> unknownCommunes = new HashSet<>();
        final Map<String, Integer> byProvince = new HashMap<>();
    }

    private static Set<String> communes;
    private static Map<String, String> provinceOfCommune;
    private static Census census;

    @BeforeAll
    static void generateOnce() throws Exception {
        communes = new HashSet<>();
        provinceOfCommune = new HashMap<>();
        try (InputStream in = PopulationGeneratorTest.class.getClassLoader()
                .getResourceAsStream("reference/vn-administrative-units-2025.json")) {
            for (JsonNode p : JsonMapper.builder().build().readTree(in)) {
                for (JsonNode w : p.get("Wards")) {
                    communes.add(w.get("Code").asString());
                    provinceOfCommune.put(w.get("Code").asString(), p.get("Code").asString());
                }
            }
        }
        census = takeCensus(new PopulationGenerator(20_260_101L).generate(SAMPLE));
    }

    private static Census takeCensus(Iterator<CitizenRecord> records) {
        Census c = new Census();
        Set<Long> ids = new HashSet<>();
        Set<String> householdNumbers = new HashSet<>();
        List<CitizenRecord> household = new ArrayList<>();
        while (records.hasNext()) {
            CitizenRecord r = records.next();
            if (!household.isEmpty() && !household.get(0).household().number().equals(r.household().number())) {
                checkHousehold(household, c, householdNumbers);
                household.clear();
            }
            household.add(r);
            checkPerson(r, c, ids);
        }
        checkHousehold(household, c, householdNumbers);
        return c;
    }

    private static void checkPerson(CitizenRecord r, Census c, Set<Long> ids) {
        c.records++;
        if (!ids.add(r.idNumber().asLong())) {
            c.duplicateIds++;
        }
        if (r.idNumber().sex() != r.sex() || r.idNumber().birthYear() != r.birthDate().year()) {
            c.idSexOrYearMismatches++;
        }
        String province = provinceOfCommune.get(r.permanentResidence().communeCode());
        c.byProvince.merge(province, 1, Integer::sum);
        if (province != null && isOldProvinceOf(r.idNumber().birthRegistrationProvince(), province)) {
            c.bornInResidenceProvince++;
        }
        for (String commune : new String[] {r.permanentResidence().communeCode(), r.birthRegistrationCommune(),
            r.temporaryResidence() == null ? null : r.temporaryResidence().communeCode()}) {
            if (commune != null && !communes.contains(commune)) {
                c.unknownCommunes.add(commune);
            }
        }
        if (r.temporaryResidence() != null) {
            c.temporaryResidences++;
        }
        if (r.fullName().startsWith("Nguyễn ")) {
            c.nguyen++;
        }
        if (!Normalizer.isNormalized(r.fullName(), Normalizer.Form.NFC)
                || !Normalizer.isNormalized(r.permanentResidence().address(), Normalizer.Form.NFC)) {
            c.notNfc++;
        }
        boolean partial = !r.birthDate().isComplete();
        if (r.birthDate().year() < 1960) {
            c.old++;
            c.partialDatesOld += partial ? 1 : 0;
        } else if (r.birthDate().year() >= 1990) {
            c.young++;
            c.partialDatesYoung += partial ? 1 : 0;
        }
        boolean married = r.maritalStatus() == MaritalStatus.MARRIED;
        if (married != (r.spouse() != null)) {
            c.maritalInconsistencies++;
        }
        LocalDate fourteenth = r.birthDate().latestPossible().plusYears(14);
        if (r.idCard() != null && (r.idCard().issuedOn().isBefore(fourteenth)
                || r.idCard().issuedOn().isAfter(AS_OF)
                || r.isDeceased() && r.idCard().issuedOn().isAfter(r.deathDate()))) {
            c.cardsBefore14OrFuture++;
        }
        if (r.isDeceased()) {
            c.deceased++;
            if (r.deathDate().isAfter(AS_OF) || r.deathDate().getYear() < r.birthDate().year()) {
                c.impossibleDeaths++;
            }
            return;
        }
        c.living++;
        int age = AS_OF.getYear() - r.birthDate().year();
        c.under15 += age < 15 ? 1 : 0;
        c.over65 += age >= 65 ? 1 : 0;
        if (!fourteenth.isAfter(AS_OF)) {
            c.adultsAlive++;
            c.cardsMissingAt14 += r.idCard() == null ? 1 : 0;
        }
    }

    private static void checkHousehold(List<CitizenRecord> members, Census c, Set<String> numbers) {
        c.households++;
        if (!numbers.add(members.get(0).household().number())) {
            c.reusedHouseholdNumbers++;
        }
        long heads = members.stream().filter(r -> r.household().relation() == Relation.HEAD).count();
        if (heads != 1) {
            c.householdsWithoutExactlyOneHead++;
        }
        if (members.stream().map(r -> r.permanentResidence().communeCode()).distinct().count() != 1) {
            c.householdsSpanningCommunes++;
        }
        Map<PersonalIdNumber, CitizenRecord> byId = new HashMap<>();
        members.forEach(r -> byId.put(r.idNumber(), r));
        for (CitizenRecord r : members) {
            CitizenRecord father = relative(r.father(), byId, c);
            CitizenRecord mother = relative(r.mother(), byId, c);
            CitizenRecord spouse = relative(r.spouse(), byId, c);
            if (father != null && father.sex() != Sex.MALE || mother != null && mother.sex() != Sex.FEMALE
                    || spouse != null && spouse.sex() == r.sex()) {
                c.relativesOfWrongSex++;
            }
            if (spouse != null && !r.isDeceased() && !spouse.isDeceased() && !r.idNumber().equals(spouse.spouse())) {
                c.spousesNotReciprocal++;
            }
            if (mother != null) {
                int ageAtBirth = r.birthDate().year() - mother.birthDate().year();
                if (ageAtBirth < 17 || ageAtBirth > 46) {
                    c.mothersOutsideAges++;
                }
            }
            if (father != null && r.ethnicity().equals("Kinh")) {
                c.childrenWithFatherInHousehold++;
                if (firstWord(r.fullName()).equals(firstWord(father.fullName()))) {
                    c.childrenWithFathersName++;
                }
            }
        }
    }

    private static CitizenRecord relative(PersonalIdNumber id, Map<PersonalIdNumber, CitizenRecord> household,
            Census c) {
        if (id == null) {
            return null;
        }
        CitizenRecord r = household.get(id);
        if (r == null) {
            c.relativesOutsideHousehold++;
        }
        return r;
    }

    private static boolean isOldProvinceOf(String oldCode, String newCode) {
        ReferenceData ref = ReferenceData.get();
        for (int old : ref.province(newCode).oldProvinces()) {
            if (ref.oldProvinces.get(old).code().equals(oldCode)) {
                return true;
            }
        }
        return false;
    }

    private static String firstWord(String s) {
        return s.substring(0, s.indexOf(' '));
    }

    private static List<CitizenRecord> take(PopulationGenerator g, int count) {
        List<CitizenRecord> list = new ArrayList<>();
        g.generate(count).forEachRemaining(list::add);
        return list;
    }

    // --- determinism and the iterator contract ---------------------------------------------------

    @Test
    void sameSeedGivesTheSameRecords() {
        assertThat(take(new PopulationGenerator(7), 20_000)).isEqualTo(take(new PopulationGenerator(7), 20_000));
    }

    @Test
    void differentSeedsGiveDifferentPeople() {
        List<CitizenRecord> a = take(new PopulationGenerator(7), 2_000);
        List<CitizenRecord> b = take(new PopulationGenerator(8), 2_000);
        Set<PersonalIdNumber> shared = new HashSet<>(a.stream().map(CitizenRecord::idNumber).toList());
        shared.retainAll(b.stream().map(CitizenRecord::idNumber).toList());
        assertThat(a).isNotEqualTo(b);
        assertThat(shared).hasSizeLessThan(20);
    }

    @Test
    void aShorterRunIsTheStartOfALongerOneButForItsLastHousehold() {
        List<CitizenRecord> shorter = take(new PopulationGenerator(11), 10_003);
        List<CitizenRecord> longer = take(new PopulationGenerator(11), 12_000);
        String lastHousehold = shorter.get(shorter.size() - 1).household().number();
        int complete = 0;
        while (!shorter.get(complete).household().number().equals(lastHousehold)) {
            complete++;
        }
        assertThat(complete).isGreaterThan(9_980);
        assertThat(longer.subList(0, complete)).isEqualTo(shorter.subList(0, complete));
    }

    @Test
    void yieldsExactlyTheRequestedNumberOfRecords() {
        for (int count : new int[] {0, 1, 2, 3, 5, 8, 13, 1_000}) {
            Iterator<CitizenRecord> it = new PopulationGenerator(3).generate(count);
            int n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            assertThat(n).as("records for count %d", count).isEqualTo(count);
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(new PopulationGenerator(3).stream(777).count()).isEqualTo(777);
    }

    @Test
    void everyHouseholdIsCompleteEvenWhenTheCountCutsIntoIt() {
        for (int count = 1; count <= 40; count++) {
            Census c = takeCensus(new PopulationGenerator(99).generate(count));
            assertThat(c.relativesOutsideHousehold).as("dangling relatives with count %d", count).isZero();
            assertThat(c.householdsWithoutExactlyOneHead).as("heads with count %d", count).isZero();
        }
    }

    @Test
    void refusesAReferenceDateInTheFuture() {
        assertThatThrownBy(() -> new PopulationGenerator(1, LocalDate.now().plusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- ID numbers -------------------------------------------------------------------------------

    @Test
    void idNumbersAreUniqueAndAgreeWithSexAndBirthYear() {
        assertThat(census.records).isEqualTo(SAMPLE);
        assertThat(census.duplicateIds).isZero();
        assertThat(census.idSexOrYearMismatches).isZero();
    }

    @Test
    void idNumbersCarryAnOldProvinceOfTheResidenceForMostButNotAll() {
        double share = (double) census.bornInResidenceProvince / census.records;
        assertThat(share).isBetween(0.85, 0.95);
    }

    @Test
    void fastIdNumberWritingMatchesCompose() {
        Rng rng = new Rng();
        rng.reseed(5);
        for (int i = 0; i < 20_000; i++) {
            String province = ReferenceData.get().oldProvinces.get(rng.nextInt(63)).code();
            Sex sex = rng.chance(0.5) ? Sex.MALE : Sex.FEMALE;
            int year = rng.between(1901, AS_OF.getYear());
            int serial = rng.nextInt(1_000_000);
            assertThat(Households.idNumber(province, sex, year, serial))
                    .isEqualTo(PersonalIdNumber.compose(province, sex, year, serial));
        }
    }

    @Test
    void serialsOfABucketNeverRepeatAndRunOutLoudly() {
        Households.Serials serials = new Households.Serials(63, 42);
        BitSet seen = new BitSet(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            PersonalIdNumber id = serials.next(0, "001", Sex.FEMALE, 1990);
            seen.set(Integer.parseInt(id.value().substring(6)));
        }
        assertThat(seen.cardinality()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> serials.next(0, "001", Sex.FEMALE, 1990))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("001").hasMessageContaining("1990").hasMessageContaining("exhausted");
    }

    // --- households and relatives -----------------------------------------------------------------

    @Test
    void eachHouseholdHasOneHeadOneCommuneAndItsOwnNumber() {
        assertThat(census.householdsWithoutExactlyOneHead).isZero();
        assertThat(census.householdsSpanningCommunes).isZero();
        assertThat(census.reusedHouseholdNumbers).isZero();
        double meanSize = (double) census.records / census.households;
        assertThat(meanSize).isBetween(3.2, 4.0);
    }

    @Test
    void parentsAndSpousesAreInTheSameHouseholdAndOfTheRightSex() {
        assertThat(census.relativesOutsideHousehold).isZero();
        assertThat(census.relativesOfWrongSex).isZero();
        assertThat(census.spousesNotReciprocal).isZero();
    }

    @Test
    void mothersWere18To45AtTheBirth() {
        assertThat(census.mothersOutsideAges).isZero();
    }

    @Test
    void childrenTakeTheirFathersFamilyName() {
        assertThat(census.childrenWithFatherInHousehold).isGreaterThan(SAMPLE / 5);
        assertThat(census.childrenWithFathersName).isEqualTo(census.childrenWithFatherInHousehold);
    }

    @Test
    void maritalStatusAgreesWithTheSpouse() {
        assertThat(census.maritalInconsistencies).isZero();
    }

    // --- the population's shape -------------------------------------------------------------------

    @Test
    void nguyenIsTheFamilyNameOfAbout38Percent() {
        assertThat((double) census.nguyen / census.records).isBetween(0.35, 0.41);
    }

    @Test
    void agesAreShapedLikeVietnamsPyramid() {
        assertThat((double) census.under15 / census.living).isBetween(0.20, 0.28);
        assertThat((double) census.over65 / census.living).isBetween(0.07, 0.12);
    }

    @Test
    void aFewAreDeceasedAndNoneDiedInTheFutureOrBeforeBirth() {
        assertThat((double) census.deceased / census.records).isBetween(0.005, 0.05);
        assertThat(census.impossibleDeaths).isZero();
    }

    @Test
    void partialBirthDatesAreMostlyOfOlderPeople() {
        double old = (double) census.partialDatesOld / census.old;
        double young = (double) census.partialDatesYoung / census.young;
        assertThat(old).isBetween(0.05, 0.40);
        assertThat(young).isLessThan(old / 5);
    }

    @Test
    void idCardsAreIssuedFromTheFourteenthBirthdayOnAndHeldByAlmostEveryAdult() {
        assertThat(census.cardsBefore14OrFuture).isZero();
        assertThat((double) census.cardsMissingAt14 / census.adultsAlive).isLessThan(0.03);
    }

    @Test
    void namesAndAddressesAreNfc() {
        assertThat(census.notNfc).isZero();
    }

    @Test
    void everyCommuneCodeExistsInTheReferenceFile() {
        assertThat(census.unknownCommunes).isEmpty();
        assertThat(census.temporaryResidences).isPositive();
    }

    @Test
    void provincesAreFilledRoughlyByPopulation() {
        Map<String, Integer> p = census.byProvince;
        assertThat(p).hasSize(34);
        List<String> largest = p.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .map(Map.Entry::getKey).limit(2).toList();
        assertThat(largest).containsExactly("79", "01");
        assertThat((double) p.get("79") / census.records).isBetween(0.12, 0.16);
        assertThat((double) p.get("01") / census.records).isBetween(0.075, 0.10);
        assertThat((double) p.get("12") / census.records).isBetween(0.002, 0.008); // Lai Châu, ~0.5 M
    }

    // --- speed ------------------------------------------------------------------------------------

    @Test
    void printsTheGenerationRate() {
        PopulationGenerator g = new PopulationGenerator(1);
        long sink = 0;
        Iterator<CitizenRecord> warmUp = g.generate(300_000);
        while (warmUp.hasNext()) {
            sink += warmUp.next().idNumber().value().charAt(11);
        }
        int n = 1_000_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Iterator<CitizenRecord> it = g.generate(n);
        while (it.hasNext()) {
            sink += it.next().idNumber().value().charAt(11);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // CPU time as well: the build machine is shared, and wall time then says more about the neighbours
        System.out.printf("PopulationGenerator: %,d records in %.2f s = %,.0f records/s (%,.0f per CPU second; "
                + "checksum %d)%n", n, seconds, n / seconds, n / cpuSeconds, sink);
        assertThat(sink).isPositive();
    }
}
