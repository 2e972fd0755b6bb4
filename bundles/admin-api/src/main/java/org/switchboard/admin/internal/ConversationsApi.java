package org.switchboard.admin.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.EndedBy;

import com.google.gson.JsonObject;

/** Recorded conversations: a filtered, paged list (newest first) and one conversation with everything recorded. */
final class ConversationsApi {

    private static final int MAX_TURNS = 10_000;

    private final Router.Need<ConversationStore> store;

    ConversationsApi(Router.Need<ConversationStore> store) {
        this.store = store;
    }

    void routes(Router r) {
        r.add("GET", "/conversations", this::list);
        r.add("GET", "/conversations/([0-9a-f]{24})", q -> {
            ConversationStore s = store.get();
            Conversation c =
                    s.bySessionId(q.param(0)).orElseThrow(() -> AdminException.notFound("conversation " + q.param(0)));
            JsonObject o = AdminJson.conversation(c);
            o.add("turns", AdminJson.list(s.turns(c.sessionId(), 0, MAX_TURNS), AdminJson::turn));
            o.add("events", AdminJson.list(s.events(c.sessionId()), AdminJson::event));
            o.add("sipMessages", AdminJson.list(s.sipMessages(c.sessionId()), AdminJson::sipMessage));
            o.add("summary", s.summary(c.sessionId()).map(AdminJson::summary).orElse(null));
            return Router.Reply.ok(o);
        });
    }

    private Router.Reply list(AdminRequest q) throws AdminException {
        int skip = q.intQuery("skip", 0, 0, Integer.MAX_VALUE);
        int limit = q.intQuery("limit", 50, 1, 500);
        ConversationQuery query = new ConversationQuery(
                time(q, "from"),
                time(q, "to"),
                blank(q.query().get("bot")),
                blank(q.query().get("did")),
                endedBy(q.query().get("endedBy")),
                blank(q.query().get("text")),
                skip,
                limit + 1);
        List<Conversation> page = store.get().find(query);
        boolean more = page.size() > limit;
        JsonObject o = new JsonObject();
        o.add("items", AdminJson.list(more ? page.subList(0, limit) : page, AdminJson::conversation));
        o.addProperty("skip", skip);
        o.addProperty("limit", limit);
        o.addProperty("moreAvailable", more);
        return Router.Reply.ok(o);
    }

    private static Instant time(AdminRequest q, String name) throws AdminException {
        String v = blank(q.query().get(name));
        if (v == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw AdminException.badRequest(
                    "query parameter '" + name + "' must be an ISO-8601 UTC time such as " + "2026-11-23T10:00:00Z");
        }
        if (!ConversationQuery.inRange(t)) {
            throw AdminException.badRequest("query parameter '" + name + "' must be " + ConversationQuery.TIME_RANGE);
        }
        return t;
    }

    private static EndedBy endedBy(String v) throws AdminException {
        if (blank(v) == null) {
            return null;
        }
        try {
            return EndedBy.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("query parameter 'endedBy' must be caller, bot, transfer, error or system");
        }
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
