package org.ketnoi.identity.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients, kept in memory. Two reasons:
 * <ul>
 * <li>the token endpoint reads the client on every grant, and a client changes rarely;</li>
 * <li>Spring's JDBC authorization store looks the client up <em>while mapping a row</em>, that is
 * while holding a pooled connection: a lookup that needs a second connection deadlocks the pool
 * under load (measured: every connection held, every request waiting). So a known client is always
 * answered from memory; one older than a few seconds is re-read in the background (another node may
 * have changed it), never by the caller.</li>
 * </ul>
 * Loading a client by id or by client id fills both, so the first grant of a client (which looks it
 * up by client id, outside any row) prepares the lookups by id that follow.
 */
class CachedClients implements RegisteredClientRepository {

    private static final Duration FRESH = Duration.ofSeconds(10);

    private final RegisteredClientRepository store;
    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byClientId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> refreshing = new ConcurrentHashMap<>();

    private record Entry(RegisteredClient client, Instant loaded) {
    }

    CachedClients(RegisteredClientRepository store) {
        this.store = store;
    }

    @Override
    public void save(RegisteredClient client) {
        store.save(client);
        remember(client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return cached(byId, "id:" + id, id, () -> store.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return cached(byClientId, "client:" + clientId, clientId, () -> store.findByClientId(clientId));
    }

    /** Forgets a removed client at once on this node (other nodes within {@link #FRESH}). */
    void forget(RegisteredClient client) {
        byId.remove(client.getId());
        byClientId.remove(client.getClientId());
    }

    private RegisteredClient cached(ConcurrentHashMap<String, Entry> map, String task, String key,
            Supplier<RegisteredClient> load) {
        Entry e = map.get(key);
        if (e == null) {
            RegisteredClient client = load.get();
            if (client != null) {
                remember(client);
            }
            return client;
        }
        if (e.loaded().plus(FRESH).isBefore(Instant.now()) && refreshing.putIfAbsent(task, Boolean.TRUE) == null) {
            Thread.ofVirtual().name("client-refresh").start(() -> {
                try {
                    RegisteredClient fresh = load.get();
                    if (fresh != null) {
                        remember(fresh);
                    } else {
                        forget(e.client());
                    }
                } finally {
                    refreshing.remove(task);
                }
            });
        }
        return e.client();
    }

    private void remember(RegisteredClient client) {
        Entry entry = new Entry(client, Instant.now());
        byId.put(client.getId(), entry);
        byClientId.put(client.getClientId(), entry);
    }
}
