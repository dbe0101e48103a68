package org.ketnoi.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.UUID;
import org.ketnoi.identity.registration.PasswordResets;
import org.ketnoi.identity.registration.Registrations;
import org.ketnoi.platform.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Registering a citizen's account, confirming its e-mail address, and resetting a forgotten password. */
@Controller
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class RegistrationPages {

    private static final String PENDING = "ketnoi.registration.pending";

    private final Registrations registrations;
    private final PasswordResets resets;
    private final MessageSource messages;

    private final String publicUrl;

    RegistrationPages(Registrations registrations, PasswordResets resets, MessageSource messages,
            @org.springframework.beans.factory.annotation.Value("${ketnoi.public-url:}") String publicUrl) {
        this.registrations = registrations;
        this.resets = resets;
        this.messages = messages;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @GetMapping("/register")
    String form(Model model) {
        model.addAttribute("entered", values(new Registrations.Form("", "", "", "", "", "")));
        return "identity/register";
    }

    /** What the form shows again after a refusal: everything but the password. */
    private static java.util.Map<String, String> values(Registrations.Form form) {
        java.util.Map<String, String> v = new java.util.HashMap<>();
        v.put("idNumber", form.idNumber());
        v.put("fullName", form.fullName());
        v.put("birthDate", form.birthDate());
        v.put("email", form.email());
        v.put("phone", form.phone());
        v.put("password", "");
        return v;
    }

    @PostMapping("/register")
    String register(@ModelAttribute Registrations.Form form, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        try {
            UUID pending = registrations.start(form, locale);
            request.getSession(true).setAttribute(PENDING, pending);
            return "redirect:/register/confirm";
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("entered", values(form));
            refusal(model, e, locale);
            return "identity/register";
        }
    }

    @GetMapping("/register/confirm")
    String confirmForm(HttpServletRequest request, Model model) {
        UUID pending = pending(request);
        if (pending == null || registrations.email(pending).isEmpty()) {
            return "redirect:/register";
        }
        model.addAttribute("email", registrations.email(pending).get());
        return "identity/register-confirm";
    }

    @PostMapping("/register/confirm")
    String confirm(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        UUID pending = pending(request);
        if (pending == null) {
            return "redirect:/register";
        }
        try {
            registrations.confirm(pending, code);
            request.getSession().removeAttribute(PENDING);
            return "redirect:/signin?registered";
        } catch (InvalidInput e) {
            response.setStatus(422);
            if (registrations.email(pending).isEmpty()) {
                request.getSession().removeAttribute(PENDING);
                model.addAttribute("entered", values(new Registrations.Form("", "", "", "", "", "")));
                refusal(model, e, locale);
                return "identity/register";
            }
            model.addAttribute("email", registrations.email(pending).get());
            refusal(model, e, locale);
            return "identity/register-confirm";
        }
    }

    @GetMapping("/forgot")
    String forgotForm() {
        return "identity/forgot";
    }

    @PostMapping("/forgot")
    String forgot(@RequestParam(defaultValue = "") String login, HttpServletRequest request, Model model,
            Locale locale) {
        resets.request(login, publicUrl.isBlank() ? baseUrl(request) : publicUrl, locale);
        model.addAttribute("sent", true);
        return "identity/forgot";
    }

    @GetMapping("/reset")
    String resetForm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
        if (!resets.valid(token)) {
            response.setStatus(410);
            model.addAttribute("expired", true);
        }
        model.addAttribute("token", token);
        return "identity/reset";
    }

    @PostMapping("/reset")
    String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletResponse response, Locale locale) {
        try {
            resets.reset(token, password);
            return "redirect:/signin?reset";
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("token", token);
            model.addAttribute("expired", "token".equals(e.field()));
            refusal(model, e, locale);
            return "identity/reset";
        }
    }

    private void refusal(Model model, InvalidInput e, Locale locale) {
        model.addAttribute("errorField", e.field());
        model.addAttribute("errorMessage", messages.getMessage(e.resolvable(), locale));
    }

    /** Only when no public URL is configured (development): links then follow the address the browser used. */
    static String baseUrl(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }

    private static UUID pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (UUID) session.getAttribute(PENDING);
    }
}
