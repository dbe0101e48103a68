package org.ketnoi.notify.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import org.ketnoi.notify.InboxOwners;
import org.ketnoi.platform.NotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The portal inbox of the signed-in person: their newest messages, each marked read by a plain form
 * (no JavaScript), and the unread count in every page's header.
 */
@Controller
@ConditionalOnWebApplication
class InboxPages {

    /** The newest this many messages are shown; older ones stay in the database. */
    static final int SHOWN = 50;

    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    private final JdbcInbox inbox;
    private final ObjectProvider<InboxOwners> owners;

    InboxPages(JdbcInbox inbox, ObjectProvider<InboxOwners> owners) {
        this.inbox = inbox;
        this.owners = owners;
    }

    @GetMapping("/inbox")
    String inbox(Principal principal, Locale locale, Model model) {
        String account = owner(principal);
        model.addAttribute("messages", inbox.messages(account, locale, SHOWN).stream()
                .map(m -> new Shown(m, m.postedAt().atZone(VIETNAM))).toList());
        model.addAttribute("unread", inbox.unread(account));
        model.addAttribute("shown", SHOWN);
        return "notify/inbox";
    }

    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable long id, Principal principal) {
        if (!inbox.markRead(owner(principal), id)) {
            // another person's message looks exactly like one that does not exist
            throw new NotFound("inboxMessage", id, "No message " + id + " in your inbox");
        }
        return "redirect:/inbox?read#message-" + id;
    }

    @PostMapping("/inbox/read-all")
    String readAll(Principal principal) {
        inbox.markAllRead(owner(principal));
        return "redirect:/inbox?readAll";
    }

    /** The signed-in person's account; anyone else is sent to sign in first. */
    private String owner(Principal principal) {
        return accountOf(owners, principal).orElseThrow(() -> principal == null
                // anonymous: Spring Security answers this by sending the browser to sign in
                ? new AccessDeniedException("Sign in to read your inbox")
                : new NotFound("No inbox for " + principal.getName()));
    }

    static Optional<String> accountOf(ObjectProvider<InboxOwners> owners, Principal principal) {
        InboxOwners resolver = owners.getIfAvailable();
        return principal == null || resolver == null ? Optional.empty() : resolver.accountOf(principal);
    }

    /** The header's inbox link: shown to signed-in people, with their unread count. */
    @org.springframework.stereotype.Component
    @ConditionalOnWebApplication
    static class Badge implements org.ketnoi.platform.PageAttributes {

        private final JdbcInbox inbox;
        private final ObjectProvider<InboxOwners> owners;

        Badge(JdbcInbox inbox, ObjectProvider<InboxOwners> owners) {
            this.inbox = inbox;
            this.owners = owners;
        }

        @Override
        public void addTo(HttpServletRequest request, Object handler, java.util.Map<String, Object> model) {
            // pages only: not the answers to form posts
            if ("GET".equals(request.getMethod())) {
                accountOf(owners, request.getUserPrincipal())
                        .ifPresent(a -> model.put("inboxBadge", new InboxBadge(inbox.unread(a))));
            }
        }
    }

    /** A message as the page lists it, with its time in Vietnam's zone. */
    record Shown(org.ketnoi.notify.Inbox.Message message, java.time.ZonedDateTime postedAt) {
    }

    /** What the header shows. */
    public record InboxBadge(int unread) {
    }
}
