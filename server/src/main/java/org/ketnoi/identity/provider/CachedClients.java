package org.ketnoi.identity.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The token endpoint reads the client on every grant; a client changes rarely, so it is kept for
 * a few seconds instead of read (and its JSON settings parsed) each time. Other nodes see a change
 * within that time.
 */
class CachedClients implements RegisteredClientRepository {

    private static final Duration KEEP = Duration.ofSeconds(10);

    private final RegisteredClientRepository store;
    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byClientId = new ConcurrentHashMap<>();

    private record Entry(RegisteredClient client, Instant until) {
    }

    CachedClients(RegisteredClientRepository store) {
        this.store = store;
    }

    @Override
    public void save(RegisteredClient client) {
        store.save(client);
        byId.clear();
        byClientId.clear();
    }

    @Override
    public RegisteredClient findById(String id) {
        return cached(byId, id, () -> store.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return cached(byClientId, clientId, () -> store.findByClientId(clientId));
    }

    void forget() {
        byId.clear();
        byClientId.clear();
    }

    private static RegisteredClient cached(ConcurrentHashMap<String, Entry> map, String key,
            java.util.function.Supplier<RegisteredClient> load) {
        Entry e = map.get(key);
        if (e != null && e.until().isAfter(Instant.now())) {
            return e.client();
        }
        RegisteredClient client = load.get();
        if (client != null) {
            map.put(key, new Entry(client, Instant.now().plus(KEEP)));
        } else {
            map.remove(key);
        }
        return client;
    }
}
