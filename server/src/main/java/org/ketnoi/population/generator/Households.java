package org.ketnoi.population.generator;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.ketnoi.population.BirthDate;
import org.ketnoi.population.CitizenRecord;
import org.ketnoi.population.CitizenRecord.HouseholdMembership;
import org.ketnoi.population.CitizenRecord.IdCard;
import org.ketnoi.population.CitizenRecord.MaritalStatus;
import org.ketnoi.population.CitizenRecord.Relation;
import org.ketnoi.population.CitizenRecord.Residence;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.Sex;
import org.ketnoi.population.generator.Ethnicity.Hamlet;
import org.ketnoi.population.generator.Ethnicity.Naming;
import org.ketnoi.population.generator.ReferenceData.OldProvince;
import org.ketnoi.population.generator.ReferenceData.Province;
import org.ketnoi.population.generator.ReferenceData.Region;

/**
 * One run of the generator: builds a household at a time (its people as a small array of reusable
 * members), then hands out its records. The only state that grows with the run is the serial counter
 * per (province, sex, birth year), a fixed-size table.
 */
final class Households implements Iterator<CitizenRecord> {

    private static final int MAX_MEMBERS = 32;
    private static final int NONE = Integer.MIN_VALUE;
    private static final double YEAR = 365.2425;
    /** The chip-based citizen identity card (CCCD) exists since 2016. */
    private static final int CARD_ERA = (int) LocalDate.of(2016, 1, 1).toEpochDay();
    private static final int CAMPAIGN_START = (int) LocalDate.of(2021, 1, 1).toEpochDay();
    private static final int CAMPAIGN_END = (int) LocalDate.of(2022, 12, 31).toEpochDay();
    private static final int[] RENEWAL_AGES = {25, 40, 60};
    private static final int EARLIEST_BIRTH = (int) LocalDate.of(1901, 1, 1).toEpochDay();

    /* Age of the wife (or the surviving partner) in a couple household; tuned so the persons come out
       shaped like the 2024 pyramid (GSO: 0-14 ~23 %, 65+ ~9.5 %, median ~33). */
    private static final Bands COUPLE_AGE = new Bands("18-25 7, 25-30 13, 30-35 14, 35-40 12.5, 40-45 10.5, "
            + "45-50 8.5, 50-55 7.5, 55-60 7, 60-65 6, 65-70 5, 70-75 3.5, 75-80 2.5, 80-90 1.5");
    private static final Bands THREE_GENERATION_AGE = new Bands("20-25 12, 25-30 22, 30-35 22, 35-40 18, 40-45 14, "
            + "45-52 12");
    private static final Bands ELDER_AGE = new Bands("48-55 20, 55-60 25, 60-65 22, 65-70 15, 70-75 10, 75-85 8");
    private static final Bands GRANDPARENT_AGE = new Bands("45-55 25, 55-65 45, 65-75 30");
    private static final Bands OLD_SINGLE_AGE = new Bands("60-65 18, 65-70 20, 70-75 20, 75-80 17, 80-85 13, "
            + "85-90 8, 90-95 3.5, 95-100 0.8");

    private final ReferenceData ref;
    private final long seed;
    private final long count;
    private final int asOfDay;
    private final Serials serials;
    private final Rng rng = new Rng();
    private final Member[] m = new Member[MAX_MEMBERS];
    private final int[] births = new int[16];
    private final int[] otherBirths = new int[16];
    private final CitizenRecord[] out = new CitizenRecord[MAX_MEMBERS];
    /* Records are immutable values, so equal parts are shared: one ID card per issue day, one
       membership per relation in a household. Saves their validation, the costliest part of a record. */
    private final IdCard[] cards;
    /** Complete birth dates by day since 1901; partial ones are rare and made afresh. */
    private final BirthDate[] birthDates;
    private final HouseholdMembership[] memberships = new HouseholdMembership[Relation.values().length];
    private int size;
    private int outSize;
    private int outPos;
    private long produced;
    private long householdIndex;

    // the household being built
    private int commune;
    private Province province;
    private int localOld;
    private Ethnicity ethnicity;
    private Weighted<String> familyNames;
    private String religion;

