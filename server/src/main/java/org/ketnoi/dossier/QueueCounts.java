package org.ketnoi.dossier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A queue's counts kept for a few seconds. Counting an agency's open dossiers by due state is the
 * dearest part of a queue view (the list itself is one page of the index), and officials reload
 * their queue far more often than their agency's dossiers change. A count is counted again as soon
 * as a dossier of its agency changes on this node (after the change commits), and at the latest
 * after {@link #FRESH}: changes made on another node, and due states that turn with the clock, show
 * within that time. The list of dossiers is always read afresh.
 */
@Component
class QueueCounts {

    static final Duration FRESH = Duration.ofSeconds(5);
    private static final int MOST_KEPT = 10_000;

    /** One queue: its agency, the stages shown, and the specialist when only theirs and the unassigned count. */
    record Key(String agency, Set<Stage> stages, String assignee) {
    }

    private record Kept(Queues.Counts counts, long changesSeen, long countedAt) {
    }

    private final ConcurrentHashMap<String, Long> changes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Kept> kept = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    QueueCounts() {
        this(System::nanoTime);
    }

    QueueCounts(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    Queues.Counts counts(Key key, Supplier<Queues.Counts> count) {
        long now = nanoTime.getAsLong();
        // read before counting: a change committed meanwhile makes this count stale, not lost
        long changesSeen = changes.getOrDefault(key.agency(), 0L);
        Kept k = kept.get(key);
        if (k != null && k.changesSeen() == changesSeen && now - k.countedAt() < FRESH.toNanos()) {
            return k.counts();
        }
        Queues.Counts counted = count.get();
        if (kept.size() >= MOST_KEPT) {
            kept.clear();
        }
        kept.put(key, new Kept(counted, changesSeen, now));
        return counted;
    }

    /** A dossier was written: the queues of every agency it can be at count again once it commits. */
    void changed(Dossier d) {
        changedAt(java.util.stream.Stream.of(d.firstAgency(), d.agency(), d.secondAgency().orElse(null))
                .filter(Objects::nonNull).distinct().toList());
    }

    void changedAt(List<String> agencies) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    bump(agencies);
                }
            });
        } else {
            bump(agencies);
        }
    }

    private void bump(List<String> agencies) {
        for (String a : agencies) {
            changes.merge(a, 1L, Long::sum);
        }
    }
}
