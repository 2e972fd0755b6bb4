package org.switchboard.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<what>.sql} in this bundle, applied in order, each in its
 * own transaction together with its row in {@code schema_version}. A database newer than this bundle is refused
 * rather than guessed at.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The migrations of this version of the bundle, in order. */
    static final List<String> SCRIPTS = List.of("V1__workspace.sql", "V2__sessions.sql", "V3__bots.sql",
            "V4__summary_basis.sql", "V5__header_sets.sql", "V6__workspace_source.sql", "V7__trunk_limits.sql",
            "V8__trunk_srtp.sql", "V9__trunk_auth.sql", "V10__session_node.sql", "V11__used_token_ids.sql");

    private Migrations() {
    }

    /** Brings the schema up to date; returns the version it is at. */
    static int apply(Jdbc jdbc, String where) {
        jdbc.query("create schema_version", c -> {
            if (!tableExists(c, "schema_version")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                            + "applied_at BIGINT NOT NULL)");
                }
            }
            return null;
        });
        int current = jdbc.query("read schema_version", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                return r.next() ? r.getInt(1) : 0;
            }
        });
        if (current > SCRIPTS.size()) {
            throw new IllegalStateException("the database at " + where + " has schema version " + current
                    + ", newer than this store bundle knows (" + SCRIPTS.size() + "); use a newer bundle");
        }
        for (int v = current + 1; v <= SCRIPTS.size(); v++) {
            String script = SCRIPTS.get(v - 1);
            List<String> statements = statements(read(script));
            int version = v;
            jdbc.transaction("migration " + script, c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, script);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                return null;
            });
            LOG.info("Store schema migrated to version {} ({}) at {}", v, script, where);
        }
        return SCRIPTS.size();
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String n : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet r = md.getTables(null, null, n, new String[] {"TABLE"})) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the store bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("migration " + script + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Splits a script on semicolons that end a line, dropping comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
