package org.ketnoi.identity.provider;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * RFC 7523 §3 makes {@code client_id} optional beside a client assertion (the assertion's subject
 * names the client), and relying-party libraries leave it out; Spring Authorization Server asks for
 * it. When it is missing, it is taken from the assertion's {@code sub}, unverified: the server then
 * verifies the assertion against that client's keys as always, so naming another client gains nothing.
 */
class ClientIdFromAssertion extends OncePerRequestFilter {

    private static final String ASSERTION = "client_assertion";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getParameter(ASSERTION) == null
                || request.getParameter("client_id") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String subject;
        try {
            subject = JWTParser.parse(request.getParameter(ASSERTION)).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            subject = null;
        }
        if (subject == null || subject.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.put("client_id", new String[] {subject});
        Map<String, String[]> withClientId = Collections.unmodifiableMap(parameters);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String[] values = withClientId.get(name);
                return values == null || values.length == 0 ? null : values[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return withClientId;
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(withClientId.keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                return withClientId.get(name);
            }
        }, response);
    }
}
