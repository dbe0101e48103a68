package org.ketnoi.population.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ketnoi.identity.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rows of population.import_job and import_rejection: what was imported, by whom, with what outcome. */
@Component
class ImportJobs {

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(Caller caller, String fileName, Format format, boolean strict) {
        return jdbc.sql("""
                        insert into population.import_job(actor, agency, file_name, format, strict, status)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(caller.username(), caller.agencyId(), fileName, format.name(), strict,
                        ImportReport.Status.RUNNING.name())
                .query(Long.class).single();
    }

    void finish(long job, ImportReport.Status status, long accepted, Rejections rejections) {
        jdbc.sql("""
                        update population.import_job set status = ?, accepted = ?, rejected = ?, finished_at = now()
                        where id = ?""")
                .params(status.name(), accepted, rejections.count(), job)
                .update();
        List<ImportReport.Rejection> kept = rejections.kept();
        if (kept.isEmpty()) {
            return;
        }
        // arguments go as one text of unit-separated values: unnest cannot take an array of arrays
        jdbc.sql("""
                        insert into population.import_rejection(job_id, line, field, reason, code, arguments)
                        select ?, t.line, t.field, t.reason, t.code, string_to_array(t.arguments, chr(31))
                        from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                             as t(line, field, reason, code, arguments)""")
                .params(job, kept.stream().map(ImportReport.Rejection::line).toArray(Long[]::new),
                        kept.stream().map(ImportReport.Rejection::field).toArray(String[]::new),
                        kept.stream().map(ImportReport.Rejection::reason).toArray(String[]::new),
                        kept.stream().map(ImportReport.Rejection::code).toArray(String[]::new),
                        kept.stream().map(r -> String.join("\u001f", r.arguments())).toArray(String[]::new))
                .update();
    }

    /**
     * Every rejected row is counted; the first {@value #KEPT} are kept for the job's record, so a
     * file of millions of bad rows cannot fill memory. The import's COPY thread adds to it too.
     */
    static final class Rejections {

        static final int KEPT = 10_000;

        private final List<ImportReport.Rejection> kept = new ArrayList<>();
        private long count;

        synchronized void add(ImportReport.Rejection r) {
            count++;
            if (kept.size() < KEPT) {
                kept.add(new ImportReport.Rejection(r.line(), printable(r.field()), printable(r.reason()), r.code(),
                        r.arguments().stream().map(Rejections::printable).toList()));
            }
        }

        void add(long line, String field, String code, String reason, Object... arguments) {
            add(ImportReport.Rejection.of(line, field, code, reason, arguments));
        }

        /** Reasons quote the file's values, which may hold what text columns cannot store (NUL). */
        private static String printable(String s) {
            if (s == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(Math.min(s.length(), 500));
            for (int i = 0; i < s.length() && out.length() < 500; i++) {
                char c = s.charAt(i);
                boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1)));
                if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                    lone = false;
                }
                out.append(Character.isISOControl(c) || lone ? '\uFFFD' : c);
            }
            if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            return out.toString();
        }

        synchronized long count() {
            return count;
        }

        /** The kept rejections in the order of the file. */
        synchronized List<ImportReport.Rejection> kept() {
            return kept.stream().sorted(Comparator.comparingLong(ImportReport.Rejection::line)).toList();
        }
    }
}
