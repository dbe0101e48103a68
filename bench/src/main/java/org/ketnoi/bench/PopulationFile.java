package org.ketnoi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The synthetic population file, made by the server jar's own {@code generate-population} (so the
 * benchmark imports exactly what an operator would), and the sample of it the lookups ask for.
 */
final class PopulationFile {

    /** Every this-many-th row of the file is in the sample: a prime, so no pattern of the generator lines up with it. */
    static final int SAMPLE_EVERY = 997;
    /**
     * The generator's live heap stays at a few MB whatever the count; without a cap its young
     * generation grows past a GB, which a streamed run takes from PostgreSQL's page cache.
     */
    static final List<String> GENERATOR_JVM_FLAGS = List.of("-XX:+UseParallelGC", "-Xmx256m");

    private PopulationFile() {
    }

    /** One person of the sample: what the lookups send. */
    record Person(String idNumber, String fullName, String birthDate, String nameKey, int birthYear) {
    }

    /**
     * @param file the CSV
     * @param bytes its size
     * @param generatedMillis how long the generator took, or -1 when an existing file was reused
     */
    record Generated(Path file, long bytes, long generatedMillis) {

        boolean reused() {
            return generatedMillis < 0;
        }
    }

    static Path fileFor(RepoLayout layout, long count, long seed) {
        return layout.benchTarget().resolve("population").resolve("population-" + count + "-seed" + seed + ".csv");
    }

