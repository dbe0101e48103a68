package org.ketnoi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's wrk (C, epoll, one thread) as the load of the token endpoint: it costs a few per cent of a
 * core where a JVM client would take a fair share of the 2 cores from the server, and it is what
 * Keycloak's figures (performance anchors §9) were measured with. A Lua script sends the grants;
 * its {@code done} prints one line the benchmark reads:
 * <pre>
 * KETNOI-WRK requests=11234 duration_us=20003456 bytes=... connect=0 read=0 write=0 status=0 timeout=0 bad=0
 *     p50_us=11000 p90_us=... p99_us=35000 max_us=... mean_us=...
 * </pre>
 * {@code status} counts answers of 400 and above (wrk's own count); {@code bad} those the script found
 * without a new token.
 */
final class Wrk {

    static final Path BINARY = Path.of("/usr/bin/wrk");
    static final String MARK = "KETNOI-WRK";

    /**
     * One wrk run.
     *
     * @param requests answers received (wrk's count; errors included)
     * @param durationMicros wrk's own measured duration
     * @param socketErrors connect, read, write and timeout errors
     * @param statusErrors answers with a status of 400 and above
     * @param bad answers the script judged wrong (no new refresh token); 0 when it does not judge
     * @param firstError the status and start of the body of the first answer the script judged wrong, or ""
     * @param stalled connections that had no answer at all in the whole window (wrk counts none of them: its own
     *     timeout is only checked against answers that come)
     */
    record Result(long requests, long durationMicros, long bytes, long socketErrors, long statusErrors, long bad,
            long timeouts, double p50Micros, double p90Micros, double p99Micros, double maxMicros, double meanMicros,
            String firstError, long stalled) {

        long errors() {
            return socketErrors + Math.max(statusErrors, bad) + stalled;
        }

        /** With no answer at all in the window, every connection was left waiting through it. */
        Result stalledIfSilent(int connections) {
            return requests > 0 ? this : new Result(requests, durationMicros, bytes, socketErrors, statusErrors, bad,
                    timeouts, p50Micros, p90Micros, p99Micros, maxMicros, meanMicros, firstError, connections);
        }

        long good() {
            return Math.max(0, requests - Math.max(statusErrors, bad));
        }

        double rate() {
            return durationMicros <= 0 ? Double.NaN : good() / (durationMicros / 1e6);
        }

        double p50Millis() {
            return p50Micros / 1000;
        }

        double p99Millis() {
            return p99Micros / 1000;
        }
    }

    private Wrk() {
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    static String version() {
        String out = Commands.output(List.of(BINARY.toString(), "-v"), Path.of("/"));
        // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer" then the usage; wrk -v exits 1.
        if (out == null) {
            try {
                Process p = new ProcessBuilder(BINARY.toString(), "-v").redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                return "wrk (version unknown)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "wrk (version unknown)";
            }
        }
        String first = out.lines().findFirst().orElse("wrk").trim();
        int copyright = first.indexOf(" Copyright");
        return copyright > 0 ? first.substring(0, copyright) : first;
    }

    /** The client_credentials grant: the same form with the same credentials on every request. */
    static String clientCredentialsScript(String basicAuthorization, String scope) {
        return """
                wrk.method = "POST"
                wrk.body = "grant_type=client_credentials&scope=%s"
                wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
                wrk.headers["Authorization"] = "%s"
                %s""".formatted(scope, basicAuthorization, DONE);
    }

    /**
     * The refresh_token grant with rotation: the script starts with one refresh token per connection
     * (a file, one a line, given after {@code --}), sends each exactly once, and puts the new one
     * each answer brings back in the pool. A connection that sends its next request takes any
     * token of the pool, so every chain moves on and no token is presented twice (which would
     * revoke its authorization). wrk asks the script for one request before it connects, only to
     * check it; that one must not take a token (which is why wrk runs with one thread here).
     */
    static String refreshScript(String basicAuthorization) {
        return """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
                wrk.headers["Authorization"] = "%s"
                local pool = {}
                bad = 0
                first_error = ""

                init = function(args)
                  for line in io.lines(args[1]) do
                    if #line > 0 then table.insert(pool, line) end
                  end
                end
                -- wrk calls request() once before any connection, to check the request (script_verify_request, on
                -- thread 1's state: this benchmark runs one thread); that first call must not take a token from the pool.
                local verified = false
                request = function()
                  if not verified then
                    verified = true
                    return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=not-sent")
                  end
                  local token = table.remove(pool)
                  if token == nil then token = "none-left" end
                  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
                end
                response = function(status, headers, body)
                  local token = nil
                  if status == 200 then token = string.match(body, '"refresh_token":"([^"]+)"') end
                  if token then
                    table.insert(pool, token)
                  else
                    bad = bad + 1
                    if first_error == "" then first_error = status .. " " .. string.sub(body, 1, 300) end
                  end
                end
                %s""".formatted(basicAuthorization, DONE);
    }

    /**
     * GETs of the paths given, each connection's requests taking them in turn from a shared counter, with
     * the headers given on every request. An answer counts as bad unless it is 200 and, when
     * {@code forbidden} is not null, its body does not contain that text (a page can answer 200 with an
     * error message in it).
     */
    static String getScript(List<String> paths, java.util.Map<String, String> headers, String forbidden) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no paths");
        }
        StringBuilder s = new StringBuilder("wrk.method = \"GET\"\n");
        headers.forEach((name, value) -> s.append("wrk.headers[").append(lua(name)).append("] = ").append(lua(value))
                .append('\n'));
        s.append("local paths = {");
        for (int i = 0; i < paths.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(lua(paths.get(i)));
        }
        s.append("}\n");
        s.append("local forbidden = ").append(forbidden == null ? "nil" : lua(forbidden)).append('\n');
        s.append("""
                local n = 0
                bad = 0
                first_error = ""
                request = function()
                  n = n + 1
                  return wrk.format(nil, paths[(n %% #paths) + 1])
                end
                response = function(status, headers, body)
                  if status ~= 200 or (forbidden ~= nil and body ~= nil and string.find(body, forbidden, 1, true)) then
                    bad = bad + 1
                    if first_error == "" then first_error = status .. " " .. string.sub(body or "", 1, 300) end
                  end
                end
                %s""".formatted(DONE));
        return s.toString();
    }

    /** A Lua string literal. */
    static String lua(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Collects each thread's {@code bad} and prints the one line. */
    private static final String DONE = """
            local threads = {}
            setup = function(thread) table.insert(threads, thread) end
            done = function(summary, latency, requests)
              local bad = 0
              local first = ""
              for _, t in ipairs(threads) do
                bad = bad + (tonumber(t:get("bad")) or 0)
                if first == "" then first = t:get("first_error") or "" end
              end
              local e = summary.errors
              io.write(string.format("%s requests=%%d duration_us=%%d bytes=%%d connect=%%d read=%%d write=%%d status=%%d timeout=%%d bad=%%d p50_us=%%d p90_us=%%d p99_us=%%d max_us=%%d mean_us=%%.1f\\n",
                summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout, bad,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
              io.write("%s-FIRST-ERROR " .. string.gsub(first, "%%c", " ") .. "\\n")
            end
            """.formatted(MARK, MARK);

    static List<String> command(int connections, Duration duration, Path script, String url, List<String> scriptArgs) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-t1", "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "-s", script.toString(), url));
        if (!scriptArgs.isEmpty()) {
            command.add("--");
            command.addAll(scriptArgs);
        }
        return command;
    }

    /** Runs wrk to the end and reads its line; its whole output goes to {@code log}. */
    static Result run(List<String> command, Path log, Duration duration) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new BenchmarkFailed("wrk did not finish; see " + log);
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BenchmarkFailed("wrk failed with code " + process.exitValue() + ": " + String.join(" | ",
                        lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            return parse(lines);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot run wrk: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    static Result parse(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith(MARK + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new BenchmarkFailed("wrk printed no " + MARK + " line: " + String.join(" | ",
                        lines.subList(Math.max(0, lines.size() - 5), lines.size()))));
        java.util.Map<String, String> f = new java.util.HashMap<>();
        for (String field : line.substring(MARK.length()).trim().split("\\s+")) {
            String[] kv = field.split("=", 2);
            if (kv.length == 2) {
                f.put(kv[0], kv[1]);
            }
        }
        long timeouts = number(f, "timeout");
        String firstError = lines.stream().filter(l -> l.startsWith(MARK + "-FIRST-ERROR")).reduce((a, b) -> b)
                .map(l -> l.substring((MARK + "-FIRST-ERROR").length()).trim()).orElse("");
        return new Result(number(f, "requests"), number(f, "duration_us"), number(f, "bytes"),
                number(f, "connect") + number(f, "read") + number(f, "write") + timeouts, number(f, "status"),
                number(f, "bad"), timeouts, decimal(f, "p50_us"), decimal(f, "p90_us"), decimal(f, "p99_us"),
                decimal(f, "max_us"), decimal(f, "mean_us"), firstError, 0);
    }

    private static long number(java.util.Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null) {
            throw new BenchmarkFailed("wrk's result has no " + name);
        }
        return Math.round(Double.parseDouble(v));
    }

    private static double decimal(java.util.Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null) {
            throw new BenchmarkFailed("wrk's result has no " + name);
        }
        return Double.parseDouble(v);
    }
}
