package org.ketnoi.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.CitizenDirectory;
import org.ketnoi.identity.signin.SecondFactors;
import org.ketnoi.identity.signin.SignInHistory;
import org.ketnoi.platform.NotFound;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account overview: the citizen's record from the registry, the second factor, the active
 * sessions (each can be ended) and the sign-in history.
 */
@Controller
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class AccountPages<S extends Session> {

    private static final String ENROLLING = "ketnoi.account.totp-secret";

    private final Accounts accounts;
    private final CitizenDirectory registry;
    private final SecondFactors factors;
    private final SignInHistory history;
    private final FindByIndexNameSessionRepository<S> sessions;

    AccountPages(Accounts accounts, CitizenDirectory registry, SecondFactors factors, SignInHistory history,
            FindByIndexNameSessionRepository<S> sessions) {
        this.accounts = accounts;
        this.registry = registry;
        this.factors = factors;
        this.history = history;
        this.sessions = sessions;
    }

    /** One active session as the page lists it. */
    record ActiveSession(String id, java.time.ZonedDateTime created, java.time.ZonedDateTime lastUsed, String source,
            String agent, boolean current) {
    }

    @GetMapping("/account")
    String overview(@AuthenticationPrincipal Caller caller, HttpServletRequest request, Model model) {
        Account account = account(caller);
        model.addAttribute("account", account);
        if (account.isCitizen()) {
            model.addAttribute("profile", registry.profile(account.idNumber()).orElse(null));
        }
        model.addAttribute("sessions", activeSessions(caller, request));
        model.addAttribute("history", history.recent(account.id(), 20));
        return "identity/account";
    }

    @PostMapping("/account/sessions/{id}/end")
    String end(@PathVariable String id, @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        Map<String, S> mine = sessions.findByPrincipalName(caller.username());
        if (!mine.containsKey(id)) {
            throw new NotFound("No such session of yours");
        }
        sessions.deleteById(id);
        HttpSession current = request.getSession(false);
        return current != null && current.getId().equals(id) ? "redirect:/" : "redirect:/account?ended";
    }

    @GetMapping("/account/totp")
    String totpForm(@AuthenticationPrincipal Caller caller, HttpServletRequest request, Model model) {
        Account account = account(caller);
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            secret = SecondFactors.newSecret();
            session.setAttribute(ENROLLING, secret);
        }
        model.addAttribute("account", account);
        model.addAttribute("secret", SecondFactors.grouped(secret));
        model.addAttribute("qr", SecondFactors.qr(secret, account.username(), "QR"));
        return "identity/account-totp";
    }

    @PostMapping("/account/totp")
    String totp(@RequestParam(defaultValue = "") String code, @AuthenticationPrincipal Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Account account = account(caller);
        String secret = (String) request.getSession().getAttribute(ENROLLING);
        if (secret == null) {
            return "redirect:/account/totp";
        }
        List<String> codes = factors.enrol(account.id(), secret, code);
        if (codes == null) {
            response.setStatus(422);
            model.addAttribute("error", "totp.error.code");
            return totpForm(caller, request, model);
        }
        request.getSession().removeAttribute(ENROLLING);
        model.addAttribute("codes", codes);
        model.addAttribute("continue", "/account");
        return "identity/recovery-codes";
    }

    @PostMapping("/account/totp/disable")
    String disableTotp(@AuthenticationPrincipal Caller caller) {
        Account account = account(caller);
        factors.disable(account.id());
        return "redirect:/account";
    }

    private List<ActiveSession> activeSessions(Caller caller, HttpServletRequest request) {
        HttpSession current = request.getSession(false);
        return sessions.findByPrincipalName(caller.username()).values().stream()
                .map(s -> new ActiveSession(s.getId(), s.getCreationTime().atZone(SignInHistory.VIETNAM),
                        s.getLastAccessedTime().atZone(SignInHistory.VIETNAM),
                        s.getAttribute(SignInHistory.SOURCE), s.getAttribute(SignInHistory.AGENT),
                        current != null && current.getId().equals(s.getId())))
                .sorted(Comparator.comparing(ActiveSession::lastUsed).reversed()).toList();
    }

    private Account account(Caller caller) {
        return accounts.byUsername(caller.username()).orElseThrow(() -> new NotFound("No such account"));
    }
}
