package org.switchboard.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.admin.AdminAuthenticator;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.call.LiveCalls;
import org.switchboard.api.cluster.Cluster;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.flow.FlowRegistry;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.util.http.BasicCredentials;
import org.switchboard.util.metrics.RequestMetrics;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/admin/*}: the administration REST API, HTTP Basic with the administrator's credentials (the Web
 * Console's), failed logins limited per client address. {@code /api/admin/openapi.json} (the API's description) needs
 * no login. Every answer is JSON; every refusal is {@code {"errors":[{"msg", "code"}, ...]}} with the HTTP status as
 * the code. Changes are logged with the administrator's name, never with their bodies.
 */
@Component(
        service = {Servlet.class, MetricsSource.class},
        configurationPid = AdminApiServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/api/admin/*")
@Designate(ocd = AdminApiConfig.class)
public class AdminApiServlet extends HttpServlet implements MetricsSource {

    private final transient RequestMetrics requestMetrics = new RequestMetrics("admin");

    /** The configuration PID. */
    public static final String PID = "org.switchboard.adminapi";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);
    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setPrettyPrinting()
            .create();

    private final transient AdminApiConfig config;
    private final transient Router router = new Router();

    // Lists, not single optional references: SCR 2.2.18 fails (NPE in SingleDynamicCustomizer.tryInvokeBind0) when a
    // single dynamic reference of this component is bound re-entrantly at startup; the list path has no such state.
    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<AdminAuthenticator> authenticator = List.of();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<BotRepository> bots = List.of();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<FlowRegistry> registry = List.of();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<ConversationStore> store = List.of();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<ConfigurationAdmin> configAdmin = List.of();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<LiveCalls> live = List.of();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.REPLACE)
    private transient volatile List<Cluster> cluster = List.of();

    @Activate
    public AdminApiServlet(AdminApiConfig config) {
        check("max.body.bytes", config.max_body_bytes(), 1024, 16_777_216);
        this.config = config;
        new BotsApi(() -> need(bots, "bot store")).routes(router);
        new WorkspaceApi(() -> need(registry, "flow registry"), this::sipHost).routes(router);
        new ConversationsApi(() -> need(store, "conversation store")).routes(router);
        new NodeApi(() -> need(live, "SIP bundle"), () -> need(cluster, "store (cluster view)")).routes(router);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            String m = "PID " + PID + ": property '" + name + "' = '" + value + "': must be between " + min + " and "
                    + max;
            LOG.error(m);
            throw new IllegalArgumentException(m);
        }
    }

    /** The best-ranked service of a reference list (SCR sorts it), or a 503. */
    private static <T> T need(List<T> services, String what) throws AdminException {
        T service = services.isEmpty() ? null : services.get(0);
        if (service == null) {
            throw new AdminException(503, "The " + what + " is not available right now; try again shortly");
        }
        return service;
    }

    @Override
    public void collect(MetricsWriter out) {
        requestMetrics.writeTo(out);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        requestMetrics.time(() -> handle(req, resp), resp::getStatus);
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (path.equals("/openapi.json") && method.equals("GET")) {
            openApi(resp);
            return;
        }
        String user = null;
        try {
            user = login(req);
            Router.Reply reply = router.dispatch(method, path, query(req), body(req));
            if (!method.equals("GET")) {
                LOG.info("Admin '{}' {} /api/admin{}: {}", user, method, printable(path), reply.status());
            }
            resp.setStatus(reply.status());
            resp.setHeader("Cache-Control", "no-store");
            if (reply.body() != null) {
                write(resp, GSON.toJson(reply.body()));
            }
        } catch (AdminException e) {
            if (e instanceof Router.MethodNotAllowed m) {
                resp.setHeader("Allow", m.allow());
            }
            if (e.status() == 401) {
                resp.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard admin\", charset=\"UTF-8\"");
            } else if (e.status() == 429 || e.status() == 503) {
                resp.setHeader("Retry-After", e.status() == 429 ? "60" : "5");
            }
            if (user != null && e.status() != 404 && !method.equals("GET")) {
                LOG.info(
                        "Admin '{}' {} /api/admin{}: {} {}",
                        user,
                        method,
                        printable(path),
                        e.status(),
                        printable(e.getMessage()));
            }
            error(resp, e);
        } catch (IllegalArgumentException e) {
            error(resp, AdminException.badRequest(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} /api/admin{} failed", method, printable(path), e);
            error(resp, new AdminException(500, "Internal error; the server log has the details"));
        }
    }

    private String login(HttpServletRequest req) throws AdminException {
        AdminAuthenticator auth = need(authenticator, "administrator account");
        BasicCredentials login = BasicCredentials.of(req.getHeader("Authorization"))
                .orElseThrow(
                        () -> new AdminException(401, "Log in with HTTP Basic and the administrator's credentials"));
        String user = login.user();
        String password = login.password();
        return switch (auth.login(user, password, req.getRemoteAddr())) {
            case ACCEPTED -> user;
            case BLOCKED ->
                throw new AdminException(429, "Too many failed logins from " + req.getRemoteAddr() + "; wait a minute");
            case REJECTED -> throw new AdminException(401, "Wrong user name or password");
        };
    }

    private static Map<String, String> query(HttpServletRequest req) {
        Map<String, String> q = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> q.put(k, v.length == 0 ? "" : v[0]));
        return q;
    }

    private String body(HttpServletRequest req) throws AdminException, IOException {
        String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        int max = config.max_body_bytes();
        if (req.getContentLengthLong() > max) {
            throw new AdminException(413, "The request body is larger than " + max + " bytes");
        }
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new AdminException(413, "The request body is larger than " + max + " bytes");
            }
            if (bytes.length > 0
                    && !type.isEmpty()
                    && !type.contains("json")
                    && !type.startsWith("application/x-www-form-urlencoded")) {
                throw new AdminException(415, "Send the body as Content-Type: application/json");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Where the contact center sends INVITEs: configured, or the SIP bundle's address and UDP port. */
    String sipHost() {
        if (!config.sip_host().isBlank()) {
            return config.sip_host().trim();
        }
        String address = "127.0.0.1";
        String port = "5060";
        List<ConfigurationAdmin> admins = configAdmin;
        ConfigurationAdmin ca = admins.isEmpty() ? null : admins.get(0);
        try {
            Configuration sip = ca == null ? null : ca.getConfiguration("org.switchboard.sip", "?");
            Dictionary<String, Object> p = sip == null ? null : sip.getProperties();
            if (p != null) {
                address = p.get("address") == null ? address : p.get("address").toString();
                port = p.get("udp.port") == null ? port : p.get("udp.port").toString();
            }
        } catch (IOException e) {
            LOG.debug("SIP configuration not readable: {}", e.toString());
        }
        String host = address.contains(":") ? "[" + address + "]" : address;
        return port.equals("5060") ? host : host + ":" + port;
    }

    private static void openApi(HttpServletResponse resp) throws IOException {
        try (InputStream in = AdminApiServlet.class.getResourceAsStream("openapi.json")) {
            resp.setStatus(200);
            write(resp, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void error(HttpServletResponse resp, AdminException e) throws IOException {
        JsonArray errors = new JsonArray();
        for (String m : e.messages()) {
            JsonObject o = new JsonObject();
            o.addProperty("msg", m);
            o.addProperty("code", e.status());
            errors.add(o);
        }
        JsonObject body = new JsonObject();
        body.add("errors", errors);
        resp.setStatus(e.status());
        resp.setHeader("Cache-Control", "no-store");
        write(resp, GSON.toJson(body));
    }

    private static void write(HttpServletResponse resp, String json) throws IOException {
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(json);
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String p = s.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
        return p.length() > 200 ? p.substring(0, 200) + "…" : p;
    }
}