    Households(ReferenceData ref, long seed, long count, LocalDate asOf) {
        this.ref = ref;
        this.seed = seed;
        this.count = count;
        this.asOfDay = (int) asOf.toEpochDay();
        this.serials = new Serials(ref.oldProvinces.size(), seed);
        this.cards = new IdCard[Math.max(0, asOfDay - CARD_ERA + 1)];
        this.birthDates = new BirthDate[asOfDay - EARLIEST_BIRTH + 1];
        for (int i = 0; i < MAX_MEMBERS; i++) {
            m[i] = new Member();
        }
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    @Override
    public CitizenRecord next() {
        if (produced >= count) {
            throw new NoSuchElementException();
        }
        if (outPos == outSize) {
            nextHousehold();
        }
        produced++;
        CitizenRecord r = out[outPos];
        out[outPos++] = null;
        return r;
    }

    // --- one household --------------------------------------------------------------------------

    private void nextHousehold() {
        int cap = (int) Math.min(count - produced, MAX_MEMBERS);
        rng.reseed(Rng.mix(seed, householdIndex));
        place();
        // The last household of a run may not fit: draw again (deterministically) until it does,
        // so that no record points at a relative who was cut off.
        for (int attempt = 0; ; attempt++) {
            size = 0;
            if (attempt >= 8 || cap == 1) {
                singleYoung();
            } else {
                compose();
            }
            if (size <= cap) {
                break;
            }
        }
        emit();
        householdIndex++;
    }

    private void place() {
        commune = ref.communeWeights.sample(rng);
        province = ref.provinces.get(ref.communeProvince[commune]);
        localOld = ref.communeOldProvince[commune];
        ethnicity = Tables.ethnicMix(province.code()).pick(rng);
        familyNames = ethnicity.familyNames() != null ? ethnicity.familyNames()
                : Tables.kinhFamilyNames(province.region());
        religion = Tables.religions(province.code(), ethnicity).pick(rng);
    }

    /* Household shapes (roughly the 2019 census: 1 person ~11 %, 2 ~19 %, 3-4 ~45 %, 5+ ~24 %; mean ~3.5):
       most are couples with their unmarried children; some keep a grandparent or a married son. */
    private void compose() {
        double t = rng.nextDouble();
        if (t < 0.035) {
            singleYoung();
        } else if (t < 0.07) {
            singleOlder();
        } else if (t < 0.125) {
            singleParent();
        } else if (t < 0.145) {
            skippedGeneration();
        } else if (t < 0.235) {
            elderWithMarriedSon();
        } else if (t < 0.355) {
            threeGenerations();
        } else {
            couple(COUPLE_AGE.sample(rng), true);
        }
        if (size >= 2 && m[0].died == NONE && rng.chance(0.04)) {
            sibling();
        }
        if (size >= 2 && rng.chance(0.012)) {
            otherRelative();
        }
    }

    private void singleYoung() {
        double age = clamp(rng.gaussian(26, 4.5), 18, 40);
        Sex sex = rng.chance(0.56) ? Sex.MALE : Sex.FEMALE;
        int h = add(sex, dayOfAge(age), Relation.HEAD);
        m[h].family = familyNames.pick(rng);
        m[h].marital = age >= 25 && rng.chance(0.06) ? MaritalStatus.DIVORCED : MaritalStatus.SINGLE;
        m[h].migrant = rng.chance(Tables.migrantShare(province.code()) * 1.5);
    }

    private void singleOlder() {
        boolean elderly = rng.chance(0.62);
        double age = elderly ? OLD_SINGLE_AGE.sample(rng) : rng.uniform(36, 60);
        Sex sex = rng.chance(elderly ? 0.72 : 0.5) ? Sex.FEMALE : Sex.MALE;
        int h = add(sex, dayOfAge(age), Relation.HEAD);
        m[h].family = familyNames.pick(rng);
        double t = rng.nextDouble();
        if (elderly) {
            m[h].marital = t < 0.75 ? MaritalStatus.WIDOWED : t < 0.9 ? MaritalStatus.DIVORCED : MaritalStatus.SINGLE;
        } else {
            m[h].marital = t < 0.45 ? MaritalStatus.DIVORCED : t < 0.85 ? MaritalStatus.SINGLE : MaritalStatus.WIDOWED;
        }
        if (m[h].marital == MaritalStatus.WIDOWED && rng.chance(0.35)) {
            deceasedPartner(h, m[h].born);
        }
    }

    /** A couple, the wife aged about {@code wifeAge}, with those of their children still at home. */
    private void couple(double wifeAge, boolean mayBeWidowed) {
        int wifeBorn = dayOfAge(wifeAge);
        int husbandBorn = husbandOf(wifeBorn);
        int kids = children(wifeBorn);
        double older = Math.max(age(wifeBorn), age(husbandBorn));
        boolean widowed = mayBeWidowed && rng.chance(widowhood(older));
        boolean husbandDied = rng.chance(0.78);
        int lastBirth = kids == 0 ? NONE : births[kids - 1];
        boolean husbandHead = widowed ? !husbandDied : rng.chance(0.87);
        int h;
        int w;
        if (husbandHead) {
            h = add(Sex.MALE, husbandBorn, Relation.HEAD);
            w = widowed && !rng.chance(0.55) ? -1 : add(Sex.FEMALE, wifeBorn, Relation.SPOUSE);
        } else {
            w = add(Sex.FEMALE, wifeBorn, Relation.HEAD);
            h = widowed && !rng.chance(0.55) ? -1 : add(Sex.MALE, husbandBorn, Relation.SPOUSE);
        }
        int father = h;
        int mother = w;
        if (h >= 0) {
            m[h].family = familyNames.pick(rng);
        }
        if (w >= 0) {
            m[w].family = familyNames.pick(rng);
        }
        if (widowed) {
            int dead = husbandDied ? h : w;
            int survivor = husbandDied ? w : h;
            m[survivor].marital = MaritalStatus.WIDOWED;
            if (dead >= 0) {
                m[dead].marital = MaritalStatus.MARRIED;
                m[dead].spouse = survivor;
                m[dead].died = deathAfter(Math.max(m[dead].born + (int) (20 * YEAR), lastBirth));
            }
        } else {
            marry(h, w);
        }
        String childFamily = h >= 0 ? m[h].family : familyNames.pick(rng);
        addChildren(kids, father, mother, childFamily, Relation.CHILD);
    }

    private void threeGenerations() {
        couple(THREE_GENERATION_AGE.sample(rng), false);
        // whose parents live in: the head's (mostly the husband's, the Vietnamese custom)
        int head = 0;
        int motherBorn = m[head].born - (int) (clamp(rng.gaussian(26, 5), 18, 42) * YEAR);
        int fatherBorn = husbandOf(motherBorn);
        double t = rng.nextDouble();
        boolean motherAlive = t < 0.85 && age(motherBorn) < 100;
        boolean fatherAlive = (t < 0.45 || t >= 0.85) && age(fatherBorn) < 100;
        if (!motherAlive && !fatherAlive) {
            return;
        }
        int f = fatherAlive || rng.chance(0.4) ? add(Sex.MALE, fatherBorn, Relation.PARENT) : -1;
        int mo = motherAlive || rng.chance(0.4) ? add(Sex.FEMALE, motherBorn, Relation.PARENT) : -1;
        if (f >= 0) {
            m[f].family = m[head].family;
            m[head].father = f;
        }
        if (mo >= 0) {
            m[mo].family = familyNames.pick(rng);
            m[head].mother = mo;
        }
        if (fatherAlive && motherAlive) {
            marry(f, mo);
        } else {
            int dead = fatherAlive ? mo : f;
            int survivor = fatherAlive ? f : mo;
            m[survivor].marital = MaritalStatus.WIDOWED;
            if (dead >= 0) {
                m[dead].marital = MaritalStatus.MARRIED;
                m[dead].spouse = survivor;
                m[dead].died = deathAfter(Math.max(m[dead].born + (int) (45 * YEAR), m[head].born));
            }
        }
    }

    private void elderWithMarriedSon() {
        double elderAge = ELDER_AGE.sample(rng);
        int wifeBorn = dayOfAge(elderAge);
        int husbandBorn = husbandOf(wifeBorn);
        int kids = children(wifeBorn);
        int son = -1;
        for (int i = kids - 1; i >= 0; i--) {
            double a = age(births[i]);
            if (a >= 22 && a <= 50) {
                son = i; // the youngest grown son stays with his parents
                break;
            }
        }
        if (son < 0) {
            size = 0;
            couple(elderAge, true);
            return;
        }
        boolean widowed = rng.chance(widowhood(Math.max(age(wifeBorn), age(husbandBorn))));
        boolean husbandDied = rng.chance(0.78);
        int h;
        int w;
        if (!widowed || !husbandDied) {
            h = add(Sex.MALE, husbandBorn, Relation.HEAD);
            w = widowed && !rng.chance(0.55) ? -1 : add(Sex.FEMALE, wifeBorn, Relation.SPOUSE);
        } else {
            w = add(Sex.FEMALE, wifeBorn, Relation.HEAD);
            h = rng.chance(0.55) ? add(Sex.MALE, husbandBorn, Relation.SPOUSE) : -1;
        }
        if (h >= 0) {
            m[h].family = familyNames.pick(rng);
        }
        if (w >= 0) {
            m[w].family = familyNames.pick(rng);
        }
        int youngest = births[kids - 1];
        if (widowed) {
            int dead = husbandDied ? h : w;
            int survivor = husbandDied ? w : h;
            m[survivor].marital = MaritalStatus.WIDOWED;
            if (dead >= 0) {
                m[dead].marital = MaritalStatus.MARRIED;
                m[dead].spouse = survivor;
                m[dead].died = deathAfter(Math.max(m[dead].born + (int) (30 * YEAR), youngest));
            }
        } else {
            marry(h, w);
        }
        String family = h >= 0 ? m[h].family : familyNames.pick(rng);
        int sonBorn = births[son];
        // the son's brothers and sisters, as far as they still live at home
        int siblings = 0;
        for (int i = 0; i < kids; i++) {
            if (i != son) {
                otherBirths[siblings++] = births[i];
            }
        }
        int s = add(Sex.MALE, sonBorn, Relation.CHILD);
        m[s].family = family;
        m[s].father = h;
        m[s].mother = w;
        for (int i = 0; i < siblings; i++) {
            Sex sex = rng.chance(0.5) ? Sex.MALE : Sex.FEMALE;
            if (staysHome(sex, age(otherBirths[i]))) {
                int c = add(sex, otherBirths[i], Relation.CHILD);
                m[c].family = family;
                m[c].father = h;
                m[c].mother = w;
            }
        }
        int dilBorn = m[s].born + (int) (clamp(rng.gaussian(2.5, 2.5), -3, 10) * YEAR);
        dilBorn = Math.min(dilBorn, dayOfAge(18 + rng.nextDouble()));
        int dil = add(Sex.FEMALE, dilBorn, Relation.OTHER); // daughter-in-law: no relation of her own in the list
        m[dil].family = familyNames.pick(rng);
        marry(s, dil);
        int grandchildren = children(dilBorn);
        addChildren(grandchildren, s, dil, family, Relation.GRANDCHILD);
    }

    /** Grandparents raising grandchildren whose parents work away (common in the North and Centre). */
    private void skippedGeneration() {
        int grandmotherBorn = dayOfAge(GRANDPARENT_AGE.sample(rng));
        boolean both = rng.chance(0.6);
        int head;
        if (both) {
            head = add(Sex.MALE, husbandOf(grandmotherBorn), Relation.HEAD);
            int gm = add(Sex.FEMALE, grandmotherBorn, Relation.SPOUSE);
            m[head].family = familyNames.pick(rng);
            m[gm].family = familyNames.pick(rng);
            marry(head, gm);
        } else {
            head = add(Sex.FEMALE, grandmotherBorn, Relation.HEAD);
            m[head].family = familyNames.pick(rng);
            m[head].marital = MaritalStatus.WIDOWED;
        }
        String family = both && rng.chance(0.7) ? m[head].family : familyNames.pick(rng);
        int n = 1 + rng.nextInt(3);
        int youngestParentAge = (int) Math.max(0, Math.min(16, age(grandmotherBorn) - 36));
        for (int i = 0; i < n; i++) {
            Sex sex = rng.chance(0.51) ? Sex.MALE : Sex.FEMALE;
            int g = add(sex, dayOfAge(rng.uniform(0.2, youngestParentAge + 0.9)), Relation.GRANDCHILD);
            m[g].family = family;
        }
    }

    private void singleParent() {
        boolean mother = rng.chance(0.82);
        int parentBorn = dayOfAge(rng.uniform(24, 56));
        int motherBorn = mother ? parentBorn : parentBorn + (int) (clamp(rng.gaussian(3, 2.5), -3, 10) * YEAR);
        motherBorn = Math.min(motherBorn, dayOfAge(18.5));
        int kids = children(motherBorn);
        int p = add(mother ? Sex.FEMALE : Sex.MALE, parentBorn, Relation.HEAD);
        m[p].family = familyNames.pick(rng);
        double t = rng.nextDouble();
        String childFamily;
        int father = mother ? -1 : p;
        int mom = mother ? p : -1;
        if (t < 0.3) {
            m[p].marital = MaritalStatus.WIDOWED;
            int lastBirth = kids == 0 ? NONE : births[kids - 1];
            if (rng.chance(0.5)) {
                int d = add(mother ? Sex.MALE : Sex.FEMALE, mother ? husbandOf(motherBorn) : motherBorn,
                        Relation.SPOUSE);
                m[d].family = familyNames.pick(rng);
                m[d].marital = MaritalStatus.MARRIED;
                m[d].spouse = p;
                m[d].died = deathAfter(Math.max(m[d].born + (int) (20 * YEAR), lastBirth));
                if (mother) {
                    father = d;
                } else {
                    mom = d;
                }
            }
            childFamily = mother ? (father >= 0 ? m[father].family : familyNames.pick(rng)) : m[p].family;
        } else if (t < 0.85) {
            m[p].marital = MaritalStatus.DIVORCED;
            childFamily = mother ? familyNames.pick(rng) : m[p].family;
        } else {
            m[p].marital = MaritalStatus.SINGLE;
            childFamily = m[p].family;
        }
        addChildren(kids, father, mom, childFamily, Relation.CHILD);
    }

    private void sibling() {
        int head = 0;
        double a = Math.max(16, age(m[head].born) + rng.gaussian(0, 6));
        Sex sex = rng.chance(0.5) ? Sex.MALE : Sex.FEMALE;
        int s = add(sex, dayOfAge(a), Relation.SIBLING);
        m[s].family = m[head].family;
        m[s].marital = a >= 30 && rng.chance(0.3) ? MaritalStatus.DIVORCED : MaritalStatus.SINGLE;
    }

    /** A niece, a nephew or a helper. */
    private void otherRelative() {
        Sex sex = rng.chance(0.5) ? Sex.MALE : Sex.FEMALE;
        int o = add(sex, dayOfAge(rng.uniform(10, 30)), Relation.OTHER);
        m[o].family = familyNames.pick(rng);
        m[o].migrant = rng.chance(0.3);
    }

    /** A dead husband or wife, recorded in the household they belonged to. */
    private void deceasedPartner(int survivor, int survivorBorn) {
        boolean survivorIsWoman = m[survivor].sex == Sex.FEMALE;
        int born = survivorIsWoman ? husbandOf(survivorBorn)
                : survivorBorn + (int) (clamp(rng.gaussian(3, 3), -4, 12) * YEAR);
        int d = add(survivorIsWoman ? Sex.MALE : Sex.FEMALE, born, Relation.SPOUSE);
        m[d].family = familyNames.pick(rng);
        m[d].marital = MaritalStatus.MARRIED;
        m[d].spouse = survivor;
        m[d].died = deathAfter(Math.max(born + (int) (30 * YEAR), survivorBorn + (int) (25 * YEAR)));
    }

    // --- building blocks ------------------------------------------------------------------------

    private int add(Sex sex, int born, Relation relation) {
        Member x = m[size];
        x.sex = sex;
        x.born = Math.max(EARLIEST_BIRTH, Math.min(born, asOfDay));
        x.relation = relation;
        x.marital = MaritalStatus.SINGLE;
        x.family = null;
        x.father = -1;
        x.mother = -1;
        x.spouse = -1;
        x.died = NONE;
        x.migrant = false;
        return size++;
    }

    private void marry(int a, int b) {
        if (a < 0 || b < 0) {
            return;
        }
        m[a].spouse = b;
        m[b].spouse = a;
        m[a].marital = MaritalStatus.MARRIED;
        m[b].marital = MaritalStatus.MARRIED;
    }

    /** The husband is ~3 years older (2019 census: first marriage at ~27 for men, ~23 for women). */
    private int husbandOf(int wifeBorn) {
        int born = wifeBorn - (int) (clamp(rng.gaussian(3, 3), -4, 15) * YEAR);
        return Math.min(born, dayOfAge(18 + rng.nextDouble()));
    }

    /**
     * Birth days of the children a woman born on {@code motherBorn} has had so far, into {@link #births},
     * oldest first: first birth ~24, spacing 1.5-5 years, all between her 18th and 45th year.
     * Completed fertility by cohort (GSO): ~4 for women born before 1955 falling to ~2 since 1985.
     */
    private int children(int motherBorn) {
        int cohort = LocalDate.ofEpochDay(motherBorn).getYear();
        boolean minority = !ethnicity.name().equals("Kinh");
        double mean = cohort < 1955 ? 4.2 : cohort < 1965 ? 3.4 : cohort < 1975 ? 2.6 : cohort < 1985 ? 2.3 : 2.1;
        if (minority) {
            mean += 0.6;
        }
        int target = rng.chance(0.05) ? 0 : Math.min(8, 1 + poisson(mean - 1));
        double at = clamp(rng.gaussian(minority ? 22.5 : 24, 3.2), 18, 38);
        int n = 0;
        for (int k = 0; k < target && at <= 45; k++) {
            int b = motherBorn + (int) (at * YEAR);
            if (b > asOfDay) {
                break;
            }
            births[n++] = b;
            at += 1.5 + 3.5 * rng.nextDouble();
        }
        return n;
    }

    private void addChildren(int kids, int father, int mother, String family, Relation relation) {
        for (int i = 0; i < kids; i++) {
            Sex sex = rng.chance(0.52) ? Sex.MALE : Sex.FEMALE; // sex ratio at birth ~1.12 (GSO)
            if (!staysHome(sex, age(births[i]))) {
                continue;
            }
            int c = add(sex, births[i], relation);
            m[c].family = family;
            m[c].father = father;
            m[c].mother = mother;
            if (age(births[i]) >= 25 && rng.chance(0.03)) {
                m[c].marital = MaritalStatus.DIVORCED;
            }
        }
    }

    /** Daughters marry out in their twenties; sons stay longer (virilocal custom). */
    private boolean staysHome(Sex sex, double age) {
        if (age < 18) {
            return true;
        }
        double p;
        if (sex == Sex.FEMALE) {
            p = age < 22 ? 0.85 : age < 26 ? 0.5 : age < 30 ? 0.25 : 0.07;
        } else {
            p = age < 22 ? 0.88 : age < 26 ? 0.65 : age < 30 ? 0.4 : age < 35 ? 0.2 : 0.07;
        }
        return rng.chance(p);
    }

    /** Chance that one of a couple has died, by the age of the elder (2019 census: widowed by age). */
    private static double widowhood(double olderAge) {
        return olderAge < 45 ? 0.015 : olderAge < 55 ? 0.05 : olderAge < 65 ? 0.12 : olderAge < 75 ? 0.27
                : olderAge < 85 ? 0.48 : 0.65;
    }

    /** A death day after {@code earliest}, mostly in the last two decades, never after the reference date. */
    private int deathAfter(int earliest) {
        int lo = Math.max(earliest, asOfDay - (int) (25 * YEAR));
        if (lo >= asOfDay) {
            return asOfDay - rng.nextInt(30);
        }
        return lo + rng.nextInt(asOfDay - lo);
    }

    private int poisson(double lambda) {
        double l = Math.exp(-Math.max(0, lambda));
        int k = 0;
        double p = rng.nextDouble();
        while (p > l) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    private int dayOfAge(double years) {
        return asOfDay - (int) (years * YEAR);
    }

    private double age(int born) {
        return (asOfDay - born) / YEAR;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    // --- records --------------------------------------------------------------------------------

    private void emit() {
        String number = householdNumber();
        Arrays.fill(memberships, null);
        Residence home = new Residence(ref.communeCode[commune], address(commune, true));
        for (int i = 0; i < size; i++) {
            Member x = m[i];
            x.date = LocalDate.ofEpochDay(x.born);
            x.birthDate = reported(x.date);
            x.old = birthProvince(x, i);
            x.id = serials.next(x.old, ref.oldProvinces.get(x.old).code(), x.sex, x.date.getYear());
            x.homeTown = null;
        }
        for (int i = 0; i < size; i++) {
            Member x = m[i];
            LocalDate death = x.died == NONE ? null : LocalDate.ofEpochDay(x.died);
            out[i] = new CitizenRecord(x.id, fullName(x), x.birthDate, x.sex, ethnicity.name(), religion, "VN",
                    birthCommune(x), homeTown(i, 0), home, temporary(x), membership(number, x.relation),
                    idCard(x), x.marital, death, idOf(x.father), idOf(x.mother), idOf(x.spouse));
        }
        outSize = size;
        outPos = 0;
    }

    private HouseholdMembership membership(String number, Relation relation) {
        HouseholdMembership h = memberships[relation.ordinal()];
        if (h == null) {
            h = new HouseholdMembership(number, relation);
            memberships[relation.ordinal()] = h;
        }
        return h;
    }

    private PersonalIdNumber idOf(int member) {
        return member < 0 ? null : m[member].id;
    }

    /**
     * Unique for the run and random-looking: the household index through a four-round Feistel
     * network on two halves of five digits, a bijection of 0..10^10-1 keyed by the seed.
     */
    private String householdNumber() {
        if (householdIndex >= 10_000_000_000L) {
            throw new IllegalStateException("More than 10^10 households: household numbers would repeat");
        }
        long left = householdIndex / 100_000;
        long right = householdIndex % 100_000;
        for (int round = 0; round < 4; round++) {
            long next = (left + Math.floorMod(Rng.mix(seed + round, right), 100_000L)) % 100_000;
            left = right;
            right = next;
        }
        char[] digits = new char[13];
        digits[0] = province.code().charAt(0);
        digits[1] = province.code().charAt(1);
        digits[2] = '-';
        long value = left * 100_000 + right;
        for (int i = 12; i >= 3; i--) {
            digits[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }

    /** Where the birth was registered: the local old province, or elsewhere for migrants (~10 %). */
    private int birthProvince(Member x, int index) {
        double migrant = Tables.migrantShare(province.code());
        boolean away = x.migrant || rng.chance(x.relation == Relation.CHILD || x.relation == Relation.GRANDCHILD
                ? migrant * 0.3 : migrant);
        if (x.father >= 0 && x.father < index && !away) {
            return m[x.father].old == localOld || rng.chance(0.8) ? localOld : m[x.father].old;
        }
        return away ? ref.oldProvinceWeights.sample(rng) : localOld;
    }

    /** Older records often lack the day, sometimes the month too (births declared long after). */
    private BirthDate reported(LocalDate d) {
        int y = d.getYear();
        double yearOnly = y < 1945 ? 0.22 : y < 1960 ? 0.10 : y < 1975 ? 0.035 : y < 1990 ? 0.008 : 0.001;
        double u = rng.nextDouble();
        if (u < yearOnly) {
            return new BirthDate(y, null, null);
        }
        if (u < yearOnly * 1.5) {
            return new BirthDate(y, d.getMonthValue(), null);
        }
        int day = (int) d.toEpochDay() - EARLIEST_BIRTH;
        BirthDate b = birthDates[day];
        if (b == null) {
            b = new BirthDate(y, d.getMonthValue(), d.getDayOfMonth());
            birthDates[day] = b;
        }
        return b;
    }

    private String birthCommune(Member x) {
        int y = x.date.getYear();
        double missing = y < 1960 ? 0.5 : y < 1980 ? 0.25 : y < 2000 ? 0.08 : y < 2016 ? 0.02 : 0;
        if (rng.chance(missing)) {
            return null;
        }
        if (x.old == localOld && rng.chance(0.6)) {
            return ref.communeCode[commune];
        }
        int[] communes = ref.oldProvinces.get(x.old).communes();
        return ref.communeCode[communes[rng.nextInt(communes.length)]];
    }

    /** Quê quán follows the father's line; otherwise the province of birth, sometimes an older origin. */
    private String homeTown(int i, int depth) {
        Member x = m[i];
        if (x.homeTown == null) {
            if (x.father >= 0 && depth < 4) {
                x.homeTown = homeTown(x.father, depth + 1);
            } else if (x.mother >= 0 && depth < 4 && x.family.equals(m[x.mother].family)) {
                x.homeTown = homeTown(x.mother, depth + 1); // no known father: the mother's line
            } else {
                OldProvince o = rng.chance(0.88) ? ref.oldProvinces.get(x.old)
                        : ref.oldProvinces.get(ref.oldProvinceWeights.sample(rng));
                x.homeTown = o.name();
            }
        }
        return x.homeTown;
    }

    private Residence temporary(Member x) {
        if (x.died != NONE) {
            return null;
        }
        double a = age(x.born);
        if (a < 18 || a > 45 || !rng.chance(x.migrant ? 0.35 : 0.05)) {
            return null;
        }
        Province to = ref.province(Tables.TEMPORARY_DESTINATION.pick(rng));
        int c = ref.communeIn(to, rng);
        if (c == commune) {
            return null;
        }
        return new Residence(ref.communeCode[c], address(c, false));
    }

    private IdCard idCard(Member x) {
        int end = x.died == NONE ? asOfDay : x.died;
        if (x.died != NONE && x.died < CARD_ERA) {
            return null;
        }
        LocalDate latest = x.birthDate.isComplete() ? x.date : x.birthDate.latestPossible();
        int fourteen = (int) latest.plusYears(14).toEpochDay();
        if (fourteen > end || (x.died == NONE && rng.chance(0.015))) {
            return null;
        }
        int lo = Math.max(fourteen, CARD_ERA);
        if (lo > end) {
            lo = fourteen;
        }
        // Most cards now in use came from the 2021-2022 chip-card campaign.
        double u = rng.nextDouble();
        int d = u < 0.55 ? CAMPAIGN_START + rng.nextInt(CAMPAIGN_END - CAMPAIGN_START)
                : u < 0.8 ? CARD_ERA + rng.nextInt(CAMPAIGN_START - CARD_ERA)
                : CAMPAIGN_END + rng.nextInt(Math.max(1, asOfDay - CAMPAIGN_END));
        if (d < lo || d > end) {
            d = lo + rng.nextInt(end - lo + 1);
        }
        // Renewed at 25, 40 and 60 (a card issued in the two years before stays valid to the next age).
        for (int renewal = 0; renewal < 3; renewal++) {
            int expiry = expiry(d, latest);
            if (expiry == NONE || expiry >= end) {
                break;
            }
            d = Math.min(end, Math.max(d + 1, expiry + rng.between(-700, 200)));
        }
        if (d < CARD_ERA || d - CARD_ERA >= cards.length) {
            return new IdCard(LocalDate.ofEpochDay(d), Tables.AUTHORITY);
        }
        IdCard card = cards[d - CARD_ERA];
        if (card == null) {
            card = new IdCard(LocalDate.ofEpochDay(d), Tables.AUTHORITY);
            cards[d - CARD_ERA] = card;
        }
        return card;
    }

    private static int expiry(int issued, LocalDate latestBirth) {
        for (int age : RENEWAL_AGES) {
            int milestone = (int) latestBirth.plusYears(age).toEpochDay();
            if (issued < milestone - 730) {
                return milestone;
            }
        }
        return NONE;
    }

    // --- names and addresses --------------------------------------------------------------------

    private String fullName(Member x) {
        boolean male = x.sex == Sex.MALE;
        boolean young = x.date.getYear() >= 1985;
        Ethnicity e = ethnicity;
        Weighted<String> givenNames = male ? (e.maleGiven() != null ? e.maleGiven()
                : young ? Tables.MALE_GIVEN_YOUNG : Tables.MALE_GIVEN_OLD)
                : (e.femaleGiven() != null ? e.femaleGiven()
                : young ? Tables.FEMALE_GIVEN_YOUNG : Tables.FEMALE_GIVEN_OLD);
        String given = givenNames.pick(rng);
        if (e.naming() == Naming.EDE) {
            return (male ? "Y " : "H'") + given + " " + x.family;
        }
        if (e.naming() == Naming.A_Y) {
            return (male ? "A " : "Y ") + given;
        }
        if (e.naming() == Naming.FAMILY_GIVEN) {
            return x.family + " " + given;
        }
        Weighted<String> middles = male ? (e.maleMiddle() != null ? e.maleMiddle()
                : young ? Tables.MALE_MIDDLE_YOUNG : Tables.MALE_MIDDLE_OLD)
                : (e.femaleMiddle() != null ? e.femaleMiddle()
                : young ? Tables.FEMALE_MIDDLE_YOUNG : Tables.FEMALE_MIDDLE_OLD);
        String middle = middles.pick(rng);
        for (int i = 0; i < 3 && middle.equals(given); i++) {
            given = givenNames.pick(rng); // "Minh Minh" is not a name
        }
        return x.family + " " + middle + " " + given;
    }

    private String address(int c, boolean permanent) {
        Province p = ref.provinces.get(ref.communeProvince[c]);
        if (ref.communeUrban[c] || !permanent) {
            int n = houseNumber();
            String street = Tables.STREETS.pick(rng);
            double u = rng.nextDouble();
            if (p.region() == Region.NORTH) {
                return u < 0.4 ? "Số " + n + ", ngõ " + houseNumber() + ", phố " + street
                        : u < 0.7 ? "Số " + n + ", đường " + street
                        : "Số " + n + " phố " + street + ", tổ dân phố " + (1 + rng.nextInt(25));
            }
            return u < 0.5 ? n + " " + street
                    : u < 0.75 ? n + "/" + houseNumber() + " " + street
                    : "Số " + n + ", đường " + street + ", khu phố " + (1 + rng.nextInt(12));
        }
        Hamlet hamlet = ethnicity.hamlet();
        if (hamlet == Hamlet.THON || hamlet == Hamlet.AP) {
            hamlet = Integer.parseInt(p.code()) >= 75 ? Hamlet.AP : Hamlet.THON;
        }
        String place = switch (hamlet) {
            case BAN -> "Bản " + pick(Tables.BAN_SYLLABLE_1) + " " + pick(Tables.BAN_SYLLABLE_2);
            case BUON -> "Buôn " + pick(Tables.BUON_NAMES);
            case LANG -> "Làng " + pick(Tables.LANG_NAMES);
            case AP -> rng.chance(0.6) ? "Ấp " + pick(Tables.AP_SYLLABLE_1) + " " + pick(Tables.AP_SYLLABLE_2)
                    : "Ấp " + (1 + rng.nextInt(12));
            case THON -> {
                double u = rng.nextDouble();
                yield u < 0.5 ? "Thôn " + pick(Tables.HAMLET_SYLLABLE_1) + " " + pick(Tables.HAMLET_SYLLABLE_2)
                        : u < 0.8 || p.region() != Region.NORTH ? "Thôn " + (1 + rng.nextInt(15))
                        : "Xóm " + (1 + rng.nextInt(20));
            }
        };
        return rng.chance(0.3) ? "Số nhà " + houseNumber() + ", " + place : place;
    }

    private int houseNumber() {
        double u = rng.nextDouble();
        return 1 + (int) (250 * u * u);
    }

    private String pick(String[] options) {
        return options[rng.nextInt(options.length)];
    }

    /** A person while the household is built; reused from one household to the next. */
    private static final class Member {
        Sex sex;
        int born;
        int died;
        Relation relation;
        MaritalStatus marital;
        String family;
        int father;
        int mother;
        int spouse;
        boolean migrant;
        // filled when the records are made
        LocalDate date;
        BirthDate birthDate;
        int old;
        PersonalIdNumber id;
        String homeTown;
    }

    /**
     * The digits {@link PersonalIdNumber#compose} writes (province, sex-and-century, year, serial),
     * without String.format, which is a tenth of the generation time; a test holds the two equal.
     */
    static PersonalIdNumber idNumber(String provinceCode, Sex sex, int year, int serial) {
        char[] d = new char[12];
        provinceCode.getChars(0, 3, d, 0);
        d[3] = (char) ('0' + ((year - 1900) / 100) * 2 + (sex == Sex.FEMALE ? 1 : 0));
        d[4] = (char) ('0' + (year / 10) % 10);
        d[5] = (char) ('0' + year % 10);
        for (int i = 11; i >= 6; i--) {
            d[i] = (char) ('0' + serial % 10);
            serial /= 10;
        }
        return new PersonalIdNumber(new String(d));
    }

    /**
     * Serials of the ID number, one counter per (old province, sex, birth year): each counter value
     * goes through n -> (n * 618,033 + offset) mod 10^6, a bijection (618,033 is coprime to 10^6), so
     * numbers look random and never repeat.
     */
    static final class Serials {

        private static final int YEARS = 256;
        private static final long MULTIPLIER = 618_033L;
        private final int[] counters;
        private final int[] offsets;

        Serials(int provinces, long seed) {
            counters = new int[provinces * 2 * YEARS];
            offsets = new int[counters.length];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = (int) Math.floorMod(Rng.mix(seed, i), 1_000_000L);
            }
        }

        /**
         * The number the {@code (1,000,000 - k)}-th person of a bucket would get: never handed out,
         * since a bucket gives out at most a million and a real province, sex and year has far fewer.
         */
        PersonalIdNumber reserved(int province, String provinceCode, Sex sex, int year, int k) {
            int bucket = (province * 2 + (sex == Sex.FEMALE ? 1 : 0)) * YEARS + (year - 1900);
            long n = 999_999L - k;
            return idNumber(provinceCode, sex, year, (int) ((n * MULTIPLIER + offsets[bucket]) % 1_000_000L));
        }

        PersonalIdNumber next(int province, String provinceCode, Sex sex, int year) {
            int bucket = (province * 2 + (sex == Sex.FEMALE ? 1 : 0)) * YEARS + (year - 1900);
            int n = counters[bucket]++;
            if (n >= 1_000_000) {
                throw new IllegalStateException("More than 1,000,000 people registered in province " + provinceCode
                        + ", " + sex.name().toLowerCase() + ", born " + year + ": the 6-digit serial is exhausted");
            }
            int serial = (int) ((n * MULTIPLIER + offsets[bucket]) % 1_000_000L);
            return idNumber(provinceCode, sex, year, serial);
        }
    }
}
