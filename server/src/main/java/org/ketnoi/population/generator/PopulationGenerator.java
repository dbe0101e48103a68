package org.ketnoi.population.generator;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.ketnoi.population.CitizenRecord;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.Sex;

/**
 * A synthetic national population for tests and demonstrations: households of realistic shape
 * (head, spouse, children, sometimes grandparents), Vietnamese names with their real frequencies,
 * ages shaped like the 2024 pyramid, people spread over the 34 provinces and their communes by
 * population, and valid, unique ID numbers whose province, sex and birth year agree with the record.
 *
 * <p>Deterministic: the same seed and count give the same records; a longer run starts with the
 * records of a shorter one, except the shorter run's last household, which is drawn again to fit.
 * Streaming: memory stays constant however many records are asked for. Reads its reference data
 * from the classpath; needs neither database nor Spring.
 */
public final class PopulationGenerator {

    /** The day the population is described at; fixed so that a seed means the same people on any day. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 1);

    private final long seed;
    private final LocalDate asOf;
    private final ReferenceData reference;

    public PopulationGenerator(long seed) {
        this(seed, DEFAULT_AS_OF);
    }

    /** A population as it stood on {@code asOf} (ages, ID cards, deaths), which must not be in the future. */
    public PopulationGenerator(long seed, LocalDate asOf) {
        if (asOf == null || asOf.isAfter(LocalDate.now()) || asOf.getYear() < 2016) {
            throw new IllegalArgumentException("The reference date must be between 2016 and today, got " + asOf);
        }
        this.seed = seed;
        this.asOf = asOf;
        this.reference = ReferenceData.get();
    }

    /** Exactly {@code count} records, household by household, head first. */
    public Iterator<CitizenRecord> generate(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("The count cannot be negative, got " + count);
        }
        return new Households(reference, seed, count, asOf);
    }

    /**
     * A valid number that this seed's population never contains, for people added beside it (the
     * demo's named citizens): the {@code k}-th from the end of the serials of that birth-registration
     * province, sex and year (k below 1,000).
     */
    public PersonalIdNumber reservedIdNumber(String birthRegistrationProvince, Sex sex, int year, int k) {
        if (k < 0 || k >= 1000) {
            throw new IllegalArgumentException("k must be between 0 and 999, got " + k);
        }
        for (int i = 0; i < reference.oldProvinces.size(); i++) {
            if (reference.oldProvinces.get(i).code().equals(birthRegistrationProvince)) {
                return new Households.Serials(reference.oldProvinces.size(), seed)
                        .reserved(i, birthRegistrationProvince, sex, year, k);
            }
        }
        throw new IllegalArgumentException("No birth-registration province has the code " + birthRegistrationProvince);
    }

    /** The same records as {@link #generate(long)}, as a sequential stream. */
    public Stream<CitizenRecord> stream(long count) {
        return StreamSupport.stream(Spliterators.spliterator(generate(count), count,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }
}
