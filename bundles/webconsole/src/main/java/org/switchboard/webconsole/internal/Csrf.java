package org.switchboard.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Protection of the pages' actions against cross-site requests. The Felix Web Console 5 has none of its own, and a
 * browser sends the console's Basic credentials with any request, so every action is a POST that must carry a token
 * only the console's own pages can read (an HMAC of the user name under a key made when this bundle starts), and a
 * request whose {@code Origin} or {@code Sec-Fetch-Site} says it came from another site is refused.
 */
final class Csrf {

    static final String FIELD = "sb-csrf";
    private static final byte[] KEY = key();

    private Csrf() {}

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The token for the user of {@code request}. */
    static String token(HttpServletRequest request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            String user = request.getRemoteUser() == null ? "" : request.getRemoteUser();
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(("switchboard-console:" + user).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A hidden form field with the token. */
    static String field(HttpServletRequest request) {
        return Html.hidden(FIELD, token(request));
    }

    /**
     * Why {@code request} must be refused, or {@code null} when it may act: the token (form field or
     * {@code X-Switchboard-CSRF} header) must match, and a browser's origin information must not name another site.
     */
    static String refusal(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "the request came from another site (" + site + ")";
        }
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        if (origin != null && host != null && !origin.equals("http://" + host) && !origin.equals("https://" + host)) {
            return "the request came from another origin";
        }
        String sent = request.getHeader("X-Switchboard-CSRF");
        if (sent == null) {
            sent = request.getParameter(FIELD);
        }
        if (sent == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), token(request).getBytes(StandardCharsets.UTF_8))) {
            return "the form's security token is missing or out of date: reload the page and try again";
        }
        return null;
    }
}
