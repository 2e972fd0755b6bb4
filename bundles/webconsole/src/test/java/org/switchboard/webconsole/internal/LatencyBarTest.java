package org.switchboard.webconsole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class LatencyBarTest {

    @Test
    public void eachStageIsABarOnTheCommonScaleAndTheFiguresAreInWords() {
        String html = LatencyBar.html(Map.of(
                "endpoint", "phrase",
                "totalMs", "300",
                "recognitionMs", "150",
                "assistantMs", "75",
                "synthesisMs", "0",
                "playoutMs", "75"));
        assertTrue(html, html.contains("class=\"sb-lat-recognition\" style=\"width:10.0%\""));
        assertTrue(html, html.contains("class=\"sb-lat-assistant\" style=\"width:5.0%\""));
        assertTrue(html, html.contains("class=\"sb-lat-synthesis\" style=\"width:0.0%\""));
        assertTrue(
                html,
                html.contains("answered 300 ms after the caller stopped (turn ended by phrase): recognition 150"));
    }

    @Test
    public void aLongStageIsDrawnFullWidthAndBadValuesAreEscapedOrLeftOut() {
        String html = LatencyBar.html(Map.of("totalMs", "5000", "recognitionMs", "4000", "endpoint", "<b>"));
        assertTrue(html, html.contains("sb-lat-recognition\" style=\"width:100.0%\""));
        assertTrue(html, html.contains("(turn ended by &lt;b&gt;)"));
        assertEquals("", LatencyBar.html(Map.of("totalMs", "soon")));
    }
}
