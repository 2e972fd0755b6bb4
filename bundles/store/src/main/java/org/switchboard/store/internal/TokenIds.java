package org.switchboard.store.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token ids (jti) apps have spent, in the database until each token expires. The primary key decides a race
 * between two requests (or two nodes) spending the same id: one insert wins. Expired ids are deleted at most once a
 * minute, and an expired row never blocks its id from being spent again.
 */
final class TokenIds {

    private static final long PURGE_EVERY_MS = 60_000;
    /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    private final Jdbc jdbc;
    private final AtomicLong nextPurge = new AtomicLong();

    TokenIds(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    boolean spend(String clientId, String jti, Instant until, Instant now) {
        long purgeAt = nextPurge.get();
        if (now.toEpochMilli() >= purgeAt && nextPurge.compareAndSet(purgeAt, now.toEpochMilli() + PURGE_EVERY_MS)) {
            jdbc.update(
                    "forget expired token ids", "DELETE FROM used_token_ids WHERE expires_at < ?", now.toEpochMilli());
        }
        return jdbc.query("spend token id", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM used_token_ids WHERE client_id = ? AND jti = ? AND expires_at < ?")) {
                Jdbc.bind(p, clientId, jti, now.toEpochMilli());
                p.executeUpdate();
            }
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO used_token_ids (client_id, jti, expires_at) VALUES (?, ?, ?)")) {
                Jdbc.bind(p, clientId, jti, until.toEpochMilli());
                p.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_KEY.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }
}
