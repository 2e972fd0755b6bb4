package org.switchboard.summary.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.ConversationSummaries;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.metrics.MetricsSource;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.util.conversation.AnswerLatencies;
import org.switchboard.util.metrics.RequestMetrics;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Kore-compatible public API: {@code POST /api/public/bot/{botId}/conversationDetails} (scope
 * {@value BotApp#CHAT_HISTORY}) and {@code POST /api/public/streams/{botId}/conversationSummary} (scope
 * {@value BotApp#CONVERSATION_SUMMARY}), authenticated by a JWT in the {@code auth} header (or
 * {@code Authorization: Bearer}). Every answer is JSON; every refusal is {@code {"errors":[{"msg", "code"}]}} with
 * the HTTP status as its code.
 */
@Component(
        service = {Servlet.class, MetricsSource.class},
        configurationPid = PublicApiServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/api/public/*")
@Designate(ocd = SummaryApiConfig.class)
public class PublicApiServlet extends HttpServlet implements MetricsSource {

    private final transient RequestMetrics requestMetrics = new RequestMetrics("summary");

    /** The configuration PID, shared with the summary service. */
    public static final String PID = "org.switchboard.summary";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PublicApiServlet.class);
    private static final Gson GSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final Pattern DETAILS = Pattern.compile("/bot/([^/]{1,100})/conversationDetails/?");
    private static final Pattern SUMMARY = Pattern.compile("/streams/([^/]{1,100})/conversationSummary/?");

    private final transient SummaryApiConfig config;
    private final transient JwtVerifier verifier;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile BotRepository bots;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConversationStore store;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConversationSummaries summaries;

    @Activate
    public PublicApiServlet(SummaryApiConfig config) {
        Settings.check(config);
        this.config = config;
        this.verifier =
                new JwtVerifier(Clock.systemUTC(), config.clock_skew_s(), config.max_token_bytes(), config.jti_ttl_s());
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
        Matcher details = DETAILS.matcher(path);
        Matcher summary = SUMMARY.matcher(path);
        try {
            if (!details.matches() && !summary.matches()) {
                throw new ApiException(404, "No such API: " + req.getMethod() + " /api/public" + printable(path));
            }
            if (!"POST".equals(req.getMethod())) {
                resp.setHeader("Allow", "POST");
                throw new ApiException(405, "Use POST for this API");
            }
            boolean isDetails = details.matches();
            String botId = isDetails ? details.group(1) : summary.group(1);
            JsonObject body = isDetails ? details(req, botId) : summary(req, botId);
            send(resp, 200, body);
        } catch (ApiException e) {
            if (e.status() >= 500) {
                LOG.warn("{} {}: {} ({})", req.getMethod(), printable(req.getRequestURI()), e.getMessage(), e.detail());
            } else if (e.status() == 401 || e.status() == 403) {
                LOG.info(
                        "Refused {} {} from {}: {}",
                        req.getMethod(),
                        printable(req.getRequestURI()),
                        req.getRemoteAddr(),
                        printable(e.detail()));
            }
            if (e.status() == 503) {
                resp.setHeader("Retry-After", "5");
            }
            send(resp, e.status(), ConversationJson.errors(e.status(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), printable(req.getRequestURI()), e);
            send(resp, 500, ConversationJson.errors(500, "Internal error; the server log has the details"));
        }
    }

    /** The turns read to place answer latencies: a conversation longer than this shows none past it. */
    private static final int MAX_TIMED_TURNS = 10_000;

    private JsonObject details(HttpServletRequest req, String botId) throws ApiException, IOException {
        Services s = services();
        verifier.verify(s.bots, token(req), botId, BotApp.CHAT_HISTORY);
        DetailsRequest r = DetailsRequest.parse(body(req), config.page_limit_default(), config.page_limit_max());
        Conversation c = find(s.store, r, botId);
        List<Turn> all = s.store.turns(c.sessionId(), 0, MAX_TIMED_TURNS);
        List<ConversationEvent> events = s.store.events(c.sessionId());
        boolean complete = all.size() < MAX_TIMED_TURNS; // else a page past them is read on its own
        List<Turn> page = complete
                ? all.subList(
                        Math.min(all.size(), r.skip()), (int) Math.min(all.size(), (long) r.skip() + r.limit() + 1))
                : s.store.turns(c.sessionId(), r.skip(), r.limit() + 1);
        boolean more = page.size() > r.limit();
        JsonObject o = new JsonObject();
        o.add("conversationInfo", ConversationJson.info(c));
        o.add("conversationFlow", ConversationJson.flow(c));
        Map<Integer, Map<String, String>> latencies = AnswerLatencies.match(all, events);
        o.add(
                "conversationHistory",
                ConversationJson.history(c, more ? page.subList(0, r.limit()) : page, r.skip(), latencies));
        if (r.summaryRequired()) {
            o.add("summary", summaryJson(s, botId, c, complete ? all : null, events, r.lang()));
        }
        o.addProperty("skip", r.skip());
        o.addProperty("limit", r.limit());
        o.addProperty("moreAvailable", more);
        return o;
    }

    /**
     * Kore's answer, {@code ConversationSummary} and {@code time} at the top level, with this API's extensions
     * beside them: {@code lang}, {@code summarizer}, and for a recorded conversation {@code sessionId},
     * {@code callId} and the same summary as {@code summary{...}} (this API's earlier shape).
     */
    private JsonObject summary(HttpServletRequest req, String botId) throws ApiException, IOException {
        Services s = services();
        verifier.verify(s.bots, token(req), botId, BotApp.CONVERSATION_SUMMARY);
        DetailsRequest.Summary r = DetailsRequest.parseSummary(body(req));
        JsonObject summary;
        JsonObject o = new JsonObject();
        if (r.transcript() != null) {
            summary = transcriptSummary(s, botId, r.transcript(), r.lang());
        } else {
            Conversation c = find(s.store, r.ids(), botId);
            o.addProperty("sessionId", c.sessionId());
            o.addProperty("callId", c.callId());
            summary = summaryJson(s, botId, c, null, null, r.lang());
        }
        JsonObject answer = new JsonObject();
        summary.entrySet().forEach(e -> answer.add(e.getKey(), e.getValue()));
        o.entrySet().forEach(e -> answer.add(e.getKey(), e.getValue()));
        if (r.transcript() == null) {
            answer.add("summary", summary);
        }
        return answer;
    }

    private JsonObject transcriptSummary(Services s, String botId, String transcript, String lang) throws ApiException {
        Writer w = writer(s, botId);
        return w == null
                ? ConversationJson.summaryDisabled()
                : ConversationJson.summary(
                        w.service().summarizeTranscript(w.botKnown() ? botId : null, transcript, lang));
    }

    /** The summary service for a bot whose summaries are on, and whether the bot is known; null when they are off. */
    private record Writer(ConversationSummaries service, boolean botKnown) {}

    private Writer writer(Services s, String botId) throws ApiException {
        Optional<Bot> bot = s.bots.bot(botId);
        if (bot.isPresent() && !bot.get().summaryEnabled()) {
            return null;
        }
        ConversationSummaries writer = summaries;
        if (writer == null) {
            throw new ApiException(
                    503,
                    "Summaries are not available right now; try again shortly",
                    "no ConversationSummaries service");
        }
        return new Writer(writer, bot.isPresent());
    }

    /** {@code turns}: all the conversation's turns, read already with its {@code events}; null to read them. */
    private JsonObject summaryJson(
            Services s, String botId, Conversation c, List<Turn> turns, List<ConversationEvent> events, String lang)
            throws ApiException {
        Writer w = writer(s, botId);
        if (w == null) {
            return ConversationJson.summaryDisabled();
        }
        try {
            Summary summary = turns == null
                    ? w.service().summary(c.sessionId(), lang)
                    : w.service().summary(c, turns, events, lang);
            return ConversationJson.summary(summary);
        } catch (NoSuchElementException e) {
            throw new ApiException(404, "No conversation with that id for this bot");
        }
    }

    private static Conversation find(ConversationStore store, DetailsRequest r, String botId) throws ApiException {
        Optional<Conversation> c;
        if (r.sessionId() != null) {
            c = store.bySessionId(r.sessionId());
        } else if (r.callId() != null) {
            c = store.byCallId(r.callId());
        } else {
            String id = r.conversationId();
            c = id.matches("[0-9a-fA-F]{24}")
                    ? store.bySessionId(id.toLowerCase(java.util.Locale.ROOT))
                    : Optional.empty();
            if (c.isEmpty()) {
                c = store.byCallId(id);
            }
        }
        if (c.isEmpty() || !botId.equals(c.get().botId())) {
            throw new ApiException(404, "No conversation with that id for this bot");
        }
        return c.get();
    }

    private record Services(BotRepository bots, ConversationStore store) {}

    private Services services() throws ApiException {
        BotRepository b = bots;
        ConversationStore s = store;
        if (b == null || s == null) {
            throw new ApiException(
                    503,
                    "The conversation store is not available right now; try again shortly",
                    b == null ? "no BotRepository service" : "no ConversationStore service");
        }
        return new Services(b, s);
    }

    private static String token(HttpServletRequest req) {
        String auth = req.getHeader("auth");
        if (auth != null && !auth.isBlank()) {
            return auth;
        }
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return null;
    }

    private String body(HttpServletRequest req) throws ApiException, IOException {
        // clients that forget the header get curl's and Java's default form type: the body is still parsed as JSON
        String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.isEmpty() && !type.contains("json") && !type.startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "Send the body as Content-Type: application/json");
        }
        int max = config.max_body_bytes();
        if (req.getContentLengthLong() > max) {
            throw new ApiException(413, "The request body is larger than " + max + " bytes");
        }
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ApiException(413, "The request body is larger than " + max + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpServletResponse resp, int status, JsonObject body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(GSON.toJson(body));
    }

    /** Caller-controlled text made safe for one log line. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String p = s.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
        return p.length() > 200 ? p.substring(0, 200) + "…" : p;
    }
}
