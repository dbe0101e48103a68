package org.ketnoi.identity.provider;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring's JDBC store, minus one read per grant: a grant finds its authorization by token, then saves
 * it, and the store's {@code save} reads the row again (with its JSON) only to choose between INSERT
 * and UPDATE. Within the same request, the authorization just found answers that question; every
 * other lookup by id still reads the database.
 */
class AuthorizationStore extends JdbcOAuth2AuthorizationService {

    private final ThreadLocal<OAuth2Authorization> justFound = new ThreadLocal<>();
    private final ThreadLocal<Boolean> saving = new ThreadLocal<>();

    AuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = super.findByToken(token, tokenType);
        justFound.set(found);
        return found;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        saving.set(Boolean.TRUE);
        try {
            super.save(authorization);
        } finally {
            saving.remove();
            justFound.remove();
        }
    }

    @Override
    public OAuth2Authorization findById(String id) {
        OAuth2Authorization found = justFound.get();
        if (Boolean.TRUE.equals(saving.get()) && found != null && found.getId().equals(id)) {
            return found;
        }
        return super.findById(id);
    }
}
