package org.ketnoi.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * Web sessions in PostgreSQL (Spring Session): they survive a restart, any node can serve them, and
 * a citizen's sessions can be listed and ended by their owner. Thirty minutes of inactivity end one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
// The repository's own clean-up timer starts as soon as the bean exists, which can be before
// Flyway has created the table (a start at a minute's turn logged an error): ours starts with
// the other scheduled tasks, once the context is refreshed.
@EnableJdbcHttpSession(tableName = "identity.http_session", maxInactiveIntervalInSeconds = 1800,
        cleanupCron = Scheduled.CRON_DISABLED)
class SessionConfiguration {

    private final JdbcIndexedSessionRepository sessions;

    SessionConfiguration(JdbcIndexedSessionRepository sessions) {
        this.sessions = sessions;
    }

    @Scheduled(cron = "0 * * * * *")
    void removeExpiredSessions() {
        sessions.cleanUpExpiredSessions();
    }

    /**
     * Every request touches its session, and the repository writes the new access time each time: a
     * row update, its index entries and a durable commit per page view. The row is written only when
     * something other than the access time changed, or when the stored time is more than a minute old;
     * an idle session can therefore end up to a minute before its thirty minutes are out. (Static: the
     * repository reads its customizers while it is made, and this class needs the repository.)
     */
    @Bean
    static SessionRepositoryCustomizer<JdbcIndexedSessionRepository> accessTimeWrittenOncePerMinute() {
        return repository -> repository.setUpdateSessionQuery(THROTTLED_UPDATE);
    }

    static final long ACCESS_TIME_GRANULARITY_MILLIS = 60_000;

    // The parameters are bound in the repository's order (id, access time, inactive interval, expiry,
    // principal, primary key); the VALUES row names them so that the WHERE clause can compare.
    static final String THROTTLED_UPDATE = """
            WITH v(session_id, last_access_time, max_inactive_interval, expiry_time, principal_name, primary_id)
                AS (VALUES (?, ?, ?, ?, ?, ?))
            UPDATE %TABLE_NAME% s
            SET session_id = v.session_id, last_access_time = v.last_access_time,
                max_inactive_interval = v.max_inactive_interval, expiry_time = v.expiry_time,
                principal_name = v.principal_name
            FROM v
            WHERE s.primary_id = v.primary_id
              AND (s.last_access_time < v.last_access_time - %d
                   OR s.session_id <> v.session_id
                   OR s.max_inactive_interval <> v.max_inactive_interval
                   OR s.principal_name IS DISTINCT FROM v.principal_name)
            """.replace("%d", Long.toString(ACCESS_TIME_GRANULARITY_MILLIS));

    /** The provider marks ID tokens with the session ({@code sid}) and ends it on RP-initiated logout. */
    @Bean
    <S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
        return new SpringSessionBackedSessionRegistry<>(sessions);
    }
}
