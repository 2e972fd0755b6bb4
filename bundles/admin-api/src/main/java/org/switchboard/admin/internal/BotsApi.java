package org.switchboard.admin.internal;

import java.util.Set;

import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Bots and their JWT apps. A client secret is in an answer exactly twice: when its app is created and when it is
 * rotated; it is never listed.
 */
final class BotsApi {

    private static final String BOT = "/bots/(st-[0-9a-f-]{36})";
    private static final String APP = "/apps/(cs-[0-9a-f-]{36})";

    private final Router.Need<BotRepository> bots;

    BotsApi(Router.Need<BotRepository> bots) {
        this.bots = bots;
    }

    void routes(Router r) {
        r.add("GET", "/bots", q -> Router.Reply.ok(AdminJson.list(bots.get().bots(), AdminJson::bot)));
        r.add("POST", "/bots", this::createBot);
        r.add("GET", BOT, q -> Router.Reply.ok(botWithApps(bot(q.param(0)))));
        r.add("PUT", BOT, this::putBot);
        r.add("DELETE", BOT, q -> deleted(bots.get().deleteBot(q.param(0)), "bot " + q.param(0)));
        r.add(
                "GET",
                BOT + "/apps",
                q -> Router.Reply.ok(
                        AdminJson.list(bots.get().apps(bot(q.param(0)).botId()), AdminJson::app)));
        r.add("POST", BOT + "/apps", this::createApp);
        r.add("GET", APP, q -> Router.Reply.ok(AdminJson.app(app(q.param(0)))));
        r.add("PUT", APP, this::putApp);
        r.add("DELETE", APP, q -> deleted(bots.get().deleteApp(q.param(0)), "app " + q.param(0)));
        r.add("POST", APP + "/secret", q -> {
            AppCredentials c =
                    bots.get().rotateSecret(q.param(0)).orElseThrow(() -> AdminException.notFound("app " + q.param(0)));
            JsonObject o = AdminJson.app(app(c.clientId()));
            o.addProperty("clientSecret", c.clientSecret());
            return Router.Reply.ok(o);
        });
    }

    private Router.Reply createBot(AdminRequest q) throws AdminException {
        JsonObject body = q.object();
        String id = AdminJson.optionalString(body, "id", 64);
        Settings s = settings(body);
        Bot bot;
        if (id == null) {
            bot = bots.get().createBot(s.name, s.enabled, s.summarizer);
        } else {
            if (!id.matches(Bot.ID_PATTERN)) {
                throw AdminException.badRequest("'id' must be a bot id: st-<uuid>, lower case");
            }
            if (bots.get().bot(id).isPresent()) {
                throw new AdminException(409, "bot " + id + " exists; PUT /api/admin/bots/" + id + " changes it");
            }
            bot = bots.get().saveBot(new Bot(id, s.name, s.enabled, s.summarizer, java.time.Instant.now()));
        }
        return new Router.Reply(201, AdminJson.bot(bot));
    }

    private Router.Reply putBot(AdminRequest q) throws AdminException {
        Settings s = settings(q.object());
        Bot before = bots.get().bot(q.param(0)).orElse(null);
        Bot bot = bots.get()
                .saveBot(new Bot(
                        q.param(0),
                        s.name,
                        s.enabled,
                        s.summarizer,
                        before == null ? java.time.Instant.now() : before.createdAt()));
        return new Router.Reply(before == null ? 201 : 200, AdminJson.bot(bot));
    }

    private record Settings(String name, boolean enabled, String summarizer) {}

    private static Settings settings(JsonObject body) throws AdminException {
        String name = AdminJson.requiredString(body, "name", 200);
        boolean enabled = true;
        String summarizer = "builtin";
        JsonElement summary = body.get("summary");
        if (summary != null && !summary.isJsonNull()) {
            if (!summary.isJsonObject()) {
                throw AdminException.badRequest("'summary' must be an object with enabled and summarizer");
            }
            enabled = AdminJson.bool(summary.getAsJsonObject(), "enabled", true);
            String s = AdminJson.optionalString(summary.getAsJsonObject(), "summarizer", 64);
            if (s != null && !s.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
                throw AdminException.badRequest("'summary.summarizer' must be a summarizer id, e.g. builtin or llm");
            }
            summarizer = s == null ? summarizer : s;
        }
        return new Settings(name, enabled, summarizer);
    }

    private Router.Reply createApp(AdminRequest q) throws AdminException {
        Bot bot = bot(q.param(0));
        JsonObject body = q.object();
        String name = AdminJson.requiredString(body, "name", 200);
        Set<String> scopes = AdminJson.scopes(body);
        boolean jti = AdminJson.bool(body, "enforceJti", false);
        String clientId = AdminJson.optionalString(body, "clientId", 64);
        String secret = AdminJson.optionalString(body, "clientSecret", 512);
        if (clientId != null || secret != null) {
            if (clientId == null || secret == null) {
                throw AdminException.badRequest("an imported app needs both 'clientId' and 'clientSecret'");
            }
            try {
                BotApp imported =
                        bots.get().importApp(bot.botId(), name, scopes, jti, new AppCredentials(clientId, secret));
                return new Router.Reply(201, AdminJson.app(imported)); // the caller has the secret: not echoed
            } catch (IllegalStateException e) {
                throw new AdminException(409, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest(e.getMessage());
            }
        }
        AppCredentials c = bots.get().createApp(bot.botId(), name, scopes, jti);
        JsonObject o = AdminJson.app(app(c.clientId()));
        o.addProperty("clientSecret", c.clientSecret());
        return new Router.Reply(201, o);
    }

    private Router.Reply putApp(AdminRequest q) throws AdminException {
        JsonObject body = q.object();
        String name = AdminJson.requiredString(body, "name", 200);
        Set<String> scopes = AdminJson.scopes(body);
        boolean jti = AdminJson.bool(body, "enforceJti", false);
        BotApp app = bots.get()
                .updateApp(q.param(0), name, scopes, jti)
                .orElseThrow(() -> AdminException.notFound("app " + q.param(0)));
        return Router.Reply.ok(AdminJson.app(app));
    }

    private JsonObject botWithApps(Bot bot) throws AdminException {
        JsonObject o = AdminJson.bot(bot);
        o.add("apps", AdminJson.list(bots.get().apps(bot.botId()), AdminJson::app));
        return o;
    }

    private Bot bot(String id) throws AdminException {
        return bots.get().bot(id).orElseThrow(() -> AdminException.notFound("bot " + id));
    }

    private BotApp app(String id) throws AdminException {
        return bots.get().app(id).orElseThrow(() -> AdminException.notFound("app " + id));
    }

    static Router.Reply deleted(boolean existed, String what) throws AdminException {
        if (!existed) {
            throw AdminException.notFound(what);
        }
        return new Router.Reply(204, null);
    }
}
