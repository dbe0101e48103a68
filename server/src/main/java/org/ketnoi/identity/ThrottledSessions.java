package org.ketnoi.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The web sessions as the rest of the platform uses them: PostgreSQL's, except that a request which
 * only uses its session does not write it back unless the stored access time is a minute old. Every
 * page view would otherwise be a transaction with a row update and a durable commit. An idle session
 * can therefore end up to a minute before its thirty minutes are out; anything else (a sign-in, a new
 * id, an attribute) is written at once.
 */
final class ThrottledSessions implements FindByIndexNameSessionRepository<ThrottledSessions.Held> {

    static final Duration ACCESS_WRITTEN_EVERY = Duration.ofMinutes(1);

    private final FindByIndexNameSessionRepository<Session> store;

    @SuppressWarnings("unchecked")
    ThrottledSessions(JdbcIndexedSessionRepository store) {
        // the repository's session class is not public: speak to it through the interface
        this.store = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) store;
    }

    @Override
    public Held createSession() {
        return new Held(store.createSession(), null);
    }

    @Override
    public void save(Held held) {
        if (held.storedAccess != null && !held.changed
                && held.getLastAccessedTime().isBefore(held.storedAccess.plus(ACCESS_WRITTEN_EVERY))) {
            return;
        }
        store.save(held.session);
    }

    @Override
    public Held findById(String id) {
        Session found = store.findById(id);
        return found == null ? null : new Held(found, found.getLastAccessedTime());
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, Held> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, Held> held = new LinkedHashMap<>();
        store.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, s) -> held.put(id, new Held(s, s.getLastAccessedTime())));
        return held;
    }

    /** A stored session, and whether anything but its access time changed since it was read. */
    static final class Held implements Session {

        private final Session session;
        private final Instant storedAccess;
        private boolean changed;

        private Held(Session session, Instant storedAccess) {
            this.session = session;
            this.storedAccess = storedAccess;
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return session.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return session.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            session.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            session.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            session.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return session.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            session.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return session.isExpired();
        }
    }
}
