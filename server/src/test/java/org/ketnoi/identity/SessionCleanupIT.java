package org.ketnoi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** Expired web sessions leave the table on our own timer (the repository's is off; see SessionConfiguration). */
@KetnoiIntegrationTest
class SessionCleanupIT {

    @Autowired
    JdbcIndexedSessionRepository sessions;
    @Autowired
    SessionConfiguration configuration;
    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredSessionsAreRemovedAndLiveOnesKept() {
        Session expired = store().createSession();
        expired.setAttribute("probe", "expired");
        store().save(expired);
        Session live = store().createSession();
        live.setAttribute("probe", "live");
        store().save(live);
        jdbc.sql("update identity.http_session set expiry_time = 1 where session_id = ?")
                .param(expired.getId()).update();

        configuration.removeExpiredSessions();

        assertThat(count(expired.getId())).isZero();
        assertThat(count(live.getId())).isEqualTo(1);
        assertThat(sessions.findById(live.getId())).isNotNull();
    }

    // The repository's session class is not public: go through the interface.
    @SuppressWarnings("unchecked")
    private SessionRepository<Session> store() {
        return (SessionRepository<Session>) (SessionRepository<?>) sessions;
    }

    private long count(String sessionId) {
        return jdbc.sql("select count(*) from identity.http_session where session_id = ?")
                .param(sessionId).query(Long.class).single();
    }
}
