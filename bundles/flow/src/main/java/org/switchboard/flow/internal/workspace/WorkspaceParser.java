package org.switchboard.flow.internal.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.switchboard.api.store.FlowAttachment;
import org.switchboard.api.store.TrunkAuth;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.FlowParser;
import org.switchboard.flow.internal.model.HeaderRules;
import org.switchboard.flow.internal.model.JsonFields;
import org.switchboard.flow.internal.model.Problem;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads a workspace file (trunks, flows, attachments) as a whole: either every part is valid and a
 * {@link Workspace} is returned, or nothing is and every problem is listed with its path.
 */
public final class WorkspaceParser {

    private static final Set<String> TOP =
            Set.of("version", "description", "bots", "headerSets", "trunks", "flows", "attachments");
    private static final Set<String> BOT_FIELDS = Set.of("id", "name", "summary", "description", "default");
    private static final Set<String> SUMMARY_FIELDS = Set.of("enabled", "summarizer");
    private static final Set<String> TRUNK_FIELDS = Set.of(
            "id",
            "name",
            "adapter",
            "peers",
            "fqdn",
            "resolve",
            "dids",
            "inbound",
            "outbound",
            "transport",
            "sipUri",
            "description",
            "maxCalls",
            "maxCallsPerSecond",
            "srtp",
            "auth");
    private static final Set<String> TRANSPORTS = Set.of("udp", "tcp", "tls");

    private WorkspaceParser() {}

    /** Parses a document to be put in force: every flow must have a bot, its own or the workspace's default. */
    public static Optional<Workspace> parse(String text, List<Problem> problems) {
        return parse(text, problems, true);
    }

