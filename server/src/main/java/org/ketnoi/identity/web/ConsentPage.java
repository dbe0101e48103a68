package org.ketnoi.identity.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent screen for clients that are not the platform's own: which application asks, and
 * what each scope releases, in plain words. The form posts back to the authorization endpoint.
 */
@Controller
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class ConsentPage {

    private final RegisteredClientRepository clients;

    ConsentPage(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @GetMapping("/oauth2/consent")
    String consent(@RequestParam(name = "client_id") String clientId, @RequestParam(defaultValue = "") String scope,
            @RequestParam(defaultValue = "") String state, Model model) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new org.ketnoi.platform.NotFound("No such application");
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        requested.remove(OidcScopes.OPENID);
        requested.remove("");
        List<String> shown = requested.stream().filter(client.getScopes()::contains).toList();
        model.addAttribute("client", client);
        model.addAttribute("scopes", shown);
        model.addAttribute("state", state);
        return "identity/consent";
    }
}
