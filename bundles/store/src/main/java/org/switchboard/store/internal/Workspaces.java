package org.switchboard.store.internal;

import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.FlowRecord;
import org.switchboard.api.store.TrunkAuth;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;
import org.switchboard.api.store.WorkspaceSource;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

/** The workspace repository on its tables: trunks, their DIDs, flows and attachments, kept in document order. */
@Component(service = WorkspaceRepository.class)
public final class Workspaces implements WorkspaceRepository {

    private static final Gson GSON = new Gson();
    private static final Type STRINGS = new TypeToken<List<String>>() {}.getType();

    private final Jdbc jdbc;
    private final String nodeId;

    @Activate
    public Workspaces(@Reference Database database) {
        this.jdbc = database.jdbc();
        this.nodeId = database.nodeId();
    }

    @Override
    public long revision() {
        return jdbc.query("read workspace revision", c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT revision FROM workspace_revision WHERE id = 1")) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    /**
     * Bumps the revision: the first statement of every workspace change, so that its row lock also makes changes from
     * several nodes at once wait for each other instead of interleaving their deletes and inserts.
     */
    private void bump(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE workspace_revision SET revision = revision + 1, "
                + "changed_at = ?, changed_by = ? WHERE id = 1")) {
            p.setLong(1, System.currentTimeMillis());
            p.setString(2, nodeId);
            p.executeUpdate();
        }
    }

    @Override
    public Optional<WorkspaceRecord> load() {
        return jdbc.query("load workspace", c -> {
            Map<String, List<String>> dids = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT trunk_id, did FROM trunk_dids ORDER BY trunk_id, position")) {
                while (r.next()) {
                    dids.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
            List<TrunkRecord> trunks = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT id, name, adapter, peers, fqdn, inbound, outbound, transport, sip_uri, resolve, max_calls, "
                                    + "max_calls_per_second, srtp, auth_username, auth_realm, auth_password_file, auth_algorithms "
                                    + "FROM trunks ORDER BY position")) {
                while (r.next()) {
                    String id = r.getString(1);
                    List<String> peers = GSON.fromJson(r.getString(4), STRINGS);
                    trunks.add(new TrunkRecord(
                            id,
                            r.getString(2),
                            r.getString(3),
                            peers,
                            r.getString(5),
                            r.getString(10),
                            dids.getOrDefault(id, List.of()),
                            r.getBoolean(6),
                            r.getBoolean(7),
                            r.getString(8),
                            r.getString(9),
                            r.getInt(11),
                            r.getInt(12),
                            r.getString(13),
                            auth(r)));
                }
            }
            List<FlowRecord> flows = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT id, name, bot_id, document FROM flows ORDER BY position")) {
                while (r.next()) {
                    flows.add(new FlowRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            List<FlowAttachment> attachments = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery("SELECT trunk_id, did, flow_id FROM attachments ORDER BY trunk_id, did")) {
                while (r.next()) {
                    attachments.add(new FlowAttachment(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
            Map<String, Map<String, String>> headerSets = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT set_name, header_name, "
                            + "header_value FROM header_sets ORDER BY set_position, header_position")) {
                while (r.next()) {
                    headerSets
                            .computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                            .put(r.getString(2), r.getString(3));
                }
            }
            if (trunks.isEmpty() && flows.isEmpty()) {
                return Optional.<WorkspaceRecord>empty();
            }
            return Optional.of(new WorkspaceRecord(trunks, flows, attachments, headerSets));
        });
    }

    @Override
    public void replace(WorkspaceRecord w) {
        replaceAll(w, null);
    }

    @Override
    public void replace(WorkspaceRecord w, String fileHash) {
        replaceAll(w, java.util.Objects.requireNonNull(fileHash, "fileHash"));
    }

    @Override
    public Optional<WorkspaceSource> source() {
        return jdbc.query("read workspace source", c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT file_hash, imported_at, edited_since FROM workspace_source WHERE id = 1")) {
                return r.next()
                        ? Optional.of(new WorkspaceSource(
                                r.getString(1), java.time.Instant.ofEpochMilli(r.getLong(2)), r.getBoolean(3)))
                        : Optional.<WorkspaceSource>empty();
            }
        });
    }

