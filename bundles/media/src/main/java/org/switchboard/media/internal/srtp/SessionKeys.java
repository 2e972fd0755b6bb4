package org.switchboard.media.internal.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP session keys derived from a master key and salt with the AES-CM PRF (RFC 3711 section 4.3), with a key
 * derivation rate of 0 (SDES's default): derived once, for the whole session.
 *
 * @param cipherKey the 128-bit session encryption key (label 0)
 * @param authKey the 160-bit session authentication key (label 1)
 * @param salt the 112-bit session salt (label 2)
 */
public record SessionKeys(byte[] cipherKey, byte[] authKey, byte[] salt) {

    static final int KEY = 16;
    static final int SALT = 14;
    static final int AUTH_KEY = 20;

    /** Derives the SRTP (not SRTCP) session keys from 30 bytes of master key followed by master salt. */
    public static SessionKeys derive(byte[] masterKeyAndSalt) {
        if (masterKeyAndSalt.length != KEY + SALT) {
            throw new IllegalArgumentException("master key and salt must be " + (KEY + SALT) + " bytes");
        }
        byte[] key = Arrays.copyOfRange(masterKeyAndSalt, 0, KEY);
        byte[] salt = Arrays.copyOfRange(masterKeyAndSalt, KEY, KEY + SALT);
        return new SessionKeys(prf(key, salt, 0, KEY), prf(key, salt, 1, AUTH_KEY), prf(key, salt, 2, SALT));
    }

    /**
     * {@code length} bytes of AES-CM keystream under the master key, starting at the counter block
     * {@code (label << 48 XOR master_salt) * 2^16}: the index divided by the rate is 0.
     */
    static byte[] prf(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] block = new byte[16];
        System.arraycopy(masterSalt, 0, block, 0, SALT);
        block[7] ^= (byte) label;
        byte[] out = new byte[(length + 15) / 16 * 16];
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            for (int i = 0; i * 16 < length; i++) {
                block[14] = (byte) (i >> 8);
                block[15] = (byte) i;
                aes.doFinal(block, 0, 16, out, i * 16);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available: " + e, e);
        }
        return Arrays.copyOf(out, length);
    }

    /** The key lengths only: these are secrets. */
    @Override
    public String toString() {
        return "SessionKeys[cipher " + cipherKey.length + " bytes, auth " + authKey.length + " bytes]";
    }
}
