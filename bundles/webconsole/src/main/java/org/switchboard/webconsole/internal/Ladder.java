package org.switchboard.webconsole.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.SipMessageRecord;

/**
 * Draws a call's SIP messages as a ladder (as sngrep does): the contact center on the left, Switchboard on the right,
 * one arrow per message with its method or status and its time since the first; clicking an arrow opens that
 * message's headers, listed below the drawing.
 */
final class Ladder {

    private static final int LEFT = 190;
    private static final int RIGHT = 610;
    private static final int TOP = 56;
    private static final int ROW = 36;

    private Ladder() {}

    /** The label of a message: the method of a request, the status and CSeq method of a response. */
    static String label(SipMessageRecord m) {
        String first = m.firstLine().trim();
        if (first.startsWith("SIP/2.0 ")) {
            String status = first.substring(8);
            String cseq = header(m.headers(), "CSeq");
            String method = cseq == null ? "" : cseq.replaceAll("^\\s*\\d+\\s*", "");
            return method.isEmpty() ? status : status + " (" + method + ")";
        }
        int space = first.indexOf(' ');
        return space > 0 ? first.substring(0, space) : first;
    }

    static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The drawing and the list of messages, or a note when none were kept. */
    static String draw(List<SipMessageRecord> messages, String peerName) {
        if (messages.isEmpty()) {
            return "<p class=\"sb-muted\">No SIP messages were kept for this call.</p>";
        }
        int height = TOP + messages.size() * ROW + 16;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"sb-ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 720 ")
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append("SIP ladder diagram\">")
                .append("<defs><marker id=\"sb-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" ")
                .append(
                        "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/>")
                .append("</marker></defs>");
        lifeline(svg, LEFT, peerName, height);
        lifeline(svg, RIGHT, "Switchboard", height);
        var start = messages.get(0).at();
        for (int i = 0; i < messages.size(); i++) {
            SipMessageRecord m = messages.get(i);
            int y = TOP + i * ROW + 20;
            boolean in = m.direction() == Direction.INCOMING;
            int x1 = in ? LEFT : RIGHT;
            int x2 = in ? RIGHT : LEFT;
            double seconds = Duration.between(start, m.at()).toMillis() / 1000.0;
            svg.append("<a href=\"#sip-")
                    .append(i)
                    .append("\" data-sip=\"")
                    .append(i)
                    .append("\" class=\"sb-msg-")
                    .append(in ? "in" : "out")
                    .append("\"><title>")
                    .append(Html.h(m.firstLine()))
                    .append("</title>")
                    .append("<rect x=\"")
                    .append(LEFT)
                    .append("\" y=\"")
                    .append(y - 18)
                    .append("\" width=\"")
                    .append(RIGHT - LEFT)
                    .append("\" height=\"")
                    .append(ROW - 4)
                    .append("\" fill=\"transparent\"/>")
                    .append("<text x=\"8\" y=\"")
                    .append(y + 4)
                    .append("\" font-size=\"11\" fill=\"#555\">")
                    .append(Html.h(Html.time(m.at()).substring(11)))
                    .append(String.format(" +%.3fs", seconds))
                    .append("</text>")
                    .append("<text x=\"")
                    .append((LEFT + RIGHT) / 2)
                    .append("\" y=\"")
                    .append(y - 5)
                    .append("\" font-size=\"12\" text-anchor=\"middle\" font-family=\"monospace\">")
                    .append(Html.h(label(m)))
                    .append("</text>")
                    .append("<line x1=\"")
                    .append(x1)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(x2)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"#333\" stroke-width=\"1.5\" ")
                    .append("marker-end=\"url(#sb-arrow)\"/></a>");
        }
        svg.append("</svg>");
        StringBuilder list = new StringBuilder("<div class=\"sb-sip\">");
        for (int i = 0; i < messages.size(); i++) {
            SipMessageRecord m = messages.get(i);
            list.append("<details id=\"sip-")
                    .append(i)
                    .append("\"><summary>")
                    .append(i + 1)
                    .append(". ")
                    .append(m.direction() == Direction.INCOMING ? "received " : "sent ")
                    .append(Html.time(m.at()))
                    .append(" <code>")
                    .append(Html.h(m.firstLine()))
                    .append("</code></summary><pre>")
                    .append(Html.h(m.firstLine()))
                    .append('\n');
            m.headers()
                    .forEach((name, values) -> values.forEach(v -> list.append(Html.h(name))
                            .append(": ")
                            .append(Html.h(v))
                            .append('\n')));
            list.append("</pre></details>");
        }
        return svg.append(list).append("</div>").toString();
    }

    private static void lifeline(StringBuilder svg, int x, String name, int height) {
        svg.append("<rect x=\"")
                .append(x - 80)
                .append("\" y=\"6\" width=\"160\" height=\"26\" rx=\"4\" fill=\"#eef\" ")
                .append("stroke=\"#99c\"/><text x=\"")
                .append(x)
                .append("\" y=\"24\" text-anchor=\"middle\" ")
                .append("font-size=\"12\" font-weight=\"bold\">")
                .append(Html.h(name))
                .append("</text>")
                .append("<line x1=\"")
                .append(x)
                .append("\" y1=\"32\" x2=\"")
                .append(x)
                .append("\" y2=\"")
                .append(height - 4)
                .append("\" stroke=\"#99c\" stroke-dasharray=\"4 3\"/>");
    }
}
