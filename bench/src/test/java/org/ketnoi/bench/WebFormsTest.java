package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebFormsTest {

    @Test
    void setCookieHeadersFillAndEmptyTheJar() {
        Map<String, String> jar = new LinkedHashMap<>();
        WebForms.applySetCookies(jar, List.of("XSRF-TOKEN=8a51e21f-b241; Path=/",
                "SESSION=YTA3OGJi; Path=/; HttpOnly; SameSite=Lax"));
        assertEquals(Map.of("XSRF-TOKEN", "8a51e21f-b241", "SESSION", "YTA3OGJi"), jar);
        assertEquals("XSRF-TOKEN=8a51e21f-b241; SESSION=YTA3OGJi", WebForms.cookieHeader(jar));
        WebForms.applySetCookies(jar, List.of("SESSION=ZTI0; Path=/", "XSRF-TOKEN=; Max-Age=0; Path=/"));
        assertEquals(Map.of("SESSION", "ZTI0"), jar);
        WebForms.applySetCookies(jar, List.of("SESSION=gone; Max-Age=0", "garbage"));
        assertNull(WebForms.cookieHeader(jar));
    }

    @Test
    void theHiddenFieldOfTheSignInForm() {
        String html = "<form method=\"post\"><input type=\"text\" name=\"username\" value=\"\"/>"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"h03gXVx2wiKx-ZKZf_SE&amp;q\"/></form>";
        assertEquals("h03gXVx2wiKx-ZKZf_SE&q", WebForms.inputValue(html, "_csrf"));
        assertEquals("", WebForms.inputValue(html, "username"));
        assertEquals("x", WebForms.inputValue("<INPUT value='x' NAME='_csrf'>", "_csrf"));
        assertNull(WebForms.inputValue(html, "password"));
    }

    @Test
    void theCodeOfARedirect() {
        String location = "http://127.0.0.1:8080/login/oauth2/code/ketnoi-portal?code=uhYG-cez_B&state=lNp%3D";
        assertEquals("uhYG-cez_B", WebForms.queryParameter(location, "code"));
        assertEquals("lNp=", WebForms.queryParameter(location, "state"));
        assertNull(WebForms.queryParameter(location, "error"));
        assertNull(WebForms.queryParameter("/account", "code"));
    }

    @Test
    void formsAreUrlEncodedInOrder() {
        assertEquals("username=099000000001&password=a+b%26c&scope=openid+profile",
                WebForms.form("username", "099000000001", "password", "a b&c", "scope", "openid profile"));
    }

    @Test
    void pkceChallengeIsRfc7636sExample() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                WebForms.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void basicAuthorizationAndJsonFields() {
        assertEquals("Basic eXRlLmhldGhvbmc6czNjcmV0", WebForms.basic("yte.hethong", "s3cret"));
        String json = "{\"access_token\":\"eyJ.a.b\",\"refresh_token\" : \"r-1_x\",\"expires_in\":299}";
        assertEquals("r-1_x", WebForms.jsonString(json, "refresh_token"));
        assertEquals("eyJ.a.b", WebForms.jsonString(json, "access_token"));
        assertNull(WebForms.jsonString(json, "id_token"));
        assertNull(WebForms.jsonString(json, "expires_in"));
    }

    @Test
    void locationsAreMadeAbsolute() {
        assertEquals("http://127.0.0.1:1/account", WebForms.absolute("http://127.0.0.1:1", "/account"));
        assertEquals("http://localhost:1/x", WebForms.absolute("http://127.0.0.1:1", "http://localhost:1/x"));
    }
}
