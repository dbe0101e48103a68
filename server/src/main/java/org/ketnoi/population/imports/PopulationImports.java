package org.ketnoi.population.imports;

import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.PopulationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of citizens' records from CSV or NDJSON files of any size. The job is recorded
 * first, in its own transaction, so a stopped import is still visible; the data goes in one
 * transaction that applies all valid rows, or none (strict mode with any rejection, or a file that
 * cannot be read), so a crash at any instant leaves nothing partial.
 */
@Service
public class PopulationImports {

    private static final Logger LOG = LoggerFactory.getLogger(PopulationImports.class);

    private final PopulationRegistry registry;
    private final ImportJobs jobs;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final JdbcTemplate cursor;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;

    PopulationImports(PopulationRegistry registry, ImportJobs jobs, AuditTrail audit, JdbcClient jdbc,
            DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.registry = registry;
        this.jobs = jobs;
        this.audit = audit;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.cursor = new JdbcTemplate(dataSource);
        // A cursor: result sets of millions of rows come a thousand at a time.
        this.cursor.setFetchSize(1000);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Imports a file of citizens of the caller's area.
     *
     * @param strict when true, one rejected row means no row is applied
     * @throws ImportFileRefused when the file as a whole cannot be read (nothing is applied)
     */
    public ImportReport importFile(InputStream in, Format format, boolean strict, String fileName, Caller caller) {
        if (!caller.hasRole(Roles.REGISTRY_IMPORTER)) {
            throw new AccessDeniedException("Importing population data needs the role " + Roles.REGISTRY_IMPORTER);
        }
        String name = checkFileName(fileName);
        long started = System.nanoTime();
        long job = transactions.execute(status -> jobs.start(caller, name, format, strict));
        ImportJobs.Rejections rejections = new ImportJobs.Rejections();
        Outcome outcome;
        try {
            outcome = transactions.execute(status -> load(job, in, format, strict, name, caller, rejections, status));
        } catch (ImportFileRefused e) {
            rejections.add(ImportReport.Rejection.of(e.line(), e));
            close(job, ImportReport.Status.FAILED, rejections, caller, AuditTrail.Outcome.REFUSED, e);
            throw e;
        } catch (RuntimeException e) {
            close(job, ImportReport.Status.FAILED, rejections, caller, AuditTrail.Outcome.FAILURE, e);
            throw e;
        }
        if (outcome.status() != ImportReport.Status.ACCEPTED) {
            close(job, outcome.status(), rejections, caller, AuditTrail.Outcome.REFUSED, null);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Import job {} of {} by {}: {}, {} rows read, {} accepted, {} rejected in {} s", job, name,
                caller.username(), outcome.status(), outcome.read(), outcome.accepted(), rejections.count(),
                took.toMillis() / 1000.0);
        List<ImportReport.Rejection> kept = rejections.kept();
        return new ImportReport(job, outcome.status(), outcome.accepted(), rejections.count(),
                kept.subList(0, Math.min(kept.size(), ImportReport.LISTED)), took);
    }

    /** Loads the file inside the data transaction; commits only an accepted import, with its job row and audit. */
    private Outcome load(long job, InputStream in, Format format, boolean strict, String name, Caller caller,
            ImportJobs.Rejections rejections, TransactionStatus status) {
        CitizenReader reader = CitizenReader.open(format, in);
        try (ImportLoad load = start(job, name, caller, rejections)) {
            for (CitizenReader.Row row = reader.next(); row != null; row = reader.next()) {
                load.accept(row);
            }
            long accepted = load.finish(!strict);
            if (rejections.count() > 0 && (strict || accepted == 0)) {
                status.setRollbackOnly();
                return new Outcome(ImportReport.Status.REJECTED, load.read(), 0);
            }
            jobs.finish(job, ImportReport.Status.ACCEPTED, accepted, rejections);
            audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(), "population.import",
                    "import:" + job, AuditTrail.Outcome.SUCCESS));
            return new Outcome(ImportReport.Status.ACCEPTED, load.read(), accepted);
        }
    }

    private ImportLoad start(long job, String name, Caller caller, ImportJobs.Rejections rejections) {
        try {
            return new ImportLoad(job, caller, "import job " + job + ": " + name, registry, jdbc, cursor,
                    DataSourceUtils.getConnection(dataSource), rejections);
        } catch (SQLException e) {
            throw new IllegalStateException("Import job " + job + " could not start COPY: " + e.getMessage(), e);
        }
    }

    /** Records how a job ended when no data was applied, in a transaction of its own. */
    private void close(long job, ImportReport.Status status, ImportJobs.Rejections rejections, Caller caller,
            AuditTrail.Outcome outcome, RuntimeException cause) {
        try {
            transactions.executeWithoutResult(s -> {
                jobs.finish(job, status, 0, rejections);
                audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(), "population.import",
                        "import:" + job, outcome));
            });
        } catch (RuntimeException e) {
            if (cause == null) {
                throw e;
            }
            cause.addSuppressed(e);
        }
    }

    private static String checkFileName(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        if (name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("fileName", "A file name has at most 255 characters and no control characters",
                    null);
        }
        return name;
    }

    private record Outcome(ImportReport.Status status, long read, long accepted) {
    }
}
