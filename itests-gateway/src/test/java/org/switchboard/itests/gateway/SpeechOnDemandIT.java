package org.switchboard.itests.gateway;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * Vosk's model loaded on demand in the assembled gateway: not loaded at start, loaded when a call arrives (its media
 * tells the recognizer), let go after the idle period; {@code /health} stays healthy throughout.
 */
public class SpeechOnDemandIT {

    private static final String LOADED = "switchboard_recognition_model_loaded ";

    private Gateway gateway;

    @After
    public void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private boolean loaded() throws Exception {
        return gateway.get("/metrics").lines().anyMatch(l -> l.equals(LOADED + "1"));
    }

    private void await(boolean loaded, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (loaded() != loaded && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertTrue("model loaded: " + loaded + "\n" + gateway.get("/metrics"), loaded() == loaded);
    }

    @Test
    public void aCallLoadsTheModelAndAnIdleGatewayLetsItGo() throws Exception {
        gateway = Gateway.builder("SpeechOnDemandIT")
                .config("org.switchboard.speech.vosk.cfg", Map.of("model.load", "demand", "model.idle.s", "10"))
                .start();
        assertTrue(gateway.get("/metrics"), gateway.get("/metrics").contains(LOADED + "0"));
        assertFalse("nothing loads at start", gateway.log().contains("loaded in"));

        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");
        await(true, 20);
        assertTrue(gateway.log(), gateway.log().matches("(?s).*Vosk model \\S+ loaded in \\d+ ms \\(on demand\\).*"));
        assertTrue(Gateway.ready(gateway.get("/health")));

        await(false, 30);
        long end = System.currentTimeMillis() + 10_000; // logged once the model is freed, after the gauge fell
        while (!gateway.log().contains("Vosk model let go after 10 s without recognition")
                && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertTrue(gateway.log(), gateway.log().contains("Vosk model let go after 10 s without recognition"));
        assertTrue(gateway.status("/health") == 200);

        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml"); // the next call loads it again
        await(true, 20);
    }
}