    private static void recordSource(Connection c, String fileHash) throws SQLException {
        if (fileHash == null) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE workspace_source SET edited_since = TRUE WHERE id = 1");
            }
            return;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM workspace_source");
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO workspace_source (id, file_hash, imported_at, edited_since) VALUES (1, ?, ?, FALSE)")) {
            p.setString(1, fileHash);
            p.setLong(2, System.currentTimeMillis());
            p.executeUpdate();
        }
    }

    private void replaceAll(WorkspaceRecord w, String fileHash) {
        jdbc.transaction("replace workspace", c -> {
            bump(c);
            recordSource(c, fileHash);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM attachments");
                s.executeUpdate("DELETE FROM trunk_dids");
                s.executeUpdate("DELETE FROM flows");
                s.executeUpdate("DELETE FROM trunks");
                s.executeUpdate("DELETE FROM header_sets");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO header_sets (set_name, set_position, "
                    + "header_name, header_position, header_value) VALUES (?, ?, ?, ?, ?)")) {
                int set = 0;
                for (Map.Entry<String, Map<String, String>> e : w.headerSets().entrySet()) {
                    int h = 0;
                    for (Map.Entry<String, String> header : e.getValue().entrySet()) {
                        p.setString(1, e.getKey());
                        p.setInt(2, set);
                        p.setString(3, header.getKey());
                        p.setInt(4, h++);
                        p.setString(5, header.getValue());
                        p.executeUpdate();
                    }
                    set++;
                }
            }
            insertTrunks(c, w.trunks());
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO flows (id, position, name, bot_id, document) VALUES (?, ?, ?, ?, ?)")) {
                int i = 0;
                for (FlowRecord f : w.flows()) {
                    p.setString(1, f.id());
                    p.setInt(2, i++);
                    p.setString(3, f.name());
                    p.setString(4, f.botId());
                    p.setString(5, f.document());
                    p.addBatch();
                }
                p.executeBatch();
            }
            for (FlowAttachment a : w.attachments()) {
                insertAttachment(c, a);
            }
            return null;
        });
    }

    /** Columns 14 to 17 of a trunk row: its digest authentication, or {@code null}. */
    private static TrunkAuth auth(ResultSet r) throws SQLException {
        String username = r.getString(14);
        if (username == null) {
            return null;
        }
        String algorithms = r.getString(17);
        return new TrunkAuth(
                username,
                r.getString(15),
                r.getString(16),
                algorithms == null || algorithms.isBlank() ? List.of() : List.of(algorithms.split(",")));
    }

    private static void insertTrunks(Connection c, List<TrunkRecord> trunks) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trunks (id, position, name, adapter, peers, fqdn, "
                        + "inbound, outbound, transport, sip_uri, resolve, max_calls, max_calls_per_second, srtp, auth_username, "
                        + "auth_realm, auth_password_file, auth_algorithms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement d =
                        c.prepareStatement("INSERT INTO trunk_dids (trunk_id, did, position) VALUES (?, ?, ?)")) {
            int i = 0;
            for (TrunkRecord t : trunks) {
                p.setString(1, t.id());
                p.setInt(2, i++);
                p.setString(3, t.name());
                p.setString(4, t.adapter());
                p.setString(5, GSON.toJson(t.peers()));
                p.setString(6, t.fqdn());
                p.setBoolean(7, t.inbound());
                p.setBoolean(8, t.outbound());
                p.setString(9, t.transport());
                p.setString(10, t.sipUri());
                p.setString(11, t.resolve());
                p.setInt(12, t.maxCalls());
                p.setInt(13, t.maxCallsPerSecond());
                p.setString(14, t.srtp());
                TrunkAuth auth = t.auth();
                p.setString(15, auth == null ? null : auth.username());
                p.setString(16, auth == null ? null : auth.realm());
                p.setString(17, auth == null ? null : auth.passwordFile());
                p.setString(18, auth == null ? null : String.join(",", auth.algorithms()));
                p.addBatch();
                int j = 0;
                for (String did : t.dids()) {
                    d.setString(1, t.id());
                    d.setString(2, did);
                    d.setInt(3, j++);
                    d.addBatch();
                }
            }
            p.executeBatch();
            d.executeBatch();
        }
    }

    private static void insertAttachment(Connection c, FlowAttachment a) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO attachments (trunk_id, did, flow_id) VALUES (?, ?, ?)")) {
            p.setString(1, a.trunkId());
            p.setString(2, a.did());
            p.setString(3, a.flowId());
            p.executeUpdate();
        }
    }

    @Override
    public void attach(FlowAttachment a) {
        jdbc.transaction("attach " + a.flowId() + " to " + a.did(), c -> {
            bump(c);
            delete(c, a.trunkId(), a.did());
            insertAttachment(c, a);
            recordSource(c, null);
            return null;
        });
    }

    @Override
    public boolean detach(String trunkId, String did) {
        return jdbc.transaction("detach " + did, c -> {
            bump(c);
            recordSource(c, null);
            return delete(c, trunkId, did) > 0;
        });
    }

    private static int delete(Connection c, String trunkId, String did) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM attachments WHERE trunk_id = ? AND did = ?")) {
            p.setString(1, trunkId);
            p.setString(2, did);
            return p.executeUpdate();
        }
    }
}
