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
    static final List<String> SCRIPTS = List.of(
            "V1__workspace.sql",
            "V2__sessions.sql",
            "V3__bots.sql",
            "V4__summary_basis.sql",
            "V5__header_sets.sql",
            "V6__workspace_source.sql",
            "V7__trunk_limits.sql",
            "V8__trunk_srtp.sql",
            "V9__trunk_auth.sql",
            "V10__session_node.sql",
            "V11__used_token_ids.sql",
            "V12__cluster.sql",
            "V13__session_sip_headers.sql",
            "V14__sip_message_batches.sql",
            "V15__session_batches.sql");

    private Migrations() {}

    /** The key of the PostgreSQL advisory lock that makes nodes starting at once migrate one after the other. */
    static final long LOCK_KEY = 0x5357424d4947L; // "SWBMIG"

    /**
     * Brings the schema up to date on one connection; returns the version it is at. On PostgreSQL the whole check
     * and migration holds an advisory lock, so that nodes of a cluster starting at once do not migrate twice: the
     * second waits, then finds the schema current. Other databases (embedded H2, opened by one process at a time)
     * migrate one store at a time within the process.
     */
    static int apply(Jdbc jdbc, String where) {
        return jdbc.query("migrate", c -> {
            boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            if (postgres) {
                try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    p.setLong(1, LOCK_KEY);
                    p.executeQuery().close();
                }
            }
            try {
                if (postgres) {
                    return migrate(c, where);
                }
                synchronized (Migrations.class) { // an embedded database is one process's: stores in it wait here
                    return migrate(c, where);
                }
            } finally {
                if (postgres) {
                    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                        p.setLong(1, LOCK_KEY);
                        p.executeQuery().close();
                    }
                }
            }
        });
    }

    private static int migrate(Connection c, String where) throws SQLException {
        if (!tableExists(c, "schema_version")) {
            List<String> foreign = tables(c);
            if (!foreign.isEmpty()) {
                throw new IllegalStateException("the database at " + where + " is not a Switchboard database: it holds "
                        + "tables (" + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                        + (foreign.size() > 5 ? ", ..." : "") + ") but no schema_version; point the store's url at an "
                        + "empty database or at a Switchboard one");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                        + "applied_at BIGINT NOT NULL)");
            }
        }
        int current;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            current = r.next() ? r.getInt(1) : 0;
        }
        if (current > SCRIPTS.size()) {
            throw new IllegalStateException("the database at " + where + " has schema version " + current
                    + ", newer than this store bundle knows (" + SCRIPTS.size() + "); use a newer bundle");
        }
        for (int v = current + 1; v <= SCRIPTS.size(); v++) {
            String script = SCRIPTS.get(v - 1);
            List<String> statements = statements(read(script));
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, script);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new IllegalStateException("migration " + script + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
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

    /** The tables of the connection's current schema. */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (r.next()) {
                out.add(r.getString("TABLE_NAME"));
            }
        }
        return out;
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
