package org.ketnoi.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ketnoi.population.generator.PopulationGenerator;

class DemoCastTest {

    @Test
    void castNumbersAreValidDistinctAndNeverGivenToASyntheticCitizen() {
        List<DemoCast.Member> cast = DemoCast.members(DemoPopulation.SEED);
        Set<PersonalIdNumber> numbers = new HashSet<>();
        cast.forEach(m -> numbers.add(m.record().idNumber()));
        assertThat(numbers).hasSize(cast.size());
        // 200,000 synthetic citizens: ten times the demo's default, none with a cast member's number
        Set<PersonalIdNumber> clashes = new HashSet<>();
        new PopulationGenerator(DemoPopulation.SEED).stream(200_000)
                .map(CitizenRecord::idNumber).filter(numbers::contains).forEach(clashes::add);
        assertThat(clashes).isEmpty();
    }

    @Test
    void theFamilyIsOneHouseholdWithItsHeadAndTheOfficialsArePeopleToo() {
        List<DemoCast.Member> cast = DemoCast.members(DemoPopulation.SEED);
        var family = cast.stream().filter(m -> m.record().household().number().equals("01-DEMO-0001")).toList();
        assertThat(family).hasSize(4);
        assertThat(family.stream().filter(m -> m.record().household().relation() == CitizenRecord.Relation.HEAD))
                .hasSize(1);
        assertThat(cast.stream().flatMap(m -> m.account().stream())).containsExactlyInAnyOrder("canbo.badinh",
                "canbo.hanoi");
        // the same seed always gives the same people, so the printed numbers hold across starts
        assertThat(DemoCast.members(DemoPopulation.SEED)).isEqualTo(cast);
    }
}
