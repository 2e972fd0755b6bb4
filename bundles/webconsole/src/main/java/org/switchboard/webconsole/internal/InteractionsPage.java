package org.switchboard.webconsole.internal;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationQuery;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.ConversationSummaries;
import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.Summary;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.store.TrunkRecord;
import org.switchboard.api.store.WorkspaceRecord;
import org.switchboard.api.store.WorkspaceRepository;
import org.switchboard.util.conversation.AnswerLatencies;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Interactions: the recorded conversations with filters and paging, and one conversation's identifiers, transcript,
 * summary (written on demand), task path, events and SIP ladder.
 */
@Component(
        service = Servlet.class,
        property = {
            "felix.webconsole.label=" + InteractionsPage.LABEL,
            "felix.webconsole.title=Interactions",
            "felix.webconsole.category=Switchboard"
        })
public final class InteractionsPage extends ConsolePage {

    static final String LABEL = "switchboard-interactions";
    static final int PAGE_SIZE = 25;
    private static final long serialVersionUID = 1L;

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

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile WorkspaceRepository workspace;

    @Override
    void render(HttpServletRequest request, PrintWriter out, String root) {
        ConversationStore s = store;
        if (s == null) {
            out.print("<p class=\"sb-msg sb-err\">The conversation store is not running: nothing to show.</p>");
            return;
        }
        String session = param(request, "session");
        if (session != null) {
            detail(request, out, root, s, session);
        } else {
            list(request, out, root, s);
        }
    }

    private void list(HttpServletRequest request, PrintWriter out, String root, ConversationStore s) {
        Filters f = Filters.of(request);
        out.print("<form method=\"get\" action=\"" + Html.a(root) + "\" class=\"sb-filters\" id=\"sb-filters\">"
                + "<label>From (UTC)<input type=\"datetime-local\" name=\"from\" value=\"" + Html.a(f.fromText)
                + "\"></label><label>To (UTC)<input type=\"datetime-local\" name=\"to\" value=\"" + Html.a(f.toText)
                + "\"></label><label>Bot<select name=\"bot\"><option value=\"\">any</option>");
        for (String bot : bots()) {
            out.print("<option" + (bot.equals(f.bot) ? " selected" : "") + " value=\"" + Html.a(bot) + "\">"
                    + Html.h(bot) + "</option>");
        }
        out.print("</select></label><label>DID<input name=\"did\" size=\"14\" value=\"" + Html.a(f.did)
                + "\"></label><label>Ended by<select name=\"endedBy\"><option value=\"\">any</option>");
        for (EndedBy e : EndedBy.values()) {
            String v = e.name().toLowerCase(Locale.ROOT);
            out.print("<option" + (e == f.endedBy ? " selected" : "") + " value=\"" + v + "\">" + v + "</option>");
        }
        out.print("</select></label><label>Text<input name=\"q\" size=\"18\" value=\"" + Html.a(f.text)
                + "\"></label><button type=\"submit\">Filter</button> <a href=\"" + Html.a(root)
                + "\">clear</a></form>");
        if (f.problem != null) {
            out.print("<p class=\"sb-msg sb-err\">" + Html.h(f.problem) + "</p>");
            return;
        }
        List<Conversation> found = s.find(new ConversationQuery(
                f.from, f.to, f.bot, f.did, f.endedBy, f.text, f.page * PAGE_SIZE, PAGE_SIZE + 1));
        boolean more = found.size() > PAGE_SIZE;
        List<Conversation> shown = more ? found.subList(0, PAGE_SIZE) : found;
        if (shown.isEmpty()) {
            out.print("<p class=\"sb-muted\" id=\"sb-none\">No conversations match.</p>");
        } else {
            out.print("<table class=\"sb-table\" id=\"sb-conversations\"><thead><tr><th>Started (UTC)</th><th>DID</th>"
                    + "<th>Caller</th><th>Bot</th><th>Duration</th><th>Ended by</th><th>Reason</th><th>Session</th>"
                    + "</tr></thead><tbody>");
            for (Conversation c : shown) {
                out.print("<tr><td>" + Html.time(c.startedAt()) + "</td><td>" + Html.h(c.did()) + "</td><td>"
                        + Html.h(c.caller()) + "</td><td>" + Html.h(c.botId()) + "</td><td>"
                        + Html.duration(c.startedAt(), c.endedAt()) + "</td><td>"
                        + (c.endedBy() == null
                                ? "<em>in progress</em>"
                                : c.endedBy().name().toLowerCase(Locale.ROOT))
                        + "</td><td>" + Html.h(c.endReason()) + "</td><td><a class=\"sb-id\" href=\""
                        + Html.a(root + "?session=" + Html.u(c.sessionId())) + "\">" + Html.h(c.sessionId())
                        + "</a></td></tr>");
            }
            out.print("</tbody></table>");
        }
        out.print("<p class=\"sb-pager\">Page " + (f.page + 1));
        if (f.page > 0) {
            out.print(" <a id=\"sb-prev\" href=\"" + Html.a(root + "?" + f.query(f.page - 1)) + "\">&laquo; newer</a>");
        }
        if (more) {
            out.print(" <a id=\"sb-next\" href=\"" + Html.a(root + "?" + f.query(f.page + 1)) + "\">older &raquo;</a>");
        }
        out.print("</p>");
    }

