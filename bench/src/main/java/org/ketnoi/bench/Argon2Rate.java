package org.ketnoi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bare Argon2id hash rate at the server's own cost: runs in a JVM of its own, started by
 * {@link HashRate} with the server jar on the class path (Spring Boot's PropertiesLauncher,
 * {@code -Dloader.main}), so it uses the server's {@code PasswordHashing.argon2id()} and the server's
 * Bouncy Castle, on the same JDK and with the same JVM flags. The server's classes are reached by
 * reflection: the bench module does not compile against them.
 *
 * <p>Arguments: threads, warm-up ms, measured ms, password. Output, one item a line:
 * <pre>
 * cost Argon2id m=19456 KiB, t=2, p=1
 * hash {argon2id}$argon2id$v=19$m=19456,t=2,p=1$...      (the password's hash, for the accounts)
 * second 1 7                                             (hashes completed in each second, all threads)
 * measured hashes=412 nanos=10000412345 cpu_nanos=19876543210 per_thread=207,205
 * </pre>
 * Each hash is {@code matches(password, hash)}, what a sign-in does, not {@code encode}.
 */
public final class Argon2Rate {

    static final String HASHING_CLASS = "org.ketnoi.identity.credentials.PasswordHashing";

    private Argon2Rate() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long warmupNanos = Long.parseLong(args[1]) * 1_000_000;
        long measureNanos = Long.parseLong(args[2]) * 1_000_000;
        String password = args[3];
        Class<?> hashing = Class.forName(HASHING_CLASS);
        Object encoder = hashing.getMethod("argon2id").invoke(null);
        Method encode = encoder.getClass().getMethod("encode", CharSequence.class);
        Method matches = encoder.getClass().getMethod("matches", CharSequence.class, String.class);
        System.out.println("cost " + hashing.getMethod("describe").invoke(null));
        String hash = (String) encode.invoke(encoder, password);
        System.out.println("hash {argon2id}" + hash);
        System.out.flush();

        AtomicLongArray done = new AtomicLongArray(threads);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            // They run until told to stop, after the last snapshot: a thread that has ended has no CPU time to read.
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        if (!(Boolean) matches.invoke(encoder, password, hash)) {
                            throw new IllegalStateException("the hash does not match its own password");
                        }
                        done.incrementAndGet(index);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }, "argon2-" + t);
            workers.add(worker);
            worker.start();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] countsAtStart = null;
        long cpuAtStart = 0;
        long lastTotal = 0;
        int second = 0;
        while (true) {
            long nextTick = start + (second + 1) * 1_000_000_000L;
            long next = Math.min(nextTick, end);
            if (countsAtStart == null) {
                next = Math.min(next, measureFrom);
            }
            sleepUntil(next);
            long now = System.nanoTime();
            if (countsAtStart == null && now >= measureFrom) {
                countsAtStart = snapshot(done);
                cpuAtStart = cpu(mx, workers);
            }
            if (now >= end) {
                break;
            }
            if (now >= nextTick) {
                second++;
                long total = sum(snapshot(done));
                System.out.println("second " + second + " " + (total - lastTotal));
                System.out.flush();
                lastTotal = total;
            }
        }
        long[] countsAtEnd = snapshot(done);
        long cpuAtEnd = cpu(mx, workers);
        long window = System.nanoTime() - measureFrom;
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        StringBuilder perThread = new StringBuilder();
        long hashes = 0;
        for (int t = 0; t < threads; t++) {
            long n = countsAtEnd[t] - countsAtStart[t];
            hashes += n;
            perThread.append(t == 0 ? "" : ",").append(n);
        }
        System.out.println("measured hashes=" + hashes + " nanos=" + window + " cpu_nanos=" + (cpuAtEnd - cpuAtStart)
                + " per_thread=" + perThread);
    }

    private static long[] snapshot(AtomicLongArray done) {
        long[] s = new long[done.length()];
        for (int i = 0; i < s.length; i++) {
            s[i] = done.get(i);
        }
        return s;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static long cpu(ThreadMXBean mx, List<Thread> workers) {
        long total = 0;
        for (Thread worker : workers) {
            long t = mx.getThreadCpuTime(worker.threadId());
            total += Math.max(0, t);
        }
        return total;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
