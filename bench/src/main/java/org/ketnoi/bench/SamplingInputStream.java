package org.ketnoi.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the CSV on its way to the server and hands its lines to a {@link PopulationFile.Sampler},
 * so the stream mode takes the same sample as a file would without a second read. Only the lines
 * the sampler keeps are copied and decoded; the others are only scanned for their line end.
 * A sampling failure does not break the upload: it is kept and read after the import.
 */
final class SamplingInputStream extends FilterInputStream {

    private final PopulationFile.Sampler sampler;
    private final AtomicLong bytes = new AtomicLong();
    private byte[] line = new byte[1024];
    private int length;
    private boolean keeping;
    private boolean partial;
    private boolean ended;
    private volatile RuntimeException failure;

    SamplingInputStream(InputStream in, PopulationFile.Sampler sampler) {
        super(in);
        this.sampler = sampler;
        this.keeping = sampler.wantsNext();
    }

    long bytes() {
        return bytes.get();
    }

    /** The first thing that went wrong while sampling, or null. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            watch(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n < 0) {
            end();
        } else if (n > 0) {
            watch(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes still pass the watch (FilterInputStream would hand the skip to the stream underneath). */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private void watch(byte[] buffer, int offset, int count) {
        bytes.addAndGet(count);
        int start = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '\n') {
                keep(buffer, start, i - start);
                endOfLine();
                start = i + 1;
            }
        }
        if (start < end) {
            keep(buffer, start, end - start);
            partial = true;
        }
    }

    private void keep(byte[] buffer, int offset, int count) {
        if (!keeping || count == 0) {
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, offset, line, length, count);
        length += count;
    }

    private void endOfLine() {
        if (failure == null) {
            try {
                int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                sampler.next(keeping ? new String(line, 0, n, StandardCharsets.UTF_8) : null);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        length = 0;
        partial = false;
        keeping = failure == null && sampler.wantsNext();
    }

    /** A last line without a line end still counts, once. */
    private void end() {
        if (!ended && partial) {
            endOfLine();
        }
        ended = true;
    }
}
