package org.ketnoi.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's own settings. Operators set them through KETNOI_* environment variables
 * (see application.yml); tests set them as properties.
 *
 * @param dataDir where the embedded database, logs and files live
 * @param db an external PostgreSQL; when its URL is blank the embedded one is used
 * @param embeddedFsync whether the embedded PostgreSQL flushes to disk (off only in tests)
 */
@ConfigurationProperties("ketnoi")
public record KetnoiProperties(Path dataDir, Db db, boolean embeddedFsync) {

    public KetnoiProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null) : db;
    }

    public boolean usesEmbeddedDatabase() {
        return db.url() == null || db.url().isBlank();
    }

    public record Db(String url, String user, String password) {
    }
}