    private TreeSet<String> bots() {
        TreeSet<String> bots = new TreeSet<>();
        workspaceRecord()
                .ifPresent(w -> w.flows().forEach(fl -> {
                    if (fl.botId() != null) {
                        bots.add(fl.botId());
                    }
                }));
        return bots;
    }

    private Optional<WorkspaceRecord> workspaceRecord() {
        WorkspaceRepository r = workspace;
        try {
            return workspace(r);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void detail(HttpServletRequest request, PrintWriter out, String root, ConversationStore s, String id) {
        out.print("<p><a href=\"" + Html.a(root) + "\">&laquo; all interactions</a></p>");
        Optional<Conversation> found = s.bySessionId(id);
        if (found.isEmpty()) {
            out.print("<p class=\"sb-msg sb-err\">No conversation has the session id '" + Html.h(id) + "'.</p>");
            return;
        }
        Conversation c = found.get();
        out.print("<h2>Identifiers</h2><table class=\"sb-table sb-ids\" id=\"sb-ids\">");
        idRow(out, "Session id", c.sessionId(), "session");
        idRow(out, "Call-ID", c.callId(), "call");
        idRow(out, "Bot id", c.botId(), "bot");
        out.print("<tr><td>Trunk / DID</td><td>" + Html.h(c.trunkId()) + " / " + Html.h(c.did()) + "</td></tr>"
                + "<tr><td>Caller</td><td>" + Html.h(c.caller()) + "</td></tr><tr><td>Node</td><td id=\"sb-node\">"
                + Html.h(c.nodeId() == null ? "-" : c.nodeId()) + "</td></tr><tr><td>Started</td><td>"
                + Html.time(c.startedAt()) + " UTC, answered " + Html.time(c.answeredAt()) + ", handed off "
                + Html.time(c.handoffAt()) + "</td></tr><tr><td>Ended</td><td id=\"sb-ended\">"
                + (c.endedAt() == null
                        ? "<em>in progress</em>"
                        : Html.time(c.endedAt()) + " by "
                                + c.endedBy().name().toLowerCase(Locale.ROOT)
                                + (c.endReason() == null ? "" : " (" + Html.h(c.endReason()) + ")") + ", after "
                                + Html.duration(c.startedAt(), c.endedAt()))
                + "</td></tr>");
        if (!c.sipHeaders().isEmpty()) {
            out.print("<tr><td>SIP headers</td><td id=\"sb-sip-headers\">");
            c.sipHeaders()
                    .forEach((name, value) ->
                            out.print("<div><code>" + Html.h(name) + ": " + Html.h(value) + "</code></div>"));
            out.print("</td></tr>");
        }
        out.print("</table>");

        out.print("<h2>Task path</h2><p class=\"sb-path\" id=\"sb-path\">");
        if (c.taskPath().isEmpty()) {
            out.print("<span class=\"sb-muted\">none</span>");
        }
        for (int i = 0; i < c.taskPath().size(); i++) {
            out.print((i > 0 ? " &rarr; " : "") + "<span>" + Html.h(c.taskPath().get(i)) + "</span>");
        }
        out.print("</p>");

        out.print("<h2>Summary</h2><div id=\"sb-summary\">");
        Optional<Summary> stored = s.summary(c.sessionId());
        if (stored.isPresent()) {
            Summary sum = stored.get();
            out.print("<p>" + Html.h(sum.text()) + "</p><p class=\"sb-muted\">Written by " + Html.h(sum.summarizer())
                    + " at " + Html.time(sum.createdAt()) + " UTC (" + Html.h(sum.lang()) + ").</p>");
        } else {
            out.print("<p class=\"sb-muted\">No summary written yet.</p>");
        }
        out.print(button(
                        request,
                        root,
                        stored.isPresent() ? "Write the summary again" : "Write the summary",
                        null,
                        "action",
                        "summary",
                        "session",
                        c.sessionId())
                + "</div>");

        out.print("<h2>Transcript</h2><div id=\"sb-transcript\">");
        List<Turn> turns = s.turns(c.sessionId(), 0, 2000);
        List<ConversationEvent> events = s.events(c.sessionId());
        Map<Integer, Map<String, String>> latencies = AnswerLatencies.match(turns, events);
        if (turns.isEmpty()) {
            out.print("<p class=\"sb-muted\">Nothing was said.</p>");
        }
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            boolean caller = t.direction() == Direction.INCOMING;
            String said = t.text() == null ? "" : t.text();
            if (t.digits() != null) {
                said = (said.isEmpty() ? "" : said + " ") + "[keys " + t.digits() + "]";
            }
            out.print("<div class=\"sb-turn " + (caller ? "sb-caller" : "sb-bot") + "\"><small>"
                    + (caller ? "caller" : "bot") + " &middot; "
                    + Html.time(t.at()).substring(11)
                    + (t.taskName() == null ? "" : " &middot; " + Html.h(t.taskName()))
                    + (caller && t.text() != null ? String.format(" &middot; confidence %.2f", t.confidence()) : "")
                    + "</small>" + Html.h(said)
                    + (latencies.containsKey(i) ? LatencyBar.html(latencies.get(i)) : "") + "</div>");
        }
        out.print("</div>");

        out.print("<h2>SIP messages</h2><div id=\"sb-sip\">" + Ladder.draw(s.sipMessages(c.sessionId()), peerName(c))
                + "</div>");

        out.print("<h2>Events</h2>");
        if (events.isEmpty()) {
            out.print("<p class=\"sb-muted\">No events.</p>");
        } else {
            out.print("<table class=\"sb-table\" id=\"sb-events\"><thead><tr><th>Time</th><th>Type</th><th>Details"
                    + "</th></tr></thead><tbody>");
            for (ConversationEvent e : events) {
                StringBuilder attrs = new StringBuilder();
                e.attributes()
                        .forEach((k, v) -> attrs.append(Html.h(k))
                                .append('=')
                                .append(Html.h(v))
                                .append(' '));
                out.print("<tr><td>" + Html.time(e.at()).substring(11) + "</td><td>" + Html.h(e.type()) + "</td><td>"
                        + attrs + "</td></tr>");
            }
            out.print("</tbody></table>");
        }
    }

    private String peerName(Conversation c) {
        String adapter = workspaceRecord()
                .flatMap(w -> w.trunks().stream()
                        .filter(t -> t.id().equals(c.trunkId()))
                        .findFirst())
                .map(TrunkRecord::adapter)
                .orElse(null);
        return (adapter == null ? "Contact center" : adapter.toUpperCase(Locale.ROOT)) + " (" + c.trunkId() + ")";
    }

    private static void idRow(PrintWriter out, String name, String value, String key) {
        out.print("<tr><td>" + Html.h(name) + "</td><td><span class=\"sb-id\" id=\"sb-id-" + key + "\">"
                + (value == null ? "-" : Html.h(value)) + "</span>"
                + (value == null
                        ? ""
                        : "<button type=\"button\" class=\"sb-copy\" data-copy=\"" + Html.a(value) + "\">copy</button>")
                + "</td></tr>");
    }

    @Override
    Outcome act(HttpServletRequest request) {
        String session = param(request, "session");
        String back = session == null ? "" : "session=" + Html.u(session);
        if (!"summary".equals(param(request, "action")) || session == null) {
            return Outcome.failed(back, "Unknown action.");
        }
        ConversationSummaries sum = summaries;
        if (sum == null) {
            return Outcome.failed(back, "The summary service is not running.");
        }
        try {
            Summary s = sum.summary(session, "en");
            return Outcome.ok(back, "Summary written by " + s.summarizer() + ".");
        } catch (NoSuchElementException e) {
            return Outcome.failed("", "No conversation has the session id '" + session + "'.");
        }
    }

    /** The list's filters as given in the query, checked. */
    static final class Filters {
        String fromText;
        String toText;
        Instant from;
        Instant to;
        String bot;
        String did;
        EndedBy endedBy;
        String text;
        int page;
        String problem;

        static Filters of(HttpServletRequest request) {
            Filters f = new Filters();
            f.fromText = param(request, "from");
            f.toText = param(request, "to");
            f.bot = param(request, "bot");
            f.did = param(request, "did");
            f.text = param(request, "q");
            try {
                f.from = instant(f.fromText);
                f.to = instant(f.toText);
            } catch (DateTimeParseException e) {
                f.problem = "A time must look like 2026-11-24T09:30 (UTC).";
            }
            if (!ConversationQuery.inRange(f.from) || !ConversationQuery.inRange(f.to)) {
                f.problem = "A time must be " + ConversationQuery.TIME_RANGE + ".";
                f.from = null;
                f.to = null;
            }
            String ended = param(request, "endedBy");
            if (ended != null) {
                try {
                    f.endedBy = EndedBy.valueOf(ended.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    f.problem = "'Ended by' must be one of caller, bot, transfer, error, system.";
                }
            }
            String page = param(request, "page");
            try {
                f.page = page == null ? 0 : Math.max(0, Math.min(100_000, Integer.parseInt(page)));
            } catch (NumberFormatException e) {
                f.problem = "The page must be a number.";
            }
            return f;
        }

        private static Instant instant(String text) {
            return text == null ? null : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }

        String query(int toPage) {
            StringBuilder b = new StringBuilder();
            append(b, "from", fromText);
            append(b, "to", toText);
            append(b, "bot", bot);
            append(b, "did", did);
            append(b, "endedBy", endedBy == null ? null : endedBy.name().toLowerCase(Locale.ROOT));
            append(b, "q", text);
            return b.append("page=").append(toPage).toString();
        }

        private static void append(StringBuilder b, String name, String value) {
            if (value != null) {
                b.append(name).append('=').append(Html.u(value)).append('&');
            }
        }
    }
}
