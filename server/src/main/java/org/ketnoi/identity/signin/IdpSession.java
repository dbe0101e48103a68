package org.ketnoi.identity.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.ketnoi.identity.provider.Claims;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The provider's own sign-in, kept in the web session apart from the portal's: the provider knows
 * the person (principal = the account's opaque id, and the factors used), the portal knows the
 * {@code Caller} it received through OpenID Connect like any other client. Both live in one
 * session, so signing out ends both.
 */
public final class IdpSession {

    static final String CONTEXT_KEY = "KETNOI_IDP_SECURITY_CONTEXT";
    static final String SAVED_REQUEST_KEY = "KETNOI_IDP_SAVED_REQUEST";
    /** The portal's own client: where a sign-in that no client asked for continues. */
    public static final String PORTAL_LOGIN = "/oauth2/authorization/ketnoi-portal";

    private IdpSession() {
    }

    public static HttpSessionSecurityContextRepository contextRepository() {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_KEY);
        return repository;
    }

    public static HttpSessionRequestCache requestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setSessionAttrName(SAVED_REQUEST_KEY);
        return cache;
    }

    /** Records the signed-in person in the session (after changing its id against fixation). */
    static void signIn(HttpServletRequest request, HttpServletResponse response, UUID account, String username,
            List<String> factors) {
        request.getSession(true);
        request.changeSessionId();
        List<SimpleGrantedAuthority> authorities = factors.stream()
                .map(f -> new SimpleGrantedAuthority(Claims.AMR_PREFIX + f)).toList();
        Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(account.toString(), null,
                authorities);
        SecurityContext context = new SecurityContextImpl(authentication);
        contextRepository().saveContext(context, request, response);
        // Lists the session under its owner even before the portal's own sign-in completes.
        request.getSession().setAttribute(
                org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, username);
        request.getSession().setAttribute(SignInHistory.SOURCE, request.getRemoteAddr());
        String agent = request.getHeader("User-Agent");
        request.getSession().setAttribute(SignInHistory.AGENT,
                agent == null ? null : agent.substring(0, Math.min(200, agent.length())));
    }

    /** Where to go once signed in: the authorization request that sent the person here, or the portal. */
    static String continuation(HttpServletRequest request, HttpServletResponse response) {
        HttpSessionRequestCache cache = requestCache();
        SavedRequest saved = cache.getRequest(request, response);
        if (saved != null) {
            cache.removeRequest(request, response);
            return saved.getRedirectUrl();
        }
        return PORTAL_LOGIN;
    }

    /** Whether this browser is signed in at the provider. */
    static boolean signedIn(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && session.getAttribute(CONTEXT_KEY) instanceof SecurityContext c
                && c.getAuthentication() != null;
    }
}
