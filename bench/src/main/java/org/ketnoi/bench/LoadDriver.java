package org.ketnoi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A closed-loop load: C clients, each on its own virtual thread, send one request after another
 * with no pause, first for the warm-up (not recorded), then for the measured duration. Every
 * latency of a correct answer is kept; wrong answers and failures are counted by kind, and so is a
 * client left waiting through the whole measured window.
 */
final class LoadDriver {

    /** The kind of error of a client whose call started before the measured window and had no answer at its end. */
    static final String STALLED = "no answer during the whole window";

    /** One client's connection and its request; {@code call} answers null when the answer was right, else what was wrong. */
    interface Client extends AutoCloseable {
        String call(ThreadLocalRandom random) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * @param workload what was asked
     * @param concurrency clients
     * @param windowNanos the measured window
     * @param latencies of the correct answers started in the window
     * @param errors wrong answers and failures started in the window
     * @param errorKinds the errors by kind (HTTP status, exception), most frequent first
     * @param machineBusy share of all cores busy during the window (all processes)
     * @param serverCpuMillis CPU time of the server JVM during the window, -1 when there is none
     * @param driverCpuMillis CPU time of this benchmark's JVM (the clients) during the window
     * @param note a workload's own remark (e.g. results per search)
     * @param otherCpuMillis CPU time of other processes named by the caller (PostgreSQL's) during the window, -1
     *     when none were named
     */
    record Run(String workload, int concurrency, long windowNanos, Latencies latencies, long errors,
            Map<String, Long> errorKinds, double machineBusy, long serverCpuMillis, long driverCpuMillis, String note,
            long otherCpuMillis) {

        Run(String workload, int concurrency, long windowNanos, Latencies latencies, long errors,
                Map<String, Long> errorKinds, double machineBusy, long serverCpuMillis, long driverCpuMillis,
                String note) {
            this(workload, concurrency, windowNanos, latencies, errors, errorKinds, machineBusy, serverCpuMillis,
                    driverCpuMillis, note, -1);
        }

        double rate() {
            return latencies.count() / (windowNanos / 1e9);
        }

        double p50() {
            return latencies.percentileMillis(0.50);
        }

        double p99() {
            return latencies.percentileMillis(0.99);
        }

        /** Machine CPU (all cores, all processes) per correct answer, in milliseconds. */
        double cpuMillisPerRequest(int cores) {
            return latencies.count() == 0 ? Double.NaN
                    : machineBusy * cores * (windowNanos / 1e6) / latencies.count();
        }
    }

    static Run run(String workload, int concurrency, Duration warmup, Duration duration, IntFunction<Client> clients,
            ProcessHandle server, LongAdder completed, java.util.function.Supplier<String> note) {
        return run(workload, concurrency, warmup, duration, clients, server, completed, note, null);
    }

    /** As above, and the CPU time of the processes {@code others} names (read at the window's start and end). */
    static Run run(String workload, int concurrency, Duration warmup, Duration duration, IntFunction<Client> clients,
            ProcessHandle server, LongAdder completed, java.util.function.Supplier<String> note,
            java.util.function.Supplier<java.util.Collection<ProcessHandle>> others) {
        Latencies.Recorder[] recorders = new Latencies.Recorder[concurrency];
        LongAdder errors = new LongAdder();
        Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong measureStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong end = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> setupFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        // When each client's current call started, 0 while it is between calls: a call that started before the
        // window and is still running at its end was stalled through the whole window, and would otherwise go unseen.
        java.util.concurrent.atomic.AtomicLongArray inFlightSince = new java.util.concurrent.atomic.AtomicLongArray(
                concurrency);
        for (int i = 0; i < concurrency; i++) {
            int index = i;
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders[i] = recorder;
            threads.add(Thread.ofVirtual().name("client-" + workload + "-" + i).start(() -> {
                Client client;
                try {
                    client = clients.apply(index);
                } catch (RuntimeException e) {
                    setupFailures.add(e);
                    ready.countDown();
                    return;
                }
                ready.countDown();
                try (client) {
                    go.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long stop = end.get();
                    long from = measureStart.get();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= stop) {
                            break;
                        }
                        String wrong;
                        inFlightSince.set(index, t0);
                        try {
                            wrong = client.call(random);
                        } catch (Exception e) {
                            wrong = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        inFlightSince.set(index, 0);
                        completed.increment();
                        if (t0 >= from) {
                            if (wrong == null) {
                                recorder.add(t1 - t0);
                            } else {
                                errors.increment();
                                kinds.computeIfAbsent(wrong, k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    }
                } catch (Exception e) {
                    setupFailures.add(e);
                }
            }));
        }
        await(ready);
        if (!setupFailures.isEmpty()) {
            go.countDown();
            join(threads);
            throw new BenchmarkFailed("the " + workload + " clients could not start: " + setupFailures.getFirst(),
                    setupFailures.getFirst());
        }
        long start = System.nanoTime();
        measureStart.set(start + warmup.toNanos());
        end.set(start + warmup.toNanos() + duration.toNanos());
        go.countDown();
        // CPU figures over the measured window only.
        KetnoiServer.sleepNanos(measureStart.get() - System.nanoTime());
        CpuSample cpuBefore = CpuSample.read();
        long serverBefore = cpuMillis(server);
        long driverBefore = cpuMillis(ProcessHandle.current());
        java.util.Collection<ProcessHandle> otherProcesses = others == null ? null : others.get();
        long othersBefore = otherProcesses == null ? -1 : ProcCpu.millis(otherProcesses);
        KetnoiServer.sleepNanos(end.get() - System.nanoTime());
        double busy = CpuSample.read().busyShareSince(cpuBefore);
        int stalled = 0;
        for (int i = 0; i < concurrency; i++) {
            long since = inFlightSince.get(i);
            if (since != 0 && since < measureStart.get()) {
                stalled++;
            }
        }
        if (stalled > 0) {
            errors.add(stalled);
            kinds.computeIfAbsent(STALLED, k -> new AtomicLong()).addAndGet(stalled);
        }
        long serverCpu = server == null ? -1 : cpuMillis(server) - serverBefore;
        long driverCpu = cpuMillis(ProcessHandle.current()) - driverBefore;
        long othersCpu = otherProcesses == null ? -1 : ProcCpu.millis(otherProcesses) - othersBefore;
        join(threads);
        List<long[]> parts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Latencies.Recorder r : recorders) {
            parts.add(r.values);
            counts.add(r.count);
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        kinds.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .forEach(e -> byKind.put(e.getKey(), e.getValue().get()));
        return new Run(workload, concurrency, duration.toNanos(), Latencies.merge(parts, counts), errors.sum(), byKind,
                busy, serverCpu, driverCpu, note == null ? "" : note.get(), othersCpu);
    }

    private static long cpuMillis(ProcessHandle process) {
        return process == null ? -1 : process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailed("interrupted");
            }
        }
    }
}
