package org.switchboard.webconsole.internal;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;

public class CsrfTest {

    private static HttpServletRequest request(String user, Map<String, String> headers, Map<String, String> params) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                CsrfTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteUser" -> user;
                    case "getHeader" -> headers.get(args[0]);
                    case "getParameter" -> params.get(args[0]);
                    default -> null;
                });
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    public void theTokenOfTheSameUserPasses() {
        String token = Csrf.token(request("admin", map(), map()));
        assertNull(Csrf.refusal(request("admin", map("Host", "127.0.0.1:8080"), map(Csrf.FIELD, token))));
        assertNull(Csrf.refusal(request(
                "admin",
                map("Host", "127.0.0.1:8080", "Origin", "http://127.0.0.1:8080", "Sec-Fetch-Site", "same-origin"),
                map(Csrf.FIELD, token))));
        assertNull(
                "a script sends it as a header",
                Csrf.refusal(request("admin", map("X-Switchboard-CSRF", token), map())));
        assertTrue(Csrf.field(request("admin", map(), map())).contains("value=\"" + token + "\""));
    }

    @Test
    public void missingWrongOrOtherUsersTokensAreRefused() {
        String token = Csrf.token(request("admin", map(), map()));
        assertNotNull(Csrf.refusal(request("admin", map(), map())));
        assertNotNull(Csrf.refusal(request("admin", map(), map(Csrf.FIELD, token + "x"))));
        assertNotNull(Csrf.refusal(request("operator", map(), map(Csrf.FIELD, token))));
    }

    @Test
    public void requestsFromAnotherSiteAreRefusedEvenWithTheToken() {
        String token = Csrf.token(request("admin", map(), map()));
        assertTrue(Csrf.refusal(request(
                        "admin",
                        map("Host", "127.0.0.1:8080", "Origin", "http://evil.example"),
                        map(Csrf.FIELD, token)))
                .contains("another origin"));
        assertNotNull(Csrf.refusal(
                request("admin", map("Host", "127.0.0.1:8080", "Origin", "null"), map(Csrf.FIELD, token))));
        assertTrue(Csrf.refusal(request("admin", map("Sec-Fetch-Site", "cross-site"), map(Csrf.FIELD, token)))
                .contains("another site"));
        assertNotNull(Csrf.refusal(request("admin", map("Sec-Fetch-Site", "same-site"), map(Csrf.FIELD, token))));
    }
}
