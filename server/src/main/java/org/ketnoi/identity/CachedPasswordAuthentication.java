package org.ketnoi.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password against the account store. A password hash is deliberately
 * slow, and HTTP Basic sends the password with every request, so a successful check is remembered
 * for a few minutes under a SHA-256 of the credentials (never the password itself).
 */
@Component
class CachedPasswordAuthentication implements AuthenticationProvider {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

    CachedPasswordAuthentication(Accounts accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String username = request.getName();
        String password = String.valueOf(request.getCredentials());
        String key = digest(username + '\u0000' + password);
        Remembered hit = remembered.get(key);
        if (hit != null && hit.until() > System.nanoTime()) {
            return token(hit.caller());
        }
        String hash = accounts.passwordHash(username).orElse(null);
        if (hash == null || !passwords.matches(password, hash)) {
            throw new BadCredentialsException("Wrong username or password");
        }
        Caller caller = accounts.caller(username).orElseThrow(() -> new BadCredentialsException("Account disabled"));
        if (remembered.size() > 100_000) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(caller, System.nanoTime() + REMEMBER.toNanos()));
        return token(caller);
    }

    private static Authentication token(Caller caller) {
        return UsernamePasswordAuthenticationToken.authenticated(caller, null,
                caller.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Remembered(Caller caller, long until) {
    }
}
