package org.ketnoi.dossier;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ketnoi.dossier.files.AttachmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Uploads no dossier and no draft took within the retention time (30 days unless configured) are
 * forgotten, and their files removed once nothing else refers to the content: another applicant's
 * upload, a dossier's attachment or a result. A file stored again in the last day stays (see
 * {@link AttachmentStore#removeUnusedFile}).
 */
@Component
class UnusedUploads {

    private static final Logger log = LoggerFactory.getLogger(UnusedUploads.class);
    static final Duration RECENTLY_STORED = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final AttachmentStore files;
    private final Duration retention;

    UnusedUploads(JdbcClient jdbc, AttachmentStore files,
            @Value("${ketnoi.dossier.upload-retention:P30D}") Duration retention) {
        if (retention.compareTo(RECENTLY_STORED) < 0) {
            throw new IllegalArgumentException("ketnoi.dossier.upload-retention must be at least a day, not "
                    + retention);
        }
        this.jdbc = jdbc;
        this.files = files;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "${ketnoi.dossier.upload-cleanup-interval:PT6H}")
    void cleanUp() {
        Instant now = Instant.now();
        Result r = remove(now.minus(retention), now.minus(RECENTLY_STORED));
        if (r.uploads() > 0) {
            log.info("Unused uploads: {} forgotten, {} files removed", r.uploads(), r.files());
        }
    }

    record Result(int uploads, int files) {
    }

    /** Forgets the unused uploads made before {@code uploadedBefore}; removes files untouched since {@code storedBefore}. */
    Result remove(Instant uploadedBefore, Instant storedBefore) {
        // each row's own statement commits before its file goes: a crash leaves a file, never a row without one
        List<String> forgotten = jdbc.sql("""
                        delete from dossier.upload u
                        where u.uploaded_at < ?
                          and not exists (select 1 from dossier.attachment a where a.sha256 = u.sha256)
                          and not exists (select 1 from dossier.draft d
                                          where d.account = u.account and strpos(d.attachments::text, u.sha256) > 0)
                        returning u.sha256""")
                .param(Timestamp.from(uploadedBefore)).query(String.class).list();
        int removed = 0;
        for (String sha256 : forgotten.stream().distinct().toList()) {
            boolean used = jdbc.sql("""
                            select exists (select 1 from dossier.upload where sha256 = ?)
                                or exists (select 1 from dossier.attachment where sha256 = ?)
                                or exists (select 1 from dossier.dossier where result_sha256 = ?)""")
                    .params(sha256, sha256, sha256).query(Boolean.class).single();
            if (!used && files.removeUnusedFile(sha256, storedBefore)) {
                removed++;
            }
        }
        return new Result(forgotten.size(), removed);
    }
}
