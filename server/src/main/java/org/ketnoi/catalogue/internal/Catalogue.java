package org.ketnoi.catalogue.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.agency.Commune;
import org.ketnoi.agency.Province;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.platform.SearchKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The catalogue: published procedures served from memory (catalogue pages answer thousands of
 * views a second), read from the database at start, after each save on this node, and every few
 * seconds for saves on other nodes. Old versions are immutable, so once read they are kept too.
 *
 * <p>At start, before the web server opens, each seed file whose code the database does not hold
 * yet is published as version 1; a seed never replaces a version an administrator saved.
 */
@Service
public class Catalogue implements ProcedureCatalogue, SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Catalogue.class);
    public static final String SEED_AUTHOR = "system:catalogue-seed";

    private final ProcedureStore store;
    private final ProcedureRules rules;
    private final FormValidator validator;
    private final AdministrativeUnits units;
    private final TransactionTemplate tx;
    private final Duration refreshEvery;
    private final ScheduledExecutorService refresher;

    private volatile Map<String, Entry> current = Map.of();
    private volatile List<Field> fields = List.of();
    private volatile List<Entry> byCode = List.of();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Procedure> versions = new ConcurrentHashMap<>();
    private volatile Set<String> communes;

    public Catalogue(ProcedureStore store, ProcedureRules rules, FormValidator validator, AdministrativeUnits units,
            TransactionTemplate tx, @Value("${ketnoi.catalogue.refresh:5s}") Duration refreshEvery) {
        this.store = store;
        this.rules = rules;
        this.validator = validator;
        this.units = units;
        this.tx = tx;
        this.refreshEvery = refreshEvery;
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(
                "catalogue-refresh").factory());
    }

    /** A version in force with who saved it, when, and its folded texts for search. */
    public record Entry(Procedure procedure, String savedBy, Instant savedAt, String nameKey, String fullKey,
            String fieldKey, String viKey, String enKey) {

        // Folded once here: folding in the search's comparator was a third of the catalogue page's time.
        static Entry of(ProcedureStore.Stored s) {
            Procedure p = s.procedure();
            return new Entry(p, s.savedBy(), s.savedAt(),
                    SearchKey.of(String.join(" ", p.code(), p.name().vi(), p.name().en())),
                    ProcedureStore.searchKey(p), Catalogue.fieldKey(p.field()), SearchKey.of(p.name().vi()),
                    SearchKey.of(p.name().en()));
        }
    }

    /** A field's key for filters and addresses: its Vietnamese name folded, words joined by hyphens. */
    public static String fieldKey(Procedure.Text field) {
        return SearchKey.of(field.vi()).replace(' ', '-');
    }

    @Override
    public void afterSingletonsInstantiated() {
        seed(SeedFiles.find(SeedFiles.LOCATION));
        reload();
        if (!refreshEvery.isZero()) {
            refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshEvery.toMillis(), refreshEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /**
     * Publishes each seed whose code is new as version 1, all in one transaction.
     *
     * @return how many were published
     */
    public int seed(org.springframework.core.io.Resource[] files) {
        List<Procedure> seeds = SeedFiles.read(files, rules::check);
        Integer inserted = tx.execute(s -> (int) seeds.stream().filter(p -> store.insertFirst(p, SEED_AUTHOR)).count());
        log.info("Catalogue: {} seed procedures, {} published now", seeds.size(), inserted);
        if (inserted != null && inserted > 0) {
            reload();
        }
        return inserted == null ? 0 : inserted;
    }

    /** Reads every version in force again. */
    public synchronized void reload() {
        Map<String, Entry> all = new LinkedHashMap<>();
        for (ProcedureStore.Stored s : store.allCurrent()) {
            all.put(s.procedure().code(), Entry.of(s));
        }
        publish(all);
    }

    /** Reads one procedure's version in force again, after a save. */
    public synchronized void refresh(String code) {
        Map<String, Entry> all = new LinkedHashMap<>(current);
        store.current(code).ifPresentOrElse(s -> all.put(code, Entry.of(s)), () -> all.remove(code));
        publish(all);
    }

    private void refreshQuietly() {
        try {
            Map<String, Integer> stored = store.currentVersions();
            Map<String, Entry> now = current;
            boolean changed = stored.size() != now.size() || stored.entrySet().stream().anyMatch(e -> {
                Entry entry = now.get(e.getKey());
                return entry == null || entry.procedure().version() != e.getValue();
            });
            if (changed) {
                reload();
            }
        } catch (RuntimeException e) {
            log.warn("Catalogue refresh failed; serving what is in memory: {}", e.toString());
        }
    }

    private void publish(Map<String, Entry> all) {
        all.values().forEach(e -> versions.put(e.procedure().code() + "@" + e.procedure().version(), e.procedure()));
        Map<String, Field> byKey = new LinkedHashMap<>();
        all.values().stream().sorted(Comparator.comparing(Entry::fieldKey))
                .forEach(e -> byKey.putIfAbsent(e.fieldKey(), new Field(e.fieldKey(), e.procedure().field())));
        current = Map.copyOf(all);
        byCode = all.values().stream().sorted(Comparator.comparing(e -> e.procedure().code())).toList();
        fields = List.copyOf(byKey.values());
        generation.incrementAndGet();
    }

    /** Changes each time the procedures in force change: what was rendered from an older one is stale. */
    public long generation() {
        return generation.get();
    }

    @Override
    public Optional<Procedure> current(String code) {
        return entry(code).map(Entry::procedure);
    }

    public Optional<Entry> entry(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(current.get(code));
    }

    /** Every procedure in force, by code. */
    public List<Entry> entries() {
        return byCode;
    }

    public List<Field> fields() {
        return fields;
    }

    @Override
    public Optional<Procedure> version(String code, int version) {
        if (code == null || version < 1) {
            return Optional.empty();
        }
        Procedure known = versions.get(code + "@" + version);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Procedure> stored = store.version(code, version).map(ProcedureStore.Stored::procedure);
        stored.ifPresent(p -> versions.put(code + "@" + version, p));
        return stored;
    }

    @Override
    public List<FormProblem> validate(Procedure procedure, JsonNode form) {
        return validator.validate(procedure, form, code -> communes().contains(code));
    }

    private Set<String> communes() {
        Set<String> known = communes;
        if (known == null) {
            Set<String> codes = new java.util.HashSet<>();
            for (Province province : units.provinces()) {
                units.communes(province.code()).stream().map(Commune::code).forEach(c -> codes.add(c.value()));
            }
            communes = known = Set.copyOf(codes);
        }
        return known;
    }

    @Override
    public Results search(Query query) {
        String key = SearchKey.of(query.words());
        List<String> words = key.isEmpty() ? List.of() : List.of(key.split(" "));
        List<Entry> matches = new ArrayList<>();
        for (Entry e : current.values()) {
            Procedure p = e.procedure();
            if (query.field().isPresent() && !query.field().get().equals(e.fieldKey())
                    || query.level().isPresent() && !query.level().get().equals(p.level())
                    || query.agency().isPresent() && !query.agency().get().equals(p.departmentSegment().orElse(null))
                            && !query.agency().get().equals(p.centralAgency().orElse(null))) {
                continue;
            }
            if (words.stream().allMatch(w -> e.fullKey().contains(w))) {
                matches.add(e);
            }
        }
        matches.sort(Comparator.comparingInt((Entry e) -> rank(e, key, words))
                .thenComparing(Entry::viKey)
                .thenComparing(e -> e.procedure().code()));
        int from = Math.min(matches.size(), (query.page() - 1) * query.size());
        int to = Math.min(matches.size(), from + query.size());
        return new Results(matches.subList(from, to).stream().map(Entry::procedure).toList(), matches.size(),
                query.page(), query.size(), fields);
    }

    /** Names matching the words come first: the whole name, then its start, then all words in the name. */
    private static int rank(Entry e, String key, List<String> words) {
        if (words.isEmpty()) {
            return 0;
        }
        String vi = e.viKey();
        String en = e.enKey();
        if (vi.equals(key) || en.equals(key) || e.procedure().code().equals(key)) {
            return 0;
        }
        if (vi.startsWith(key) || en.startsWith(key)) {
            return 1;
        }
        return words.stream().allMatch(w -> e.nameKey().contains(w)) ? 2 : 3;
    }
}
