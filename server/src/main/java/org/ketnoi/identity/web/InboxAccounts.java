package org.ketnoi.identity.web;

import java.security.Principal;
import java.util.Optional;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.notify.InboxOwners;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Tells notify whose inbox a signed-in person reads: their account id (agency systems have none). */
@Component
class InboxAccounts implements InboxOwners {

    private final Accounts accounts;

    InboxAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<String> accountOf(Principal signedIn) {
        Object principal = signedIn instanceof Authentication authentication ? authentication.getPrincipal() : signedIn;
        if (!(principal instanceof Caller caller) || caller.kind() == Caller.Kind.SYSTEM) {
            return Optional.empty();
        }
        return accounts.byUsername(caller.username()).filter(a -> !a.disabled()).map(a -> a.id().toString());
    }
}
