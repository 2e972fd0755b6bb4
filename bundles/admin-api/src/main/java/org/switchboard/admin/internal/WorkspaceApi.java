package org.switchboard.admin.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.switchboard.api.flow.FlowRegistry;
import org.switchboard.api.store.FlowAttachment;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The workspace, whole (export, check, import all or nothing) and by part (trunks, flows, attachments). A change to a
 * part is made on the exported document and imported again, so it is validated exactly like a workspace file and a
 * rejected change lists every problem and changes nothing.
 */
final class WorkspaceApi {

    private static final String ID = "([A-Za-z0-9][A-Za-z0-9._-]{0,63})";

    private final Router.Need<FlowRegistry> registry;
    private final Supplier<String> sipHost;

    WorkspaceApi(Router.Need<FlowRegistry> registry, Supplier<String> sipHost) {
        this.registry = registry;
        this.sipHost = sipHost;
    }

    void routes(Router r) {
        r.add("GET", "/workspace", q -> Router.Reply.ok(document()));
        r.add("PUT", "/workspace", q -> {
            JsonObject doc = q.object();
            apply(doc);
            return Router.Reply.ok(counts(document()));
        });
        r.add("POST", "/workspace/check", q -> Router.Reply.ok(check(q.object())));
        r.add("GET", "/trunks", q -> Router.Reply.ok(trunks(list(document(), "trunks"))));
        r.add(
                "GET",
                "/trunks/" + ID,
                q -> Router.Reply.ok(
                        trunks(one(document(), "trunks", q.param(0))).get(0)));
        r.add("PUT", "/trunks/" + ID, q -> put("trunks", q));
        r.add("DELETE", "/trunks/" + ID, q -> {
            JsonObject doc = document();
            remove(doc, "trunks", q.param(0));
            removeWhere(doc, "attachments", a -> q.param(0).equals(string(a, "trunk")));
            apply(doc);
            return new Router.Reply(204, null);
        });
        r.add("GET", "/flows", q -> Router.Reply.ok(array(list(document(), "flows"))));
        r.add(
                "GET",
                "/flows/" + ID,
                q -> Router.Reply.ok(one(document(), "flows", q.param(0)).get(0)));
        r.add("PUT", "/flows/" + ID, q -> put("flows", q));
        r.add("POST", "/flows/validate", q -> {
            JsonObject flow = q.object();
            String id = AdminJson.requiredString(flow, "id", 64);
            JsonObject doc = document();
            replace(doc, "flows", id, flow);
            return Router.Reply.ok(check(doc));
        });
        r.add("DELETE", "/flows/" + ID, q -> {
            JsonObject doc = document();
            remove(doc, "flows", q.param(0));
            List<String> attached = new ArrayList<>();
            for (JsonObject a : list(doc, "attachments")) {
                if (q.param(0).equals(string(a, "flow"))) {
                    attached.add(string(a, "did") + " on trunk " + string(a, "trunk"));
                }
            }
            if (!attached.isEmpty()) {
                throw new AdminException(
                        409,
                        "flow " + q.param(0) + " is attached to " + String.join(", ", attached) + "; detach it first");
            }
            apply(doc);
            return new Router.Reply(204, null);
        });
        r.add("GET", "/header-sets", q -> Router.Reply.ok(headerSets(document())));
        r.add("GET", "/header-sets/" + ID, q -> {
            JsonObject sets = headerSets(document());
            if (!sets.has(q.param(0))) {
                throw AdminException.notFound("header set " + q.param(0));
            }
            return Router.Reply.ok(sets.get(q.param(0)));
        });
        r.add("PUT", "/header-sets/" + ID, q -> {
            JsonObject headers = q.object();
            JsonObject doc = document();
            JsonObject sets = headerSets(doc);
            boolean existed = sets.has(q.param(0));
            sets.add(q.param(0), headers);
            doc.add("headerSets", sets);
            apply(doc);
            return new Router.Reply(existed ? 200 : 201, headers);
        });
        r.add("DELETE", "/header-sets/" + ID, q -> {
            JsonObject doc = document();
            JsonObject sets = headerSets(doc);
            if (sets.remove(q.param(0)) == null) {
                throw AdminException.notFound("header set " + q.param(0));
            }
            doc.add("headerSets", sets);
            List<String> problems = registry.get().checkWorkspace(doc.toString());
            if (!problems.isEmpty()) {
                throw new AdminException(
                        409, "header set " + q.param(0) + " is in use: " + String.join("; ", problems));
            }
            apply(doc);
            return new Router.Reply(204, null);
        });
        r.add("GET", "/attachments", q -> Router.Reply.ok(array(list(document(), "attachments"))));
        r.add("PUT", "/attachments", q -> {
            JsonObject a = q.object();
            FlowAttachment attachment = new FlowAttachment(
                    AdminJson.requiredString(a, "trunk", 64),
                    AdminJson.requiredString(a, "did", 40),
                    AdminJson.requiredString(a, "flow", 64));
            try {
                registry.get().attach(attachment);
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest(e.getMessage());
            }
            return Router.Reply.ok(a);
        });
        r.add(
                "DELETE",
                "/attachments/" + ID + "/([+0-9]{1,32})",
                q -> BotsApi.deleted(
                        registry.get().detach(q.param(0), q.param(1)),
                        "attachment of " + q.param(1) + " on " + q.param(0)));
    }

