package org.ketnoi.bench;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import through the real API: {@code POST /api/v1/population/imports} with the file streamed
 * as the raw body ({@link HttpRequest.BodyPublishers#ofFile}, or from a pipe, chunked), counting the bytes handed to the
 * connection so the terminal can show how far the server has read.
 */
final class ImportClient {

    private static final Pattern ROWS_READ = Pattern.compile("Import job \\d+: (\\d+) rows read");

    private final HttpClient http;
    private final int port;
    /** The current {@code Authorization} header, read when the request starts: a token valid then is enough. */
    private final java.util.function.Supplier<String> authorization;
    private final AtomicLong sent = new AtomicLong();

    ImportClient(HttpClient http, int port, java.util.function.Supplier<String> authorization) {
        this.http = http;
        this.port = port;
        this.authorization = authorization;
    }

    /**
     * @param status HTTP status
     * @param millis from just before the request is sent to the whole answer received
     * @param accepted rows the server reports as applied, or -1 if the answer does not say
     * @param rejected rows it rejected
     * @param body the answer, for the report when something went wrong
     */
    record Outcome(int status, long millis, long accepted, long rejected, String jobStatus, String body) {
    }

    long bytesSent() {
        return sent.get();
    }

    Outcome send(Path file, String fileName) {
        try {
            return send(HttpRequest.BodyPublishers.ofFile(file), fileName);
        } catch (FileNotFoundException e) {
            throw new BenchmarkFailed("cannot read " + file, e);
        }
    }

    /** The body from a stream of unknown length, sent chunked as it comes (the --stream mode's pipe). */
    Outcome send(Callable<InputStream> body, String fileName) {
        return send(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return body.call();
            } catch (Exception e) {
                throw new java.io.UncheckedIOException(new IOException("cannot open the request body: " + e, e));
            }
        }), fileName);
    }

    private Outcome send(HttpRequest.BodyPublisher publisher, String fileName) {
        URI uri = URI.create("http://localhost:" + port + "/api/v1/population/imports?format=csv&strict=false&fileName="
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization.get())
                .header("Content-Type", "text/csv")
                .header("Accept", "application/json")
                .POST(counting(publisher))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String body = response.body();
            return new Outcome(response.statusCode(), millis, number(body, "accepted"), number(body, "rejected"),
                    text(body, "status"), body);
        } catch (IOException e) {
            long length = publisher.contentLength();
            throw new BenchmarkFailed(String.format(java.util.Locale.ROOT,
                    "the import request failed after %.1f s, with %,d %s bytes handed to the connection: %s",
                    (System.nanoTime() - start) / 1e9, sent.get(), length < 0 ? "(of a stream)" : "of " + length, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted during the import");
        }
    }

    private HttpRequest.BodyPublisher counting(HttpRequest.BodyPublisher delegate) {
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return delegate.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                delegate.subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscriber.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        sent.addAndGet(item.remaining());
                        subscriber.onNext(item);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        subscriber.onError(throwable);
                    }

                    @Override
                    public void onComplete() {
                        subscriber.onComplete();
                    }
                });
            }
        };
    }

    static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String text(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** The last "N rows read" the server logged (every million rows), read from the end of its log; -1 if none yet. */
    static long rowsReadInLog(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int tail = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[tail];
            file.seek(length - tail);
            file.readFully(bytes);
            Matcher m = ROWS_READ.matcher(new String(bytes, StandardCharsets.UTF_8));
            long last = -1;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            return last;
        } catch (IOException e) {
            return -1;
        }
    }
}
