package org.ketnoi.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a queue's counts are counted again, and when the kept ones are shown. */
class QueueCountsTest {

    private final AtomicLong clock = new AtomicLong();
    private final QueueCounts counts = new QueueCounts(clock::get);
    private final AtomicInteger counted = new AtomicInteger();
    private final QueueCounts.Key clerk = new QueueCounts.Key("000.04.XA.H01", Set.of(Stage.RECEPTION), null);

    private Queues.Counts count() {
        int n = counted.incrementAndGet();
        return new Queues.Counts(n, n, 0, 0);
    }

    @Test
    void keptWithinTheFreshTimeThenCountedAgain() {
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(1);
        clock.addAndGet(QueueCounts.FRESH.toNanos() - 1);
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(2);
    }

    @Test
    void aChangeInTheAgencyCountsAgainAtOnceAndOneElsewhereDoesNot() {
        counts.counts(clerk, this::count);
        counts.changedAt(List.of("000.08.XA.H01"));
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(1);
        counts.changedAt(List.of("000.08.XA.H01", "000.04.XA.H01"));
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(2);
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(2);
    }

    @Test
    void otherStagesAndAnotherSpecialistAreOtherQueues() {
        counts.counts(clerk, this::count);
        assertThat(counts.counts(new QueueCounts.Key("000.04.XA.H01", Set.of(Stage.PAYMENT), null), this::count)
                .total()).isEqualTo(2);
        assertThat(counts.counts(new QueueCounts.Key("000.04.XA.H01", Set.of(Stage.APPRAISAL), "cv.an"), this::count)
                .total()).isEqualTo(3);
        assertThat(counts.counts(new QueueCounts.Key("000.04.XA.H01", Set.of(Stage.APPRAISAL), "cv.binh"), this::count)
                .total()).isEqualTo(4);
        assertThat(counts.counts(clerk, this::count).total()).isEqualTo(1);
    }
}