    private static JsonObject headerSets(JsonObject doc) {
        return doc.has("headerSets") && doc.get("headerSets").isJsonObject()
                ? doc.getAsJsonObject("headerSets")
                : new JsonObject();
    }

    private Router.Reply put(String section, AdminRequest q) throws AdminException {
        JsonObject item = q.object();
        String id = AdminJson.optionalString(item, "id", 64);
        if (id != null && !id.equals(q.param(0))) {
            throw AdminException.badRequest("the body's id '" + id + "' is not the path's '" + q.param(0) + "'");
        }
        item.addProperty("id", q.param(0));
        JsonObject doc = document();
        boolean existed = replace(doc, section, q.param(0), item);
        apply(doc);
        return new Router.Reply(
                existed ? 200 : 201, one(document(), section, q.param(0)).get(0));
    }

    private JsonObject document() throws AdminException {
        return JsonParser.parseString(registry.get().exportWorkspace()).getAsJsonObject();
    }

    private void apply(JsonObject doc) throws AdminException {
        List<String> problems = registry.get().importWorkspace(doc.toString());
        if (!problems.isEmpty()) {
            throw new AdminException(400, problems);
        }
    }

    private JsonObject check(JsonObject doc) throws AdminException {
        List<String> problems = registry.get().checkWorkspace(doc.toString());
        JsonObject o = new JsonObject();
        o.addProperty("valid", problems.isEmpty());
        o.add("problems", AdminJson.strings(problems));
        return o;
    }

    private static JsonObject counts(JsonObject doc) {
        JsonObject o = new JsonObject();
        for (String s : List.of("bots", "trunks", "flows", "attachments")) {
            o.addProperty(s, list(doc, s).size());
        }
        return o;
    }

    /** Trunks with the SIP URI of each DID, the address to give the contact center. */
    private JsonArray trunks(List<JsonObject> trunks) {
        JsonArray out = new JsonArray();
        String host = sipHost.get();
        for (JsonObject t : trunks) {
            JsonObject copy = t.deepCopy();
            JsonArray uris = new JsonArray();
            if (t.has("dids") && t.get("dids").isJsonArray()) {
                t.getAsJsonArray("dids").forEach(d -> uris.add("sip:" + d.getAsString() + "@" + host));
            }
            copy.add("sipUris", uris);
            out.add(copy);
        }
        return out;
    }

    static List<JsonObject> list(JsonObject doc, String section) {
        List<JsonObject> items = new ArrayList<>();
        if (doc.has(section) && doc.get(section).isJsonArray()) {
            for (JsonElement e : doc.getAsJsonArray(section)) {
                items.add(e.getAsJsonObject());
            }
        }
        return items;
    }

    private static void removeWhere(JsonObject doc, String section, java.util.function.Predicate<JsonObject> which) {
        List<JsonObject> items = list(doc, section);
        items.removeIf(which);
        doc.add(section, array(items));
    }

    private static List<JsonObject> one(JsonObject doc, String section, String id) throws AdminException {
        for (JsonObject o : list(doc, section)) {
            if (id.equals(string(o, "id"))) {
                return List.of(o);
            }
        }
        throw AdminException.notFound(section.substring(0, section.length() - 1) + " " + id);
    }

    private static boolean replace(JsonObject doc, String section, String id, JsonObject item) {
        JsonArray out = new JsonArray();
        boolean found = false;
        for (JsonObject o : list(doc, section)) {
            if (id.equals(string(o, "id"))) {
                out.add(item);
                found = true;
            } else {
                out.add(o);
            }
        }
        if (!found) {
            out.add(item);
        }
        doc.add(section, out);
        return found;
    }

    private static void remove(JsonObject doc, String section, String id) throws AdminException {
        one(doc, section, id);
        removeWhere(doc, section, o -> id.equals(string(o, "id")));
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static JsonArray array(List<JsonObject> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
