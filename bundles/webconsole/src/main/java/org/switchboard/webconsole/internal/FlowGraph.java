package org.switchboard.webconsole.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Draws a flow's graph as SVG: nodes in layers by their distance from the start node (nodes nothing reaches at the
 * bottom), one arrow per {@code next} outcome labelled with it; arrows that go back up or sideways curve around the
 * right. Outcomes that lead to the same node share one arrow.
 */
final class FlowGraph {

    private static final int W = 170;
    private static final int H = 46;
    private static final int GAP_X = 40;
    private static final int GAP_Y = 70;
    private static final int MARGIN = 20;

    record Node(String id, String type, Map<String, String> next) {}

    private FlowGraph() {}

    /** The nodes of a flow document, in document order. */
    static List<Node> nodes(JsonObject flow) {
        List<Node> nodes = new ArrayList<>();
        if (flow.has("nodes") && flow.get("nodes").isJsonArray()) {
            for (JsonElement e : flow.getAsJsonArray("nodes")) {
                if (!e.isJsonObject() || !e.getAsJsonObject().has("id")) {
                    continue;
                }
                JsonObject o = e.getAsJsonObject();
                Map<String, String> next = new LinkedHashMap<>();
                if (o.has("next") && o.get("next").isJsonObject()) {
                    o.getAsJsonObject("next").entrySet().forEach(n -> {
                        if (n.getValue().isJsonPrimitive()) {
                            next.put(n.getKey(), n.getValue().getAsString());
                        }
                    });
                }
                nodes.add(new Node(
                        o.get("id").getAsString(), o.has("type") ? o.get("type").getAsString() : "?", next));
            }
        }
        return nodes;
    }

    /** The SVG drawing of a flow document. */
    static String draw(String document) {
        JsonObject flow = JsonParser.parseString(document).getAsJsonObject();
        List<Node> nodes = nodes(flow);
        Map<String, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        String start = flow.has("start")
                ? flow.get("start").getAsString()
                : nodes.isEmpty() ? null : nodes.get(0).id();
        Map<String, Integer> layer = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        if (start != null && byId.containsKey(start)) {
            layer.put(start, 0);
            queue.add(start);
        }
        while (!queue.isEmpty()) {
            String id = queue.poll();
            for (String target : byId.get(id).next().values()) {
                if (byId.containsKey(target) && !layer.containsKey(target)) {
                    layer.put(target, layer.get(id) + 1);
                    queue.add(target);
                }
            }
        }
        int unreachable =
                layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        nodes.forEach(n -> layer.putIfAbsent(n.id(), unreachable));
        List<List<String>> rows = new ArrayList<>();
        layer.forEach((id, l) -> {
            while (rows.size() <= l) {
                rows.add(new ArrayList<>());
            }
            rows.get(l).add(id);
        });
        rows.removeIf(List::isEmpty);
        int widest = rows.stream().mapToInt(List::size).max().orElse(1);
        int width = MARGIN * 2 + widest * W + (widest - 1) * GAP_X + 120;
        int height = MARGIN * 2 + rows.size() * H + Math.max(0, rows.size() - 1) * GAP_Y;
        Map<String, int[]> pos = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int rowWidth = row.size() * W + (row.size() - 1) * GAP_X;
            int x0 = MARGIN + (widest * W + (widest - 1) * GAP_X - rowWidth) / 2;
            for (int i = 0; i < row.size(); i++) {
                pos.put(row.get(i), new int[] {x0 + i * (W + GAP_X), MARGIN + r * (H + GAP_Y)});
            }
        }
        StringBuilder svg = new StringBuilder("<svg class=\"sb-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"flow graph\"><defs><marker ")
                .append("id=\"sb-flow-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#557\"/></marker>")
                .append("</defs>");
        int bend = 0;
        for (Node n : nodes) {
            int[] from = pos.get(n.id());
            Map<String, String> labels = new LinkedHashMap<>();
            n.next().forEach((outcome, target) -> labels.merge(target, outcome, (x, y) -> x + ", " + y));
            for (Map.Entry<String, String> e : swap(labels).entrySet()) {
                int[] to = pos.get(e.getValue());
                if (to == null) {
                    continue;
                }
                String path;
                int lx;
                int ly;
                if (to[1] > from[1]) {
                    int x1 = from[0] + W / 2;
                    int y1 = from[1] + H;
                    int x2 = to[0] + W / 2;
                    int y2 = to[1];
                    path = "M" + x1 + "," + y1 + " L" + x2 + "," + y2;
                    lx = (x1 + x2) / 2 + 4;
                    ly = (y1 + y2) / 2;
                } else {
                    int out = Math.max(from[0], to[0]) + W + 30 + 12 * (bend++ % 5);
                    int y1 = from[1] + H / 2;
                    int y2 = to[1] + H / 2;
                    path = "M" + (from[0] + W) + "," + y1 + " C" + out + "," + y1 + " " + out + "," + y2 + " "
                            + (to[0] + W) + "," + y2;
                    lx = out - 20;
                    ly = (y1 + y2) / 2;
                }
                svg.append("<g class=\"sb-edge\" data-from=\"")
                        .append(Html.a(n.id()))
                        .append("\" data-to=\"")
                        .append(Html.a(e.getValue()))
                        .append("\"><path d=\"")
                        .append(path)
                        .append("\" fill=\"none\" ")
                        .append("stroke=\"#557\" stroke-width=\"1.3\" marker-end=\"url(#sb-flow-arrow)\"/><text x=\"")
                        .append(lx)
                        .append("\" y=\"")
                        .append(ly)
                        .append("\" font-size=\"11\" fill=\"#335\">")
                        .append(Html.h(e.getKey()))
                        .append("</text></g>");
            }
        }
        for (Node n : nodes) {
            int[] p = pos.get(n.id());
            boolean isStart = n.id().equals(start);
            svg.append("<g class=\"sb-node\" data-node=\"")
                    .append(Html.a(n.id()))
                    .append("\"><rect x=\"")
                    .append(p[0])
                    .append("\" y=\"")
                    .append(p[1])
                    .append("\" width=\"")
                    .append(W)
                    .append("\" height=\"")
                    .append(H)
                    .append("\" rx=\"6\" fill=\"")
                    .append(fill(n.type()))
                    .append("\" stroke=\"")
                    .append(isStart ? "#c60" : "#668")
                    .append("\" stroke-width=\"")
                    .append(isStart ? 2.5 : 1)
                    .append("\"/><text x=\"")
                    .append(p[0] + W / 2)
                    .append("\" y=\"")
                    .append(p[1] + 19)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">")
                    .append(Html.h(shorten(n.id())))
                    .append("</text><text x=\"")
                    .append(p[0] + W / 2)
                    .append("\" y=\"")
                    .append(p[1] + 36)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">")
                    .append(Html.h(n.type()))
                    .append(isStart ? " (start)" : "")
                    .append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Outcomes by target, turned back into label to target (one arrow per pair of nodes). */
    private static Map<String, String> swap(Map<String, String> byTarget) {
        Map<String, String> byLabel = new LinkedHashMap<>();
        byTarget.forEach((target, label) -> byLabel.put(label, target));
        return byLabel;
    }

    private static String shorten(String id) {
        return id.length() > 24 ? id.substring(0, 23) + "…" : id;
    }

    private static String fill(String type) {
        return switch (type) {
            case "agentTransfer" -> "#fde9d9";
            case "hangup" -> "#eee";
            case "gather", "automation" -> "#e3f0e3";
            case "message" -> "#e6ecfa";
            case "script", "condition" -> "#f7f3dc";
            default -> "#f5f5f5";
        };
    }
}
