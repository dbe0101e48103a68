package org.ketnoi.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.population.generator.PopulationGenerator;
import org.ketnoi.population.imports.CitizenWriter;
import org.ketnoi.population.imports.Format;
import org.ketnoi.population.imports.ImportReport;
import org.ketnoi.population.imports.PopulationImports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo population: on the first start of an empty registry, the named people of the demo
 * ({@link DemoCast}) and a synthetic population (seed 2025) go in through the same import path as
 * real files. A registry with any citizen is left alone.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Order(10)
class DemoPopulation implements org.ketnoi.platform.StartupNotice {

    private static final Logger log = LoggerFactory.getLogger(DemoPopulation.class);
    static final long SEED = 2025;

    private final PopulationRegistry registry;
    private final PopulationImports imports;
    private final long count;

    DemoPopulation(PopulationRegistry registry, PopulationImports imports,
            @Value("${ketnoi.demo.population:20000}") long count) {
        this.registry = registry;
        this.imports = imports;
        this.count = count;
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadOnce() {
        if (count <= 0 || registry.count() > 0) {
            return;
        }
        log.info("Loading the demo population: {} synthetic citizens (seed {})", count, SEED);
        // The Ministry of Public Security keeps the national registry: the demo import acts for it.
        Caller loader = new Caller("system:demo-data", "Demo data", Caller.Kind.SYSTEM, "000.00.00.G03",
                null, null, Set.of(Roles.REGISTRY_IMPORTER));
        ImportReport report = imports.importFile(generated(), Format.CSV, true, "demo-population-seed2025.csv",
                loader);
        log.info("Demo population loaded: {} citizens, {} rejected", report.accepted(), report.rejected());
    }

    @Override
    public List<String> lines() {
        List<DemoCast.Member> cast = DemoCast.members(SEED);
        // a registry loaded by an older version, or a real one, may not hold them
        if (count <= 0 || registry.load(cast.getFirst().record().idNumber()).isEmpty()) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Demo citizens in the registry (beside the synthetic ones):");
        for (DemoCast.Member m : cast) {
            CitizenRecord r = m.record();
            lines.add(String.format("  %s  %-18s %s  commune %s%s", r.idNumber(), r.fullName(), r.birthDate(),
                    r.permanentResidence().communeCode(), m.account().map(a -> "  (the person of " + a + ")")
                            .orElse("")));
        }
        return lines;
    }

    /** The generator's output as a CSV stream, written by a virtual thread as the import reads it. */
    private InputStream generated() {
        try {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread.ofVirtual().name("demo-population").start(() -> {
                try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                    CitizenWriter citizens = CitizenWriter.of(Format.CSV, writer);
                    for (DemoCast.Member member : DemoCast.members(SEED)) {
                        citizens.write(CitizenDocument.from(member.record()).values());
                    }
                    Iterator<CitizenRecord> records = new PopulationGenerator(SEED).generate(count);
                    while (records.hasNext()) {
                        citizens.write(CitizenDocument.from(records.next()).values());
                    }
                    citizens.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