    static List<String> generatorCommand(Path java, Path serverJar, long count, long seed, Path out) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(GENERATOR_JVM_FLAGS);
        command.addAll(List.of("-jar", serverJar.toString(), "generate-population", "--count", Long.toString(count),
                "--seed", Long.toString(seed), "--format", "csv", "--out", out.toString()));
        return command;
    }

    /**
     * Reuses the file when it exists (the generator writes to a ".part" file and moves it into
     * place only when complete), else runs the generator, showing its progress by counting the
     * lines of the part file as it grows.
     */
    static Generated generateOrReuse(RepoLayout layout, Path serverJar, long count, long seed, PrintStream out,
            Cleanup cleanup) {
        Path file = fileFor(layout, count, seed);
        try {
            if (Files.isRegularFile(file)) {
                out.printf("Reusing %s (%s)%n", layout.root().relativize(file), mib(Files.size(file)));
                return new Generated(file, Files.size(file), -1);
            }
            Files.createDirectories(file.getParent());
            Path part = file.resolveSibling(file.getFileName() + ".part");
            Path log = file.resolveSibling(file.getFileName() + ".log");
            List<String> command = generatorCommand(ServerLaunch.currentJava(), serverJar, count, seed, file);
            ProcessBuilder builder = new ProcessBuilder(command).directory(layout.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            AutoCloseable stop = () -> {
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor();
                }
                Files.deleteIfExists(part);
            };
            cleanup.register(stop);
            LineCounter lines = new LineCounter(part);
            try (RateProgress progress = new RateProgress(out, "generate", "rows", count, System::nanoTime)
                    .counting(() -> Math.max(0, lines.count() - 1))) {
                progress.activity("java -jar ketnoi-server.jar generate-population");
                while (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    lines.advance();
                }
                lines.advance();
            } finally {
                cleanup.done(stop);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (process.exitValue() != 0 || !Files.isRegularFile(file)) {
                throw new BenchmarkFailed("the generator failed with code " + process.exitValue() + "; see " + log);
            }
            return new Generated(file, Files.size(file), millis);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot generate " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted while generating " + file);
        }
    }

    /** Counts the newlines of a growing file, reading only what was added since the last call. */
    static final class LineCounter {
        private final Path file;
        private final AtomicLong lines = new AtomicLong();
        private long position;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

        LineCounter(Path file) {
            this.file = file;
        }

        long count() {
            return lines.get();
        }

        void advance() {
            if (!Files.exists(file)) {
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(position);
                long found = 0;
                int read;
                while ((read = channel.read(buffer)) > 0) {
                    buffer.flip();
                    for (int i = 0; i < read; i++) {
                        if (buffer.get(i) == '\n') {
                            found++;
                        }
                    }
                    position += read;
                    buffer.clear();
                }
                lines.addAndGet(found);
            } catch (IOException e) {
                // The part file is moved into place when done; the final count comes from the last good read.
            }
        }
    }

    /**
     * Every {@link #SAMPLE_EVERY}-th data row (the 1st, the 998th, ...): number, name and date of
     * birth, read from the file so the server's database is not asked. Also counts the data rows.
     */
    static Sample sample(Path file, long expectedRows, PrintStream out) {
        Sampler sampler = new Sampler(file.getFileName().toString());
        try (InputStream in = Files.newInputStream(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                RateProgress progress = new RateProgress(out, "sample", "rows", expectedRows, System::nanoTime)
                        .counting(sampler::rows)) {
            progress.activity("every " + SAMPLE_EVERY + "th row of " + file.getFileName());
            String line;
            while ((line = reader.readLine()) != null) {
                sampler.next(line);
            }
            if (!sampler.headerSeen()) {
                throw new BenchmarkFailed(file + " is empty");
            }
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot read " + file + ": " + e.getMessage(), e);
        }
        return sampler.sample();
    }

    /**
     * Takes the sample from the lines of the CSV as they go by, whether read from a file or watched
     * on their way to the server: the header first, then every {@link #SAMPLE_EVERY}-th data row.
     * Counts the data rows. Not thread-safe except {@link #rows()}, which a progress line reads.
     */
    static final class Sampler {
        private final String source;
        private final List<Person> people = new ArrayList<>();
        private final AtomicLong rows = new AtomicLong();
        private boolean header;
        private int id;
        private int name;
        private int born;
        private int needed;

        Sampler(String source) {
            this.source = source;
        }

        boolean headerSeen() {
            return header;
        }

        long rows() {
            return rows.get();
        }

        /** Whether the next line will be kept: a stream builds a String only for the lines that are. */
        boolean wantsNext() {
            return !header || rows.get() % SAMPLE_EVERY == 0;
        }

        /** The next line, without its line end; null for a line {@link #wantsNext()} said was not wanted. */
        void next(String line) {
            if (!header) {
                header(line == null ? "" : line);
                return;
            }
            long row = rows.getAndIncrement();
            if (row % SAMPLE_EVERY != 0) {
                return;
            }
            if (line == null) {
                throw new IllegalStateException("row " + row + " of " + source + " is in the sample but was not kept");
            }
            try {
                List<String> f = fields(line, needed);
                String birthDate = f.get(born);
                people.add(new Person(f.get(id), f.get(name), birthDate, fold(f.get(name)),
                        Integer.parseInt(birthDate.substring(0, 4))));
            } catch (RuntimeException e) {
                throw new BenchmarkFailed("cannot sample " + source + " at data row " + row + ": " + e, e);
            }
        }

        private void header(String line) {
            List<String> columns = fields(line.replace("\uFEFF", ""), Integer.MAX_VALUE);
            id = column(columns, "id_number", source);
            name = column(columns, "full_name", source);
            born = column(columns, "birth_date", source);
            needed = Math.max(id, Math.max(name, born)) + 1;
            header = true;
        }

        Sample sample() {
            return new Sample(List.copyOf(people), rows.get());
        }
    }

    /** @param rows data rows in the file (without the header) */
    record Sample(List<Person> people, long rows) {
    }

    private static int column(List<String> columns, String name, String source) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new BenchmarkFailed(source + " has no column '" + name + "' in its header " + columns);
        }
        return index;
    }

    /** The first {@code limit} fields of a CSV line (RFC 4180 quoting; a row does not span lines here). */
    static List<String> fields(String line, int limit) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length() && fields.size() < limit; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (fields.size() < limit) {
            fields.add(field.toString());
        }
        return fields;
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * The folded name the search matches on: the same folding as the server's SearchKey (marks
     * removed, đ as d, lower case, single spaces), so the query is what a user typing without
     * accents would send.
     */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT).trim()).replaceAll(" ");
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1024.0 / 1024.0);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
