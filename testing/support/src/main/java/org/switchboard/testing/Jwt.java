package org.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** JSON Web Tokens signed HS256, as a Kore client signs the {@code auth} header of the summary API. */
public final class Jwt {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {}

    /** A token with the header {@code {"alg":"HS256","typ":"JWT"}} carrying {@code claims} (a JSON object's text). */
    public static String hs256(String claims, String secret) {
        return sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, secret);
    }

    /** A token with any header (an attacker's {@code alg}, a {@code kid}...) signed HMAC-SHA256 with {@code secret}. */
    public static String sign(String header, String claims, String secret) {
        String input = b64(header) + "." + b64(claims);
        return input + "." + B64.encodeToString(hmac(secret, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Base64url without padding of a text's UTF-8 bytes. */
    public static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code input} keyed with the UTF-8 bytes of {@code secret}. */
    public static byte[] hmac(String secret, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
