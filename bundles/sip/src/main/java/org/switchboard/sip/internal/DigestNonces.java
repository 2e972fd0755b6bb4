package org.switchboard.sip.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces that need no state until they are used: each carries its expiry and a random part, signed with
 * HMAC-SHA256 under a key made at start, so a nonce this gateway did not issue, or whose realm differs, is known at
 * once. A used nonce remembers the highest nonce count seen until it expires; a count not above it is a replay.
 */
final class DigestNonces {

    /** What a nonce is worth now. */
    enum State {
        VALID,
        EXPIRED,
        FORGED
    }

    private static final int RANDOM_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int SWEEP_ABOVE = 4096;

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final long lifetimeS;
    private final LongSupplier clockS;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong();

    DigestNonces(long lifetimeS, LongSupplier clockS) {
        this.lifetimeS = lifetimeS;
        this.clockS = clockS;
        random.nextBytes(key);
    }

    /** A new nonce for {@code realm}. */
    String issue(String realm) {
        ByteBuffer b = ByteBuffer.allocate(8 + RANDOM_BYTES + TAG_BYTES);
        b.putLong(clockS.getAsLong() + lifetimeS);
        byte[] r = new byte[RANDOM_BYTES];
        random.nextBytes(r);
        b.put(r);
        b.put(tag(b.array(), 8 + RANDOM_BYTES, realm));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    State check(String nonce, String realm) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return State.FORGED;
        }
        if (raw.length != 8 + RANDOM_BYTES + TAG_BYTES) {
            return State.FORGED;
        }
        byte[] expected = tag(raw, 8 + RANDOM_BYTES, realm);
        byte[] given = java.util.Arrays.copyOfRange(raw, 8 + RANDOM_BYTES, raw.length);
        if (!MessageDigest.isEqual(expected, given)) {
            return State.FORGED;
        }
        return expiry(raw) < clockS.getAsLong() ? State.EXPIRED : State.VALID;
    }

    /**
     * Records a use of a valid nonce with nonce count {@code nc}; false when the count is not above every count this
     * nonce was used with before (a replay). Without qop there is no count, and a nonce is good for one use only.
     */
    boolean use(String nonce, long nc) {
        long now = clockS.getAsLong();
        long last = lastSweep.get();
        if (counts.size() > SWEEP_ABOVE && now > last && lastSweep.compareAndSet(last, now)) {
            counts.keySet().removeIf(n -> expiry(Base64.getUrlDecoder().decode(n)) < now);
        }
        boolean[] fresh = new boolean[1];
        counts.compute(nonce, (n, seen) -> {
            fresh[0] = seen == null || nc > seen;
            return fresh[0] ? nc : seen;
        });
        return fresh[0];
    }

    /** Nonces in use, remembered for replay checks. */
    int remembered() {
        return counts.size();
    }

    private static long expiry(byte[] raw) {
        return ByteBuffer.wrap(raw, 0, 8).getLong();
    }

    private byte[] tag(byte[] data, int length, String realm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, 0, length);
            mac.update(realm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
