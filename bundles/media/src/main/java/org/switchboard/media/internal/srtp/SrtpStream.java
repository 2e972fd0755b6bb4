package org.switchboard.media.internal.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What both directions of an SRTP crypto context share (RFC 3711): AES in counter mode over the payload and
 * HMAC-SHA1 over the packet and its rollover counter. One thread uses an instance at a time.
 */
abstract class SrtpStream {

    final SrtpSuite suite;
    private final Cipher aes;
    private final SecretKeySpec cipherKey;
    private final Mac hmac;
    private final byte[] salt;
    private final byte[] iv = new byte[16];
    private final byte[] roc = new byte[4];
    private final byte[] digest = new byte[20];

    SrtpStream(SrtpSuite suite, SessionKeys keys) {
        this.suite = suite;
        this.salt = keys.salt();
        this.cipherKey = new SecretKeySpec(keys.cipherKey(), "AES");
        try {
            this.aes = Cipher.getInstance("AES/CTR/NoPadding");
            this.hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(keys.authKey(), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR or HMAC-SHA1 is not available: " + e, e);
        }
    }

    /** RTP header length (fixed header, CSRCs, extension), or -1 when the packet is too short for it. */
    static int headerLength(byte[] b, int off, int len) {
        if (len < 12) {
            return -1;
        }
        int header = 12 + 4 * (b[off] & 0x0F);
        if ((b[off] & 0x10) != 0) {
            if (len < header + 4) {
                return -1;
            }
            header += 4 + 4 * (((b[off + header + 2] & 0xFF) << 8) | (b[off + header + 3] & 0xFF));
        }
        return header <= len ? header : -1;
    }

    static int sequence(byte[] b, int off) {
        return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long ssrc(byte[] b, int off) {
        return ((b[off + 8] & 0xFFL) << 24)
                | ((b[off + 9] & 0xFFL) << 16)
                | ((b[off + 10] & 0xFFL) << 8)
                | (b[off + 11] & 0xFFL);
    }

    /** XORs {@code len} bytes at {@code off} with the keystream for this SSRC and 48-bit packet index. */
    final void crypt(long ssrc, long index, byte[] b, int off, int len) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        try {
            aes.init(Cipher.ENCRYPT_MODE, cipherKey, new IvParameterSpec(iv));
            aes.doFinal(b, off, len, b, off);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed: " + e, e);
        }
    }

    /** The full HMAC-SHA1 of the packet's {@code len} bytes followed by the rollover counter; valid until the next call. */
    final byte[] mac(byte[] b, int off, int len, long rolloverCounter) {
        for (int i = 0; i < 4; i++) {
            roc[i] = (byte) (rolloverCounter >>> (24 - 8 * i));
        }
        hmac.update(b, off, len);
        hmac.update(roc);
        try {
            hmac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return digest;
    }
}
