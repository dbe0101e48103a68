package org.ketnoi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server JVM's heap in use, read once a second from
 * {@code /actuator/metrics/jvm.memory.used?tag=area:heap} (the sum of the heap pools, live and not
 * yet collected). The largest sample is the figure; between samples the heap can be a little
 * higher, which the GC log's "before GC" sizes catch.
 */
final class HeapSampler implements AutoCloseable {

    private static final Pattern VALUE = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final HttpClient http;
    private final URI uri;
    private final ScheduledExecutorService timer;
    private volatile long maxBytes = -1;
    private volatile long lastBytes = -1;
    private volatile int samples;
    private volatile int failures;

    HeapSampler(HttpClient http, int port) {
        this.http = http;
        this.uri = URI.create("http://localhost:" + port + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
    }

    HeapSampler start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** One reading now, or -1 when the endpoint does not answer. */
    long read() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void sample() {
        long bytes = read();
        if (bytes < 0) {
            failures++;
            return;
        }
        samples++;
        lastBytes = bytes;
        if (bytes > maxBytes) {
            maxBytes = bytes;
        }
    }

    /** The VALUE measurement of an actuator metric, in bytes; -1 when absent. */
    static long parse(String json) {
        Matcher m = VALUE.matcher(json);
        return m.find() ? Math.round(Double.parseDouble(m.group(1))) : -1;
    }

    long maxBytes() {
        return maxBytes;
    }

    long lastBytes() {
        return lastBytes;
    }

    int samples() {
        return samples;
    }

    int failures() {
        return failures;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
