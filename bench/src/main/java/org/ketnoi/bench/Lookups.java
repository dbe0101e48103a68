package org.ketnoi.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The lookups: four through the real HTTP API with its security on (bearer tokens from the
 * server's own OpenID Connect provider, every read written to the access log), the peer, a bare SQL point lookup over JDBC on the same rows, and the floor of
 * the HTTP stack: a public endpoint behind the same security chain that does one small indexed
 * lookup and writes no access log. Each picks random people of the sample for every request.
 */
final class Lookups {

    static final String BARE = "bare SQL: select * by id (JDBC)";
    static final String GET = "API: GET citizen by number";
    static final String FLOOR = "API floor: GET birth-registration province (same HTTP stack and bearer token, one "
            + "indexed SQL lookup, no access log)";
    static final String VERIFY = "API: POST verification";
    static final String BATCH = "API: POST verification batch of 100";
    static final String SEARCH = "API: search by name + birth year";
    /** The order they take turns in at each concurrency. */
    static final List<String> ALL = List.of(BARE, FLOOR, GET, VERIFY, BATCH, SEARCH);
    /** Persons per batch verification request. */
    static final int BATCH_SIZE = 100;
    private static final String MATCH = "\"outcome\":\"MATCH\"";
    static final String PURPOSE = "Đo hiệu năng (benchmark)";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;
    private final String units;
    /** The current {@code Authorization} headers, renewed in the background ({@link BearerSource}). */
    private final Supplier<String> official;
    private final Supplier<String> verifier;
    private final int postgresPort;
    private final List<PopulationFile.Person> people;
    private final String purpose = URLEncoder.encode(PURPOSE, StandardCharsets.UTF_8);
    final LongAdder searchResults = new LongAdder();
    final LongAdder searches = new LongAdder();

    Lookups(HttpClient http, int serverPort, Supplier<String> official, Supplier<String> verifier, int postgresPort,
            List<PopulationFile.Person> people) {
        this.http = http;
        this.base = "http://localhost:" + serverPort + "/api/v1/population";
        this.units = "http://localhost:" + serverPort + "/api/v1/units/birth-registration-provinces/";
        this.official = official;
        this.verifier = verifier;
        this.postgresPort = postgresPort;
        this.people = people;
    }

    IntFunction<LoadDriver.Client> clients(String workload) {
        return switch (workload) {
            case BARE -> i -> bare();
            case FLOOR -> i -> this::floor;
            case GET -> i -> this::get;
            case VERIFY -> i -> this::verify;
            case BATCH -> i -> this::batch;
            case SEARCH -> i -> this::search;
            default -> throw new IllegalArgumentException(workload);
        };
    }

    private PopulationFile.Person anyone(java.util.concurrent.ThreadLocalRandom random) {
        return people.get(random.nextInt(people.size()));
    }

    private String get(java.util.concurrent.ThreadLocalRandom random) throws Exception {
        PopulationFile.Person p = anyone(random);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/citizens/" + p.idNumber() + "?purpose=" + purpose))
                .header("Authorization", official.get()).header("Accept", "application/json").timeout(REQUEST_TIMEOUT)
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
    }

    /**
     * The first three digits of the person's number decoded by a public endpoint: the official's
     * bearer token is still verified (the chain authenticates any header it gets: the JWT's signature
     * against the provider's key, no database lookup), then one primary-key lookup in a 63-row table,
     * JSON out, no access log.
     */
    private String floor(java.util.concurrent.ThreadLocalRandom random) throws Exception {
        PopulationFile.Person p = anyone(random);
        HttpRequest request = HttpRequest.newBuilder(URI.create(units + p.idNumber().substring(0, 3)))
                .header("Authorization", official.get()).header("Accept", "application/json").timeout(REQUEST_TIMEOUT)
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
    }

    private String verify(java.util.concurrent.ThreadLocalRandom random) throws Exception {
        PopulationFile.Person p = anyone(random);
        String body = "{\"idNumber\":\"" + p.idNumber() + "\",\"fullName\":\"" + json(p.fullName())
                + "\",\"birthDate\":\"" + p.birthDate() + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/verifications?purpose=" + purpose))
                .header("Authorization", verifier.get()).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        return response.body().contains("\"MATCH\"") ? null : "answer not MATCH";
    }

    /** 100 random people of the sample (drawn with replacement: a small sample has fewer) in one call. */
    private String batch(java.util.concurrent.ThreadLocalRandom random) throws Exception {
        StringBuilder body = new StringBuilder(BATCH_SIZE * 96).append('[');
        for (int i = 0; i < BATCH_SIZE; i++) {
            PopulationFile.Person p = anyone(random);
            body.append(i == 0 ? "" : ",").append("{\"idNumber\":\"").append(p.idNumber()).append("\",\"fullName\":\"")
                    .append(json(p.fullName())).append("\",\"birthDate\":\"").append(p.birthDate()).append("\"}");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/verifications/batch?purpose=" + purpose))
                .header("Authorization", verifier.get()).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        int matches = count(response.body(), MATCH);
        return matches == BATCH_SIZE ? null : matches + " of " + BATCH_SIZE + " MATCH";
    }

    private String search(java.util.concurrent.ThreadLocalRandom random) throws Exception {
        PopulationFile.Person p = anyone(random);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/citizens?name="
                        + URLEncoder.encode(p.nameKey(), StandardCharsets.UTF_8) + "&born=" + p.birthYear()
                        + "&purpose=" + purpose))
                .header("Authorization", official.get()).header("Accept", "application/json").timeout(REQUEST_TIMEOUT)
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        int found = count(response.body(), "\"idNumber\"");
        searches.increment();
        searchResults.add(found);
        return found > 0 ? null : "no result";
    }

    String searchNote() {
        long n = searches.sum();
        return n == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f people per answer on average (at most 50)",
                searchResults.sum() / (double) n);
    }

    /** One JDBC connection per client, autocommit, a prepared statement, every column read. */
    private LoadDriver.Client bare() {
        Connection connection = Database.connect(postgresPort);
        PreparedStatement statement;
        try {
            statement = connection.prepareStatement("select * from population.citizen where id = ?");
        } catch (SQLException e) {
            Database.closeQuietly(connection);
            throw new BenchmarkFailed("cannot prepare the bare lookup: " + e.getMessage(), e);
        }
        return new LoadDriver.Client() {
            @Override
            public String call(java.util.concurrent.ThreadLocalRandom random) throws Exception {
                statement.setLong(1, Long.parseLong(anyone(random).idNumber()));
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        return "no row";
                    }
                    int columns = rs.getMetaData().getColumnCount();
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    return null;
                }
            }

            @Override
            public void close() {
                Database.closeQuietly(statement);
                Database.closeQuietly(connection);
            }
        };
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    static String json(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