    /**
     * Parses a workspace; with {@code requireBots} false a flow may lack a bot (workspaces stored before bots were
     * required are still loaded, and {@link #flowsWithoutBot} names the flows to fix).
     */
    public static Optional<Workspace> parse(String text, List<Problem> problems, boolean requireBots) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            problems.add(new Problem("$", null, "not valid JSON: " + e.getMessage()));
            return Optional.empty();
        }
        if (!root.isJsonObject()) {
            problems.add(
                    new Problem("$", null, "a workspace must be a JSON object with trunks, flows and attachments"));
            return Optional.empty();
        }
        int before = problems.size();
        JsonObject o = root.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!TOP.contains(key)) {
                problems.add(new Problem(
                        key, null, "unknown field; a workspace has bots, headerSets, trunks, flows, attachments"));
            }
        }
        Map<String, BotSpec> bots = new LinkedHashMap<>();
        List<String> defaults = new ArrayList<>();
        JsonArray botArray = array(o, "bots", problems);
        for (int i = 0; i < botArray.size(); i++) {
            String path = "bots[" + i + "]";
            JsonElement json = botArray.get(i);
            bot(json, path, problems).ifPresent(b -> {
                if (bots.putIfAbsent(b.id(), b) != null) {
                    problems.add(new Problem(path + ".id", null, "duplicate bot id '" + b.id() + "'"));
                }
                if (JsonFields.bool(json.getAsJsonObject(), "default", false, path, problems)) {
                    defaults.add(b.id());
                }
            });
        }
        if (defaults.size() > 1) {
            problems.add(new Problem("bots", null, "only one bot can be the default; marked: " + defaults));
        }
        String defaultBot = defaults.size() == 1
                ? defaults.get(0)
                : bots.size() == 1 && defaults.isEmpty()
                        ? bots.keySet().iterator().next()
                        : null;
        Map<String, Map<String, String>> headerSets = headerSets(o, problems);
        Map<String, Trunk> trunks = new LinkedHashMap<>();
        JsonArray trunkArray = array(o, "trunks", problems);
        for (int i = 0; i < trunkArray.size(); i++) {
            String path = "trunks[" + i + "]";
            trunk(trunkArray.get(i), path, problems).ifPresent(t -> {
                if (trunks.putIfAbsent(t.id(), t) != null) {
                    problems.add(new Problem(path + ".id", null, "duplicate trunk id '" + t.id() + "'"));
                }
            });
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        JsonArray flowArray = array(o, "flows", problems);
        for (int i = 0; i < flowArray.size(); i++) {
            String path = "flows[" + i + "]";
            FlowParser.parse(flowArray.get(i), path, problems).ifPresent(f -> {
                if (flows.putIfAbsent(f.id(), f) != null) {
                    problems.add(new Problem(path + ".id", null, "duplicate flow id '" + f.id() + "'"));
                }
            });
        }
        int flowIndex = 0;
        for (Map.Entry<String, Flow> e : flows.entrySet()) {
            Flow fl = e.getValue();
            String path = "flows[" + flowIndex++ + "].botId";
            if (fl.botId() == null && defaultBot != null) {
                e.setValue(fl.withBotId(defaultBot));
            } else if (fl.botId() == null && requireBots) {
                problems.add(new Problem(
                        path,
                        null,
                        bots.isEmpty()
                                ? "missing: the bot (st-<uuid>) that answers this flow's calls; it is sent as kore-bot_id "
                                        + "and its conversations are read through the API with that bot's apps"
                                : "missing, and the workspace's " + bots.size()
                                        + " bots have no \"default\": true: name "
                                        + "the bot that answers this flow's calls"));
            } else if (fl.botId() != null && !bots.isEmpty() && !bots.containsKey(fl.botId())) {
                problems.add(new Problem(path, null, "bot '" + fl.botId() + "' is not in the workspace's bots list"));
            }
        }
        int f = 0;
        for (Flow flow : flows.values()) {
            for (org.switchboard.flow.internal.model.Node n : flow.nodes().values()) {
                String set = n.string("headerSet", null);
                if (set != null && !headerSets.containsKey(set)) {
                    problems.add(new Problem(
                            "flows[" + f + "].nodes." + n.id() + ".settings.headerSet",
                            n.id(),
                            "no header set '" + set + "' in the workspace's headerSets"));
                }
            }
            f++;
        }
        Map<String, FlowAttachment> attachments = new LinkedHashMap<>();
        JsonArray attachArray = array(o, "attachments", problems);
        for (int i = 0; i < attachArray.size(); i++) {
            attachment(attachArray.get(i), "attachments[" + i + "]", trunks, flows, attachments, problems);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Workspace(bots, headerSets, trunks, flows, attachments));
    }

    /** The ids of the flows that have no bot (only a workspace parsed without {@code requireBots} has them). */
    public static List<String> flowsWithoutBot(Workspace w) {
        return w.flows().values().stream()
                .filter(f -> f.botId() == null)
                .map(Flow::id)
                .toList();
    }

    private static JsonArray array(JsonObject o, String field, List<Problem> problems) {
        JsonElement v = o.get(field);
        if (v == null || v.isJsonNull()) {
            return new JsonArray();
        }
        if (!v.isJsonArray()) {
            problems.add(new Problem(field, null, "must be a list"));
            return new JsonArray();
        }
        return v.getAsJsonArray();
    }

    /** {@code "headerSets": {"<name>": {"<header>": "<value>", ...}, ...}}, each set checked like a node's headers. */
    private static Map<String, Map<String, String>> headerSets(JsonObject o, List<Problem> problems) {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        JsonElement v = o.get("headerSets");
        if (v == null || v.isJsonNull()) {
            return sets;
        }
        if (!v.isJsonObject()) {
            problems.add(new Problem("headerSets", null, "must be an object of named header sets"));
            return sets;
        }
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            String path = "headerSets." + e.getKey();
            if (!e.getKey().matches(JsonFields.ID_PATTERN)) {
                problems.add(new Problem(
                        path, null, "'" + e.getKey() + "' is not a valid name (1-64 letters, digits, . _ -)"));
            }
            if (!e.getValue().isJsonObject()) {
                problems.add(new Problem(path, null, "a header set is an object of header names to values"));
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> h :
                    e.getValue().getAsJsonObject().entrySet()) {
                if (!h.getValue().isJsonPrimitive()
                        || !h.getValue().getAsJsonPrimitive().isString()) {
                    problems.add(new Problem(path + "." + h.getKey(), null, "a header value must be a string"));
                } else {
                    headers.put(h.getKey(), h.getValue().getAsString());
                }
            }
            if (headers.isEmpty() && problems.stream().noneMatch(p -> p.path().startsWith(path + "."))) {
                problems.add(new Problem(path, null, "a header set needs at least one header"));
            }
            HeaderRules.check(headers, path, null, problems);
            sets.put(e.getKey(), headers);
        }
        return sets;
    }

    private static Optional<BotSpec> bot(JsonElement json, String path, List<Problem> problems) {
        if (!json.isJsonObject()) {
            problems.add(new Problem(path, null, "a bot must be a JSON object with id and name"));
            return Optional.empty();
        }
        int before = problems.size();
        JsonObject o = json.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!BOT_FIELDS.contains(key)) {
                problems.add(new Problem(
                        path + "." + key,
                        null,
                        "unknown field; a bot has " + String.join(", ", new java.util.TreeSet<>(BOT_FIELDS))));
            }
        }
        String id = JsonFields.string(o, "id", path, null, problems);
        if (id == null) {
            problems.add(new Problem(path + ".id", null, "missing: the bot id (st-<uuid>, lower case)"));
        } else if (!id.matches(org.switchboard.api.bot.Bot.ID_PATTERN)) {
            problems.add(new Problem(path + ".id", null, "'" + id + "' is not a bot id (st-<uuid>, lower case)"));
        }
        String name = JsonFields.string(o, "name", path, null, problems);
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(
                    new Problem(path + ".name", null, "missing, empty or over 200 characters: the bot's display name"));
        }
        boolean enabled = true;
        String summarizer = "builtin";
        JsonElement summary = o.get("summary");
        if (summary != null && !summary.isJsonNull()) {
            if (!summary.isJsonObject()) {
                problems.add(new Problem(path + ".summary", null, "must be an object with enabled and summarizer"));
            } else {
                JsonObject so = summary.getAsJsonObject();
                for (String key : so.keySet()) {
                    if (!SUMMARY_FIELDS.contains(key)) {
                        problems.add(new Problem(
                                path + ".summary." + key, null, "unknown field; summary has enabled, summarizer"));
                    }
                }
                enabled = JsonFields.bool(so, "enabled", true, path + ".summary", problems);
                String s = JsonFields.string(so, "summarizer", path + ".summary", null, problems);
                if (s != null && !s.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
                    problems.add(
                            new Problem(
                                    path + ".summary.summarizer",
                                    null,
                                    "'" + s
                                            + "' is not a summarizer id (lower-case letters, digits, . and -), e.g. builtin or llm"));
                }
                summarizer = s == null ? summarizer : s;
            }
        }
        return problems.size() > before
                ? Optional.empty()
                : Optional.of(new BotSpec(id, name.strip(), enabled, summarizer));
    }

    private static Optional<Trunk> trunk(JsonElement json, String path, List<Problem> problems) {
        if (!json.isJsonObject()) {
            problems.add(new Problem(path, null, "a trunk must be a JSON object"));
            return Optional.empty();
        }
        int before = problems.size();
        JsonObject o = json.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!TRUNK_FIELDS.contains(key)) {
                problems.add(new Problem(
                        path + "." + key,
                        null,
                        "unknown field; a trunk has " + String.join(", ", new java.util.TreeSet<>(TRUNK_FIELDS))));
            }
        }
        String id = JsonFields.id(o, "id", path, null, problems);
        String adapter = JsonFields.string(o, "adapter", path, null, problems);
        if (adapter == null) {
            problems.add(new Problem(path + ".adapter", null, "missing: the contact-center adapter type, e.g. zcc"));
        } else if (!adapter.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            problems.add(new Problem(
                    path + ".adapter",
                    null,
                    "'" + adapter + "' is not an adapter type (lower-case letters, digits, -)"));
        }
        List<Cidr> peers = new ArrayList<>();
        List<String> peerTexts = JsonFields.strings(o, "peers", path, null, problems);
        for (int i = 0; i < peerTexts.size(); i++) {
            try {
                peers.add(Cidr.parse(peerTexts.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(path + ".peers[" + i + "]", null, e.getMessage()));
            }
        }
        String fqdn = JsonFields.string(o, "fqdn", path, null, problems);
        if (fqdn != null
                && !fqdn.matches(
                        "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\\.?")) {
            problems.add(new Problem(path + ".fqdn", null, "'" + fqdn + "' is not a fully qualified domain name"));
        }
        String resolve = JsonFields.string(o, "resolve", path, null, problems);
        if (resolve != null && !resolve.equals("a") && !resolve.equals("srv")) {
            problems.add(new Problem(path + ".resolve", null, "must be a (A/AAAA records) or srv (SIP SRV records)"));
        } else if (resolve != null && fqdn == null) {
            problems.add(new Problem(path + ".resolve", null, "needs an fqdn to resolve"));
        }
        if (peerTexts.isEmpty() && fqdn == null) {
            problems.add(new Problem(
                    path + ".peers", null, "a trunk needs allowed peers (IP addresses/CIDR blocks) or an fqdn"));
        }
        Set<String> dids = new LinkedHashSet<>();
        List<String> didTexts = JsonFields.strings(o, "dids", path, null, problems);
        if (didTexts.isEmpty()) {
            problems.add(new Problem(path + ".dids", null, "a trunk needs at least one DID"));
        }
        for (int i = 0; i < didTexts.size(); i++) {
            String raw = didTexts.get(i);
            Optional<String> did = Did.normalize(raw);
            if (did.isEmpty()) {
                problems.add(new Problem(
                        path + ".dids[" + i + "]",
                        null,
                        "'" + raw + "' is not a phone number (E.164: + and 3-15 digits)"));
            } else if (!dids.add(did.get())) {
                problems.add(new Problem(path + ".dids[" + i + "]", null, "duplicate DID " + did.get()));
            }
        }
        boolean inbound = JsonFields.bool(o, "inbound", true, path, problems);
        boolean outbound = JsonFields.bool(o, "outbound", true, path, problems);
        String transport = JsonFields.string(o, "transport", path, null, problems);
        if (transport != null && !TRANSPORTS.contains(transport)) {
            problems.add(new Problem(path + ".transport", null, "must be udp, tcp or tls"));
        }
        String sipUri = JsonFields.string(o, "sipUri", path, null, problems);
        if (sipUri != null && !sipUri.matches("sips?:[^\\s<>\"]+")) {
            problems.add(new Problem(path + ".sipUri", null, "'" + sipUri + "' is not a SIP URI"));
        }
        int maxCalls = limit(o, "maxCalls", 100_000, path, problems);
        int maxRate = limit(o, "maxCallsPerSecond", 10_000, path, problems);
        String srtp = JsonFields.string(o, "srtp", path, null, problems);
        if (srtp != null && !srtp.equals("optional") && !srtp.equals("required")) {
            problems.add(new Problem(path + ".srtp", null, "must be optional or required"));
        }
        TrunkAuth auth = TrunkAuthParser.parse(o, path, problems);
        if (problems.size() > before || id == null) {
            return Optional.empty();
        }
        String name = JsonFields.string(o, "name", path, null, problems);
        return Optional.of(new Trunk(
                id,
                name == null ? id : name,
                adapter,
                peers,
                fqdn,
                resolve == null ? "a" : resolve,
                dids,
                inbound,
                outbound,
                transport == null ? "udp" : transport,
                sipUri,
                maxCalls,
                maxRate,
                srtp == null ? "optional" : srtp,
                auth));
    }

    /**
     * Adds a problem for each trunk of a parsed workspace whose password file cannot be read on this host. Not part
     * of {@link #parse}: a stored workspace is still used when a file went missing, and that trunk's calls are refused.
     */
    public static void checkPasswordFiles(Workspace w, List<Problem> problems) {
        int i = 0;
        for (Trunk t : w.trunks().values()) {
            if (t.auth() != null) {
                Problem p = TrunkAuthParser.checkPasswordFile(t.auth(), "trunks[" + i + "]");
                if (p != null) {
                    problems.add(p);
                }
            }
            i++;
        }
    }

    /** An optional whole number between 0 (no limit) and {@code max}; 0 when absent. */
    private static int limit(JsonObject o, String field, int max, String path, List<Problem> problems) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return 0;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double v = e.getAsDouble();
            if (v == Math.rint(v) && v >= 0 && v <= max) {
                return (int) v;
            }
        }
        problems.add(new Problem(
                path + "." + field, null, "must be a whole number from 0 (no limit) to " + max + ", not " + e));
        return 0;
    }

    private static void attachment(
            JsonElement json,
            String path,
            Map<String, Trunk> trunks,
            Map<String, Flow> flows,
            Map<String, FlowAttachment> attachments,
            List<Problem> problems) {
        if (!json.isJsonObject()) {
            problems.add(new Problem(path, null, "an attachment must be a JSON object with trunk, did and flow"));
            return;
        }
        JsonObject o = json.getAsJsonObject();
        String trunkId = JsonFields.string(o, "trunk", path, null, problems);
        String rawDid = JsonFields.string(o, "did", path, null, problems);
        String flowId = JsonFields.string(o, "flow", path, null, problems);
        if (trunkId == null || rawDid == null || flowId == null) {
            problems.add(new Problem(path, null, "an attachment needs trunk, did and flow"));
            return;
        }
        Trunk trunk = trunks.get(trunkId);
        Optional<String> did = Did.normalize(rawDid);
        if (trunk == null) {
            problems.add(new Problem(path + ".trunk", null, "no trunk '" + trunkId + "'"));
        } else if (did.isEmpty()) {
            problems.add(new Problem(path + ".did", null, "'" + rawDid + "' is not a phone number"));
        } else if (!trunk.dids().contains(did.get())) {
            problems.add(new Problem(path + ".did", null, "trunk '" + trunkId + "' has no DID " + did.get()));
        }
        if (!flows.containsKey(flowId)) {
            problems.add(new Problem(path + ".flow", null, "no valid flow '" + flowId + "'"));
        }
        if (trunk != null && did.isPresent() && flows.containsKey(flowId)) {
            FlowAttachment a = new FlowAttachment(trunkId, did.get(), flowId);
            if (attachments.putIfAbsent(Workspace.key(trunkId, did.get()), a) != null) {
                problems.add(
                        new Problem(path, null, "DID " + did.get() + " on trunk '" + trunkId + "' is attached twice"));
            }
        }
    }
}
