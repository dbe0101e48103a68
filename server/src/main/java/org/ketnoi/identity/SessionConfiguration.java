package org.ketnoi.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
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

    /** What the filter and the rest of the platform use: the repository, without a write per page view. */
    @Bean
    @Primary
    static ThrottledSessions throttledSessions(JdbcIndexedSessionRepository store) {
        return new ThrottledSessions(store);
    }

    /** The provider marks ID tokens with the session ({@code sid}) and ends it on RP-initiated logout. */
    @Bean
    <S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
        return new SpringSessionBackedSessionRegistry<>(sessions);
    }
}
