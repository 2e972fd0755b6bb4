package org.switchboard.flow.internal.workspace;

import java.util.ArrayList;
import java.util.List;

import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.FlowRecord;
import org.switchboard.api.store.TrunkAuth;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.api.store.WorkspaceRecord;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Converts between a workspace document and the records the store keeps. Only a document that {@link WorkspaceParser}
 * accepted is converted to records, and records are turned back into a document that is parsed (validated) again
 * before it is used, so the store never bypasses validation.
 */
public final class WorkspaceRecords {

    private WorkspaceRecords() {}

    private static TrunkAuth auth(JsonObject trunk) {
        if (!trunk.has("auth")) {
            return null;
        }
        JsonObject a = trunk.getAsJsonObject("auth");
        return new TrunkAuth(
                a.get("username").getAsString(),
                string(a, "realm"),
                a.get("passwordFile").getAsString(),
                strings(array(a, "algorithms")));
    }

    /** The records of a valid workspace document (DIDs E.164-normalised). */
    public static WorkspaceRecord fromDocument(String text) {
        return fromDocument(text, null);
    }

    /**
     * The records of a valid workspace document, each flow stored with the bot {@code parsed} resolved for it (the
     * workspace's default bot where the flow names none), so the stored flow no longer depends on the default.
     */
    public static WorkspaceRecord fromDocument(String text, Workspace parsed) {
        JsonObject doc = JsonParser.parseString(text).getAsJsonObject();
        List<TrunkRecord> trunks = new ArrayList<>();
        for (JsonElement e : array(doc, "trunks")) {
            JsonObject t = e.getAsJsonObject();
            List<String> dids = new ArrayList<>();
            for (JsonElement d : array(t, "dids")) {
                dids.add(Did.normalize(d.getAsString()).orElseThrow());
            }
            trunks.add(new TrunkRecord(
                    t.get("id").getAsString(),
                    string(t, "name"),
                    t.get("adapter").getAsString(),
                    strings(array(t, "peers")),
                    string(t, "fqdn"),
                    string(t, "resolve"),
                    dids,
                    bool(t, "inbound"),
                    bool(t, "outbound"),
                    t.has("transport") ? t.get("transport").getAsString() : "udp",
                    string(t, "sipUri"),
                    t.has("maxCalls") ? t.get("maxCalls").getAsInt() : 0,
                    t.has("maxCallsPerSecond") ? t.get("maxCallsPerSecond").getAsInt() : 0,
                    string(t, "srtp"),
                    auth(t)));
        }
        List<FlowRecord> flows = new ArrayList<>();
        for (JsonElement e : array(doc, "flows")) {
            JsonObject f = e.getAsJsonObject();
            String id = f.get("id").getAsString();
            String name = string(f, "name");
            if (!f.has("botId")
                    && parsed != null
                    && parsed.flows().containsKey(id)
                    && parsed.flows().get(id).botId() != null) {
                f.addProperty("botId", parsed.flows().get(id).botId());
            }
            flows.add(new FlowRecord(id, name == null ? id : name, string(f, "botId"), f.toString()));
        }
        List<FlowAttachment> attachments = new ArrayList<>();
        for (JsonElement e : array(doc, "attachments")) {
            JsonObject a = e.getAsJsonObject();
            attachments.add(new FlowAttachment(
                    a.get("trunk").getAsString(),
                    Did.normalize(a.get("did").getAsString()).orElseThrow(),
                    a.get("flow").getAsString()));
        }
        java.util.Map<String, java.util.Map<String, String>> sets = new java.util.LinkedHashMap<>();
        if (doc.has("headerSets") && doc.get("headerSets").isJsonObject()) {
            for (var set : doc.getAsJsonObject("headerSets").entrySet()) {
                java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
                set.getValue()
                        .getAsJsonObject()
                        .entrySet()
                        .forEach(h -> headers.put(h.getKey(), h.getValue().getAsString()));
                sets.put(set.getKey(), headers);
            }
        }
        return new WorkspaceRecord(trunks, flows, attachments, sets);
    }

    /** The workspace document of stored records, to be parsed before use. */
    public static String toDocument(WorkspaceRecord w) {
        return toDocument(w, List.of());
    }

    /** The workspace document of stored records with a {@code bots} list (none when {@code bots} is empty). */
    public static String toDocument(WorkspaceRecord w, List<BotSpec> bots) {
        JsonObject doc = new JsonObject();
        doc.addProperty("version", 1);
        if (!bots.isEmpty()) {
            JsonArray list = new JsonArray();
            for (BotSpec b : bots) {
                JsonObject o = new JsonObject();
                o.addProperty("id", b.id());
                o.addProperty("name", b.name());
                JsonObject summary = new JsonObject();
                summary.addProperty("enabled", b.summaryEnabled());
                summary.addProperty("summarizer", b.summarizer());
                o.add("summary", summary);
                list.add(o);
            }
            doc.add("bots", list);
        }
        if (!w.headerSets().isEmpty()) {
            JsonObject sets = new JsonObject();
            w.headerSets().forEach((name, headers) -> {
                JsonObject h = new JsonObject();
                headers.forEach(h::addProperty);
                sets.add(name, h);
            });
            doc.add("headerSets", sets);
        }
        JsonArray trunks = new JsonArray();
        for (TrunkRecord t : w.trunks()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", t.id());
            if (t.name() != null) {
                o.addProperty("name", t.name());
            }
            o.addProperty("adapter", t.adapter());
            o.add("peers", array(t.peers()));
            if (t.fqdn() != null) {
                o.addProperty("fqdn", t.fqdn());
                o.addProperty("resolve", t.resolve());
            }
            o.add("dids", array(t.dids()));
            o.addProperty("inbound", t.inbound());
            o.addProperty("outbound", t.outbound());
            o.addProperty("transport", t.transport());
            if (t.sipUri() != null) {
                o.addProperty("sipUri", t.sipUri());
            }
            if (t.maxCalls() > 0) {
                o.addProperty("maxCalls", t.maxCalls());
            }
            if (t.maxCallsPerSecond() > 0) {
                o.addProperty("maxCallsPerSecond", t.maxCallsPerSecond());
            }
            if (t.srtpRequired()) {
                o.addProperty("srtp", t.srtp());
            }
            if (t.auth() != null) {
                JsonObject a = new JsonObject();
                a.addProperty("username", t.auth().username());
                a.addProperty("realm", t.auth().realm());
                a.addProperty("passwordFile", t.auth().passwordFile());
                a.add("algorithms", array(t.auth().algorithms()));
                o.add("auth", a);
            }
            trunks.add(o);
        }
        doc.add("trunks", trunks);
        JsonArray flows = new JsonArray();
        for (FlowRecord f : w.flows()) {
            flows.add(JsonParser.parseString(f.document()));
        }
        doc.add("flows", flows);
        JsonArray attachments = new JsonArray();
        for (FlowAttachment a : w.attachments()) {
            JsonObject o = new JsonObject();
            o.addProperty("trunk", a.trunkId());
            o.addProperty("did", a.did());
            o.addProperty("flow", a.flowId());
            attachments.add(o);
        }
        doc.add("attachments", attachments);
        return doc.toString();
    }

    private static JsonArray array(JsonObject o, String name) {
        return o.has(name) && o.get(name).isJsonArray() ? o.getAsJsonArray(name) : new JsonArray();
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static String string(JsonObject o, String name) {
        return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : null;
    }

    private static boolean bool(JsonObject o, String name) {
        return !o.has(name) || o.get(name).getAsBoolean();
    }
}
