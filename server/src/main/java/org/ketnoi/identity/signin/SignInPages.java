package org.ketnoi.identity.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The provider's sign-in pages: password, then the authenticator code (or a recovery code), or for
 * an official who has none yet, enrolment of the authenticator. Plain forms, no JavaScript.
 */
@Controller
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SignInPages {

    private static final String PENDING = "ketnoi.signin.pending";
    private static final Duration PENDING_LIFE = Duration.ofMinutes(5);

    private final SignInGuard guard;
    private final Accounts accounts;
    private final SecondFactors factors;

    /** Password accepted, second factor awaited. */
    record Pending(UUID account, Instant until, String enrolSecret) implements Serializable {
    }

    SignInPages(SignInGuard guard, Accounts accounts, SecondFactors factors) {
        this.guard = guard;
        this.accounts = accounts;
        this.factors = factors;
    }

    @GetMapping("/signin")
    String form(HttpServletRequest request) {
        if (IdpSession.signedIn(request) && request.getSession().getAttribute(IdpSession.SAVED_REQUEST_KEY) == null) {
            return "redirect:" + IdpSession.PORTAL_LOGIN;
        }
        return "identity/signin";
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        SignInGuard.Result result = guard.password(username, password, source(request),
                request.getHeader("User-Agent"));
        switch (result.outcome()) {
            case SUCCESS -> {
                IdpSession.signIn(request, response, result.account(), username(result.account()), List.of("pwd"));
                return "redirect:" + IdpSession.continuation(request, response);
            }
            case SECOND_FACTOR -> {
                request.getSession(true).setAttribute(PENDING,
                        new Pending(result.account(), Instant.now().plus(PENDING_LIFE), null));
                return "redirect:/signin/code";
            }
            case ENROL_SECOND_FACTOR -> {
                request.getSession(true).setAttribute(PENDING,
                        new Pending(result.account(), Instant.now().plus(PENDING_LIFE), SecondFactors.newSecret()));
                return "redirect:/signin/enrol";
            }
            default -> {
                response.setStatus(result.outcome() == SignInGuard.Outcome.THROTTLED
                        ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.UNAUTHORIZED.value());
                model.addAttribute("username", username);
                model.addAttribute("error", result.outcome() == SignInGuard.Outcome.THROTTLED
                        ? "signin.error.throttled" : "signin.error.refused");
                return "identity/signin";
            }
        }
    }

    @GetMapping("/signin/code")
    String codeForm(HttpServletRequest request) {
        return pending(request) == null ? "redirect:/signin" : "identity/signin-code";
    }

    @PostMapping("/signin/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Pending pending = pending(request);
        if (pending == null) {
            return "redirect:/signin";
        }
        if (!guard.secondFactor(pending.account(), code, source(request), request.getHeader("User-Agent"))) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("error", "signin.error.code");
            return "identity/signin-code";
        }
        request.getSession().removeAttribute(PENDING);
        IdpSession.signIn(request, response, pending.account(), username(pending.account()), List.of("pwd", "otp"));
        return "redirect:" + IdpSession.continuation(request, response);
    }

    @GetMapping("/signin/enrol")
    String enrolForm(HttpServletRequest request, Model model) {
        Pending pending = pending(request);
        if (pending == null || pending.enrolSecret() == null) {
            return "redirect:/signin";
        }
        Account account = accounts.byId(pending.account()).orElseThrow();
        model.addAttribute("secret", SecondFactors.grouped(pending.enrolSecret()));
        model.addAttribute("qr", SecondFactors.qr(pending.enrolSecret(), account.username(), "QR"));
        return "identity/signin-enrol";
    }

    @PostMapping("/signin/enrol")
    String enrol(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Pending pending = pending(request);
        if (pending == null || pending.enrolSecret() == null) {
            return "redirect:/signin";
        }
        List<String> recovery = factors.enrol(pending.account(), pending.enrolSecret(), code);
        if (recovery == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "totp.error.code");
            return enrolForm(request, model);
        }
        request.getSession().removeAttribute(PENDING);
        guard.enrolled(pending.account(), source(request), request.getHeader("User-Agent"));
        IdpSession.signIn(request, response, pending.account(), username(pending.account()), List.of("pwd", "otp"));
        model.addAttribute("codes", recovery);
        model.addAttribute("continue", IdpSession.continuation(request, response));
        return "identity/recovery-codes";
    }

    private static Pending pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending p)) {
            return null;
        }
        return p.until().isAfter(Instant.now()) ? p : null;
    }

    private String username(UUID account) {
        return accounts.byId(account).orElseThrow().username();
    }

    static String source(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

}
