package org.switchboard.webconsole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

public class FlowGraphTest {

    private static final String MENU = """
            {"id": "menu", "start": "ask", "nodes": [
              {"id": "ask", "type": "gather", "next": {"1": "billing", "2": "orders", "timeout": "ask", "noinput": "agent"}},
              {"id": "billing", "type": "script", "next": {"done": "agent", "error": "agent"}},
              {"id": "orders", "type": "message", "next": {"done": "ask"}},
              {"id": "agent", "type": "agentTransfer", "next": {"failed": "bye"}},
              {"id": "bye", "type": "hangup"},
              {"id": "orphan", "type": "message", "next": {"done": "nowhere"}}
            ]}""";

    private static List<String> all(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    public void nodesAreLaidOutInLayersFromTheStart() {
        String svg = FlowGraph.draw(MENU);
        assertEquals(
                List.of("ask", "billing", "orders", "agent", "bye", "orphan"),
                all("class=\"sb-node\" data-node=\"([^\"]+)\"", svg));
        List<String> ys = all("data-node=\"[^\"]+\"><rect x=\"\\d+\" y=\"(\\d+)\"", svg);
        int ask = Integer.parseInt(ys.get(0));
        int billing = Integer.parseInt(ys.get(1));
        int orders = Integer.parseInt(ys.get(2));
        int agent = Integer.parseInt(ys.get(3));
        int bye = Integer.parseInt(ys.get(4));
        int orphan = Integer.parseInt(ys.get(5));
        assertTrue(ask < billing);
        assertEquals("siblings share a layer", billing, orders);
        assertEquals("the agent is one step from the start", billing, agent);
        assertTrue(bye > agent);
        assertTrue("nodes nothing reaches go to the bottom", orphan > bye);
        assertTrue(svg.contains("gather (start)"));
    }

    @Test
    public void outcomesToTheSameNodeShareOneArrowAndLoopsCurve() {
        String svg = FlowGraph.draw(MENU);
        List<String> edges = all("class=\"sb-edge\" (data-from=\"[^\"]+\" data-to=\"[^\"]+\")", svg);
        assertEquals(7, edges.size());
        assertTrue(svg.contains(">done, error</text>"));
        assertTrue(
                "a self loop is a curve",
                Pattern.compile("data-from=\"ask\" data-to=\"ask\"><path d=\"M[\\d,]+ C")
                        .matcher(svg)
                        .find());
        assertTrue(
                "an edge back up is a curve",
                Pattern.compile("data-from=\"orders\" data-to=\"ask\"><path d=\"M[\\d,]+ C")
                        .matcher(svg)
                        .find());
        assertFalse("an edge to a missing node is left out", svg.contains("data-to=\"nowhere\""));
    }

    @Test
    public void hostileIdsAreEscaped() {
        String svg = FlowGraph.draw("""
                {"id": "x", "start": "<b>", "nodes": [{"id": "<b>", "type": "<script>alert(1)</script>",
                 "next": {"\\"><img src=x>": "<b>"}}]}""");
        assertFalse(svg, svg.contains("<script>"));
        assertFalse(svg, svg.contains("<img"));
        assertFalse(svg, svg.contains("<b>"));
        assertTrue(svg.contains("&lt;script&gt;"));
    }

    @Test
    public void nodesAreReadFromTheDocument() {
        List<FlowGraph.Node> nodes =
                FlowGraph.nodes(com.google.gson.JsonParser.parseString(MENU).getAsJsonObject());
        assertEquals(6, nodes.size());
        assertEquals("gather", nodes.get(0).type());
        assertEquals("billing", nodes.get(0).next().get("1"));
    }
}
