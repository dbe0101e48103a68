package org.ketnoi.bench;

/** A benchmark that cannot produce honest figures stops with one clear sentence. */
final class BenchmarkFailed extends RuntimeException {

    BenchmarkFailed(String message) {
        super(message);
    }

    BenchmarkFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
