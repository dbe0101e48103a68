package org.ketnoi.population;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Writes the access log of read paths in groups (a group commit): the rows of every read that
 * arrives while one group is being written go together in the next statement and commit. A read
 * is answered only after its rows are committed, so no answered read is missing from the log,
 * while the database does one round trip per group instead of several per read.
 *
 * <p>The writer keeps one connection of its own: readers inside a transaction hold pooled
 * connections while they wait, and a writer borrowing from the same pool could wait for them
 * forever.
 */
@Component
class AccessLogWriter implements DisposableBean {

    /** Reads gathered in one group; a batch verification brings up to 1,000 rows on its own. */
    static final int MAX_GROUP = 256;
    static final long WAIT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final String INSERT = """
            insert into population.access_log(at, citizen_id, actor, agency, purpose, channel, fields)
            select timestamptz 'epoch' + t.micros * interval '1 microsecond', t.citizen_id, t.actor, t.agency,
                   t.purpose, t.channel, string_to_array(t.fields, ',')
            from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as t(micros, citizen_id, actor, agency, purpose, channel, fields)""";

    /** One read: the people it returned and what it showed of them. */
    record Read(Instant at, List<Long> citizens, String actor, String agency, String purpose, String channel,
            List<String> fields) {
    }

    private record Pending(Read read, CompletableFuture<Void> written) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;

    AccessLogWriter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = Thread.ofPlatform().name("access-log-writer").daemon().start(this::run);
    }

    /** Returns once the read's rows are committed; throws if they could not be. */
    void write(Read read) {
        if (!running) {
            throw new IllegalStateException("The registry is shutting down; the read was not logged, so not answered");
        }
        Pending pending = new Pending(read, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.written().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the access log was written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The access log could not be written, so the data is not shown: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The access log was not written within " + WAIT_SECONDS
                    + " s, so the data is not shown", e);
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                try {
                    insert(group);
                    group.forEach(p -> p.written().complete(null));
                } catch (SQLException | RuntimeException e) {
                    log.warn("Access log group of {} reads not written: {}", group.size(), e.toString());
                    group.forEach(p -> p.written().completeExceptionally(e));
                    dropConnection();
                }
                group.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        queue.forEach(p -> p.written().completeExceptionally(new IllegalStateException("shutting down")));
        dropConnection();
    }

    private void insert(List<Pending> group) throws SQLException {
        int rows = group.stream().mapToInt(p -> p.read().citizens().size()).sum();
        Long[] micros = new Long[rows];
        Long[] citizens = new Long[rows];
        String[] actors = new String[rows];
        String[] agencies = new String[rows];
        String[] purposes = new String[rows];
        String[] channels = new String[rows];
        String[] fields = new String[rows];
        int i = 0;
        for (Pending p : group) {
            Read r = p.read();
            long at = ChronoUnit.MICROS.between(Instant.EPOCH, r.at());
            String shown = String.join(",", r.fields());
            for (Long citizen : r.citizens()) {
                micros[i] = at;
                citizens[i] = citizen;
                actors[i] = r.actor();
                agencies[i] = r.agency();
                purposes[i] = r.purpose();
                channels[i] = r.channel();
                fields[i] = shown;
                i++;
            }
        }
        Connection c = connection();
        try (PreparedStatement local = c.prepareStatement("set local synchronous_commit to off");
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            // Reads only: nobody waits on these rows being on disk rather than in PostgreSQL's WAL
            // buffer (flushed within a fraction of a second, and never half).
            local.execute();
            Array[] arrays = {c.createArrayOf("bigint", micros), c.createArrayOf("bigint", citizens),
                    c.createArrayOf("text", actors), c.createArrayOf("text", agencies),
                    c.createArrayOf("text", purposes), c.createArrayOf("text", channels),
                    c.createArrayOf("text", fields)};
            for (int a = 0; a < arrays.length; a++) {
                insert.setArray(a + 1, arrays[a]);
            }
            insert.executeUpdate();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is dropped below anyway
            }
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            connection = c;
        }
        return connection;
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection: the pool discards it
            }
            connection = null;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
}
