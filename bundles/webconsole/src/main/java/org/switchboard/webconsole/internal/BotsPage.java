package org.switchboard.webconsole.internal;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Bots and their JWT apps, like Kore's "JWT App Details": the bot id and each app's client id and scopes; creating an
 * app (or importing one from Kore with its client id and secret), rotating its secret, changing its scopes, deleting
 * it. A new secret is shown once, on the page that answers the POST (never in a URL, a log line or a listing).
 */
@Component(
        service = Servlet.class,
        property = {
            "felix.webconsole.label=" + BotsPage.LABEL,
            "felix.webconsole.title=Bots & apps",
            "felix.webconsole.category=Switchboard"
        })
public final class BotsPage extends ConsolePage {

    static final String LABEL = "switchboard-bots";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BotsPage.class);
    private static final String SHOWN = BotsPage.class.getName() + ".credentials";

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile BotRepository bots;

    /** Credentials shown once, with the bot and what happened. */
    private record Shown(String botId, String what, AppCredentials credentials) {}

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        BotRepository r = bots;
        if (r == null) {
            out.print("<p class=\"sb-msg sb-err\">Bots cannot be read (is the store running?).</p>");
            return;
        }
        if (request.getAttribute(SHOWN) instanceof Shown s) {
            out.print("<div class=\"sb-msg sb-ok\" id=\"sb-secret-box\"><p>" + Html.h(s.what()) + " Copy the secret "
                    + "now: it is shown this once and cannot be read again.</p><table class=\"sb-table sb-ids\">"
                    + "<tr><td>Bot id</td><td><code>" + Html.h(s.botId()) + "</code></td></tr><tr><td>Client id</td>"
                    + "<td><code id=\"sb-client-id\">" + Html.h(s.credentials().clientId()) + "</code></td></tr>"
                    + "<tr><td>Client secret</td><td><code id=\"sb-client-secret\">"
                    + Html.h(s.credentials().clientSecret()) + "</code></td></tr></table><p>Sign HS256 tokens with "
                    + "the secret and the claim <code>appId</code> = the client id; send them in the <code>auth"
                    + "</code> header (see <code>examples/kore/details.sh</code>).</p></div>");
        }
        out.print(form(
                request,
                root,
                "sb-new-bot",
                Html.hidden("action", "createBot")
                        + "<p>New bot: <input name=\"name\" placeholder=\"name\" required maxlength=\"200\"> "
                        + "<button type=\"submit\">Create bot</button></p>"));
        List<Bot> all = r.bots();
        if (all.isEmpty()) {
            out.print("<p class=\"sb-muted\">No bots yet: a workspace import creates the bots its flows name.</p>");
        }
        for (Bot b : all) {
            out.print("<h2 id=\"bot-" + Html.a(b.botId()) + "\">" + Html.h(b.name()) + "</h2><table class=\"sb-table "
                    + "sb-ids\"><tr><td>Bot id</td><td><code class=\"sb-bot-id\">" + Html.h(b.botId()) + "</code></td>"
                    + "</tr><tr><td>Summaries</td><td>" + (b.summaryEnabled() ? "on, " + Html.h(b.summarizer()) : "off")
                    + "</td></tr></table>");
            List<BotApp> apps = r.apps(b.botId());
            out.print("<table class=\"sb-table sb-apps\"><thead><tr><th>App</th><th>Client id</th><th>Scopes</th><th>"
                    + "JTI once</th><th>Created (UTC)</th><th></th></tr></thead><tbody>");
            for (BotApp a : apps) {
                out.print("<tr><td>" + Html.h(a.name()) + "</td><td><code>" + Html.h(a.clientId()) + "</code></td><td>"
                        + form(
                                request,
                                root,
                                "sb-inline sb-scopes",
                                Html.hidden("action", "scopes")
                                        + Html.hidden("clientId", a.clientId()) + scopeBoxes(a.scopes())
                                        + "<button type=\"submit\">Save</button>")
                        + "</td><td>" + (a.enforceJti() ? "yes" : "no") + "</td><td>" + Html.time(a.createdAt())
                        + "</td><td>"
                        + button(
                                request,
                                root,
                                "Rotate secret",
                                "Give " + a.name() + " a new secret? The" + " old one stops working at once.",
                                "action",
                                "rotate",
                                "clientId",
                                a.clientId())
                        + button(
                                request,
                                root,
                                "Delete",
                                "Delete the app " + a.name() + "?",
                                "action",
                                "deleteApp",
                                "clientId",
                                a.clientId())
                        + "</td></tr>");
            }
            out.print("</tbody></table>");
            out.print(form(
                    request,
                    root,
                    "sb-new-app",
                    Html.hidden("action", "createApp")
                            + Html.hidden("botId", b.botId()) + "<p>New app: <input name=\"name\" placeholder=\"name\" "
                            + "required maxlength=\"200\"> " + scopeBoxes(BotApp.SCOPES)
                            + " <label><input type=\"checkbox\" "
                            + "name=\"enforceJti\" value=\"true\"> each jti once</label></p><p>Importing an app from Kore? "
                            + "<input name=\"clientId\" placeholder=\"cs-... (optional)\" size=\"40\"> <input name=\""
                            + "clientSecret\" type=\"password\" placeholder=\"its secret\" autocomplete=\"off\"> "
                            + "<button type=\"submit\">Create app</button></p>"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        response.setHeader("Cache-Control", "no-store"); // the answer may hold a secret
        super.doPost(request, response);
    }

    private static String scopeBoxes(Set<String> checked) {
        StringBuilder b = new StringBuilder();
        for (String scope : List.of(BotApp.CHAT_HISTORY, BotApp.CONVERSATION_SUMMARY)) {
            b.append("<label><input type=\"checkbox\" name=\"scope\" value=\"")
                    .append(Html.a(scope))
                    .append('"')
                    .append(checked.contains(scope) ? " checked" : "")
                    .append("> ")
                    .append(Html.h(scope))
                    .append("</label> ");
        }
        return b.toString();
    }

    @Override
    Outcome act(HttpServletRequest request) {
        BotRepository r = bots;
        if (r == null) {
            return Outcome.failed("", "Bots cannot be changed (is the store running?).");
        }
        String action = param(request, "action");
        String who = request.getRemoteUser() == null ? "the console" : request.getRemoteUser();
        try {
            switch (action == null ? "" : action) {
                case "createBot" -> {
                    String name = param(request, "name");
                    if (name == null) {
                        return Outcome.failed("", "Give the bot a name.");
                    }
                    Bot b = r.createBot(name, true, "builtin");
                    LOG.info("Console: bot {} created by {}", b.botId(), who);
                    return Outcome.ok("", "Bot " + b.name() + " created: " + b.botId() + ".");
                }
                case "createApp" -> {
                    return createApp(request, r, who);
                }
                case "rotate" -> {
                    String clientId = param(request, "clientId");
                    Optional<AppCredentials> c = clientId == null ? Optional.empty() : r.rotateSecret(clientId);
                    if (c.isEmpty()) {
                        return Outcome.failed("", "No such app.");
                    }
                    LOG.info("Console: secret of app {} rotated by {}", clientId, who);
                    String botId = r.app(clientId).map(BotApp::botId).orElse("");
                    request.setAttribute(
                            SHOWN,
                            new Shown(
                                    botId,
                                    "A new secret for " + clientId + "; the old one no " + "longer works.",
                                    c.get()));
                    return null;
                }
                case "scopes" -> {
                    String clientId = param(request, "clientId");
                    Optional<BotApp> app = clientId == null ? Optional.empty() : r.app(clientId);
                    if (app.isEmpty()) {
                        return Outcome.failed("", "No such app.");
                    }
                    Set<String> scopes = scopes(request);
                    r.updateApp(clientId, app.get().name(), scopes, app.get().enforceJti());
                    LOG.info("Console: scopes of app {} set to {} by {}", clientId, scopes, who);
                    return Outcome.ok(
                            "",
                            "App " + app.get().name() + " now holds "
                                    + (scopes.isEmpty() ? "no scope" : String.join(", ", scopes)) + ".");
                }
                case "deleteApp" -> {
                    String clientId = param(request, "clientId");
                    if (clientId == null || !r.deleteApp(clientId)) {
                        return Outcome.failed("", "No such app.");
                    }
                    LOG.info("Console: app {} deleted by {}", clientId, who);
                    return Outcome.ok("", "App " + clientId + " deleted; its tokens no longer work.");
                }
                default -> {
                    return Outcome.failed("", "Unknown action.");
                }
            }
        } catch (IllegalArgumentException e) {
            return Outcome.failed("", e.getMessage());
        }
    }

    private Outcome createApp(HttpServletRequest request, BotRepository r, String who) {
        String botId = param(request, "botId");
        String name = param(request, "name");
        if (botId == null || r.bot(botId).isEmpty()) {
            return Outcome.failed("", "No such bot.");
        }
        if (name == null) {
            return Outcome.failed("", "Give the app a name.");
        }
        Set<String> scopes = scopes(request);
        boolean jti = "true".equals(param(request, "enforceJti"));
        String clientId = param(request, "clientId");
        String secret = request.getParameter("clientSecret");
        if (clientId != null || secret != null && !secret.isEmpty()) {
            if (clientId == null || secret == null || secret.isEmpty()) {
                return Outcome.failed("", "To import an app give both its client id and its secret.");
            }
            if (r.app(clientId).isPresent()) {
                return Outcome.failed("", "An app with client id " + clientId + " exists already.");
            }
            BotApp app = r.importApp(botId, name, scopes, jti, new AppCredentials(clientId, secret));
            LOG.info("Console: app {} imported for bot {} by {}", app.clientId(), botId, who);
            return Outcome.ok(
                    "",
                    "App " + name + " imported with client id " + app.clientId() + "; its secret is "
                            + "the one you gave.");
        }
        AppCredentials c = r.createApp(botId, name, scopes, jti);
        LOG.info("Console: app {} created for bot {} by {}", c.clientId(), botId, who);
        request.setAttribute(SHOWN, new Shown(botId, "App " + name + " created.", c));
        return null;
    }

    private static Set<String> scopes(HttpServletRequest request) {
        Set<String> scopes = new LinkedHashSet<>();
        String[] given = request.getParameterValues("scope");
        if (given != null) {
            for (String s : given) {
                if (!BotApp.SCOPES.contains(s)) {
                    throw new IllegalArgumentException("Unknown scope '" + s + "'; there are " + BotApp.CHAT_HISTORY
                            + " and " + BotApp.CONVERSATION_SUMMARY + ".");
                }
                scopes.add(s);
            }
        }
        return scopes;
    }
}
