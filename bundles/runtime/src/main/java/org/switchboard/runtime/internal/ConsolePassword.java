package org.switchboard.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Password hashes in the form the Felix Web Console verifies: {@code {sha-256}<salt hex>-<iterations>-<base64>},
 * where the digest is applied {@code iterations} times to the UTF-8 bytes of salt + password. The console's
 * configuration then never holds the plain password.
 */
final class ConsolePassword {

    private static final int ITERATIONS = 1000;

    private ConsolePassword() {}

    static String hash(String password) {
        byte[] salt = new byte[8];
        new SecureRandom().nextBytes(salt);
        return hash(password, HexFormat.of().formatHex(salt), ITERATIONS);
    }

    static String hash(String password, String salt, int iterations) {
        return "{sha-256}" + salt + "-" + iterations + "-"
                + Base64.getEncoder().encodeToString(digest(salt + password, iterations));
    }

    /** Whether {@code encoded} (as produced by {@link #hash(String)}) is the hash of {@code password}. */
    static boolean matches(String encoded, String password) {
        if (encoded == null || !encoded.startsWith("{sha-256}")) {
            return false;
        }
        String[] parts = encoded.substring("{sha-256}".length()).split("-", 3);
        if (parts.length != 3) {
            return false;
        }
        try {
            String expected = hash(password, parts[0], Integer.parseInt(parts[1]));
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), encoded.getBytes(StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] digest(String data, int iterations) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < iterations; i++) {
                md.reset();
                bytes = md.digest(bytes);
            }
            return bytes;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
