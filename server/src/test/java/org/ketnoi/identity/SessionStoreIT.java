package org.ketnoi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The web session table as SessionConfiguration sets it up: expired sessions leave it on our own timer
 * (the repository's is off), and through the sessions the platform uses, a mere access rewrites a row
 * at most once a minute.
 */
@KetnoiIntegrationTest
class SessionStoreIT {

    @Autowired
    JdbcIndexedSessionRepository sessions;
    @Autowired
    SessionConfiguration configuration;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FindByIndexNameSessionRepository<? extends Session> used;

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

    @Test
    void thePlatformUsesTheThrottledSessions() {
        assertThat(used).isInstanceOf(ThrottledSessions.class);
    }

    @Test
    void anAccessWithinTheMinuteLeavesTheRowAndALaterOneExtendsIt() {
        String id = newSession();
        long stored = lastAccess(id);

        Session again = throttled().findById(id);
        again.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(50));
        throttled().save(again);
        assertThat(lastAccess(id)).isEqualTo(stored);

        Session later = throttled().findById(id);
        Instant twoMinutesOn = Instant.ofEpochMilli(stored).plus(Duration.ofMinutes(2));
        later.setLastAccessedTime(twoMinutesOn);
        throttled().save(later);
        assertThat(lastAccess(id)).isEqualTo(twoMinutesOn.toEpochMilli());
        assertThat(jdbc.sql("select expiry_time from identity.http_session where session_id = ?")
                .param(id).query(Long.class).single())
                .isEqualTo(twoMinutesOn.plusSeconds(1800).toEpochMilli());
    }

    @Test
    void aSignInOrANewIdIsWrittenAtOnceEvenWithinTheMinute() {
        String id = newSession();
        long stored = lastAccess(id);

        Session signedIn = throttled().findById(id);
        signedIn.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(5));
        signedIn.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "079204000123");
        String oldId = signedIn.getId();
        String newId = signedIn.changeSessionId();
        throttled().save(signedIn);

        assertThat(throttled().findById(oldId)).isNull();
        assertThat(jdbc.sql("select principal_name from identity.http_session where session_id = ?")
                .param(newId).query(String.class).single()).isEqualTo("079204000123");
        assertThat(lastAccess(newId)).isEqualTo(stored + 5_000);
    }

    @Test
    void anAttributeSetWithinTheMinuteIsKept() {
        String id = newSession();
        Session again = throttled().findById(id);
        again.setAttribute("probe", "kept");
        throttled().save(again);
        assertThat(throttled().findById(id).<String>getAttribute("probe")).isEqualTo("kept");
    }

    /** A session stored through the platform's repository; its id. */
    private String newSession() {
        Session created = throttled().createSession();
        throttled().save(created);
        return created.getId();
    }

    @SuppressWarnings("unchecked")
    private SessionRepository<Session> throttled() {
        return (SessionRepository<Session>) (SessionRepository<?>) used;
    }

    private long lastAccess(String sessionId) {
        return jdbc.sql("select last_access_time from identity.http_session where session_id = ?")
                .param(sessionId).query(Long.class).single();
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
