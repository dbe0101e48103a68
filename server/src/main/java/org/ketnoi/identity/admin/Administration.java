package org.ketnoi.identity.admin;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.provider.Clients;
import org.ketnoi.identity.provider.SigningKeys;
import org.ketnoi.identity.registration.PasswordResets;
import org.ketnoi.platform.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the administrators' pages do, on top of {@link Accounts} and {@link Clients}, which hold
 * the rules. It adds what spans them: the invitation sent in the same transaction as the account
 * it invites, the signing key's rotation, and an audit entry for every refused attempt (the
 * refused action's own transaction rolls back, taking any entry it wrote with it). Only with a
 * web server, like the provider whose clients and keys it manages.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Service
public class Administration {

    private final Accounts accounts;
    private final PasswordResets resets;
    private final Clients clients;
    private final SigningKeys keys;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    Administration(Accounts accounts, PasswordResets resets, Clients clients, SigningKeys keys, AuditTrail audit,
            TransactionTemplate tx) {
        this.accounts = accounts;
        this.resets = resets;
        this.clients = clients;
        this.keys = keys;
        this.audit = audit;
        this.tx = tx;
    }

    /** The signing keys: the one that signs, and every one a relying party may still meet. */
    public record Keys(String active, List<String> published) {
    }

    /** Whether the caller administers anything at all (the pages answer 403 otherwise). */
    public static boolean isAdministrator(Caller caller) {
        return caller != null && (caller.hasRole(Roles.AGENCY_ADMIN) || caller.hasRole(Roles.PLATFORM_ADMIN));
    }

    public List<Account> officials(AgencyId agency, Caller actor) {
        return refusalsAudited(actor, "account.list", "agency:" + agency, () -> accounts.officialsOf(agency, actor));
    }

    /** One official, for a page that changes them. */
    public Account official(UUID id, Caller actor) {
        Account a = accounts.byId(id).filter(Account::isOfficial).orElseThrow(() -> new NotFound("No such official"));
        refusalsAudited(actor, "account.view", "account:" + a.username(), () -> {
            accounts.requireAdministers(actor, a);
            return a;
        });
        return a;
    }

    /** Creates the official and sends the invitation to set a password: both or neither. */
    public Account appoint(Accounts.NewOfficial official, String baseUrl, Locale locale, Caller actor) {
        return refusalsAudited(actor, "account.create", "account:" + official.username(), () -> tx.execute(s -> {
            Account a = accounts.appoint(official, actor);
            resets.invite(a, baseUrl, locale);
            audit.record(new AuditTrail.Entry(actor.username(), agency(actor), "account.invite",
                    "account:" + a.username(), AuditTrail.Outcome.SUCCESS));
            return a;
        }));
    }

    public void disable(UUID id, Caller actor) {
        refusalsAudited(actor, "account.disable", object(id), () -> {
            accounts.disable(id, actor);
            return null;
        });
    }

    public void enable(UUID id, Caller actor) {
        refusalsAudited(actor, "account.enable", object(id), () -> {
            accounts.enable(id, actor);
            return null;
        });
    }

    public void changeRoles(UUID id, Set<String> roles, Caller actor) {
        refusalsAudited(actor, "account.roles", object(id), () -> {
            accounts.changeRoles(id, roles, actor);
            return null;
        });
    }

    public List<Clients.Summary> clients(Caller actor) {
        requireAdministrator(actor);
        return clients.visibleTo(actor);
    }

    public Clients.Summary client(String clientId, Caller actor) {
        requireAdministrator(actor);
        return clients.visibleTo(actor).stream().filter(c -> c.clientId().equals(clientId)).findFirst()
                .orElseThrow(() -> new NotFound("No client " + clientId + " you administer"));
    }

    public Clients.Registered registerSystem(String clientId, String name, AgencyId agency, Set<String> roles,
            Clients.Authentication method, String jwkSetUrl, Caller actor) {
        return refusalsAudited(actor, "client.register", "client:" + clientId,
                () -> clients.registerSystem(clientId, name, agency, roles, method, jwkSetUrl, actor));
    }

    public Clients.Registered registerRelyingParty(String clientId, String name, Collection<String> redirectUris,
            Collection<String> postLogoutRedirectUris, boolean publicClient, boolean personalId, Caller actor) {
        return refusalsAudited(actor, "client.register", "client:" + clientId,
                () -> clients.registerRelyingParty(clientId, name, redirectUris, postLogoutRedirectUris, publicClient,
                        personalId, actor));
    }

    public void removeClient(String clientId, Caller actor) {
        refusalsAudited(actor, "client.remove", "client:" + clientId, () -> {
            clients.remove(clientId, actor);
            return null;
        });
    }

    public Keys keys(Caller actor) {
        requirePlatformAdministrator(actor, "signing-key.view", "signing-key:active");
        return new Keys(keys.activeKeyId(), keys.publishedKeyIds());
    }

    /** A new key signs from now on; the old one stays published until the tokens it signed expire. */
    public String rotateSigningKey(Caller actor) {
        requirePlatformAdministrator(actor, "signing-key.rotate", "signing-key:active");
        String kid = keys.rotate();
        audit.record(new AuditTrail.Entry(actor.username(), agency(actor), "signing-key.rotate",
                "signing-key:" + kid, AuditTrail.Outcome.SUCCESS));
        return kid;
    }

    private void requirePlatformAdministrator(Caller actor, String action, String object) {
        refusalsAudited(actor, action, object, () -> {
            if (!actor.hasRole(Roles.PLATFORM_ADMIN)) {
                throw new AccessDeniedException("Only platform administrators see and rotate the signing keys");
            }
            return null;
        });
    }

    private static void requireAdministrator(Caller actor) {
        if (!isAdministrator(actor)) {
            throw new AccessDeniedException("Only administrators use the administration pages");
        }
    }

    /**
     * Runs an administrative action; when it is refused for want of rights, the attempt is recorded
     * in a transaction of its own (the action's rolled back) and the refusal goes on to the page.
     */
    private <T> T refusalsAudited(Caller actor, String action, String object, Supplier<T> work) {
        try {
            requireAdministrator(actor);
            return work.get();
        } catch (AccessDeniedException e) {
            audit.record(new AuditTrail.Entry(actor == null ? "anonymous" : actor.username(), agency(actor), action,
                    object, AuditTrail.Outcome.REFUSED));
            throw e;
        }
    }

    private String object(UUID id) {
        return "account:" + accounts.byId(id).map(Account::username).orElse(String.valueOf(id));
    }

    private static String agency(Caller actor) {
        return actor == null || actor.agencyId() == null ? "-" : actor.agencyId();
    }
}
