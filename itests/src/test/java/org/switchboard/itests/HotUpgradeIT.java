package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.switchboard.api.flow.FlowRegistry;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Upgrading the ZCC adapter while calls come in and are up: sipp places calls at a steady rate into a flow that
 * holds each call two seconds and then hands it to an agent with a BYE; meanwhile the adapter bundle is updated in
 * place three times, then a second version is installed beside it and the first uninstalled. sipp must see no
 * failed call, and every BYE must carry kore-reason: TransferToAgent and the flow's X-Intent (the scenario checks).
 */
public class HotUpgradeIT extends SwitchboardTestSupport {

    private static final String ADAPTER = "org.switchboard.adapter-zcc";

    @Test
    public void noCallFailsWhileTheAdapterIsUpdatedAndReplaced() throws Exception {
        awaitHealthy();
        holdCallsBeforeTheHandoff();

        CompletableFuture<String> load = CompletableFuture.supplyAsync(() -> {
            try {
                return sipp("zcc-transfer-bye.xml", "udp", "-m", "150", "-r", "20", "-l", "100", "-timeout", "60s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Bundle first = installed(ADAPTER);
        Thread.sleep(1500);
        for (int i = 0; i < 3; i++) {
            first.update();
            Thread.sleep(1200);
        }
        Bundle second = context.installBundle(
                "hot-upgrade:" + ADAPTER + "-0.1.1", new ByteArrayInputStream(withVersion(first, "0.1.1.hotupgrade")));
        second.start();
        Thread.sleep(1200);
        first.uninstall();
        String out = load.get(90, TimeUnit.SECONDS); // fails when any call failed
        assertTrue(out, out.contains("Successful call"));
        assertEquals(Bundle.ACTIVE, second.getState());
        assertEquals("0.1.1.hotupgrade", installed(ADAPTER).getVersion().toString());
        awaitHealthy();
    }

    /** The demo's +15550100 flow, with a two-second hold before its script and BYE handoff. */
    private void holdCallsBeforeTheHandoff() {
        FlowRegistry registry = context.getService(context.getServiceReference(FlowRegistry.class));
        JsonObject ws = JsonParser.parseString(registry.exportWorkspace()).getAsJsonObject();
        for (var f : ws.getAsJsonArray("flows")) {
            JsonObject flow = f.getAsJsonObject();
            if (flow.get("id").getAsString().equals("demo-agent")) {
                JsonObject hold = JsonParser.parseString(
                                "{\"id\":\"hold\",\"type\":\"wait\",\"settings\":{\"ms\":2000},"
                                        + "\"next\":{\"done\":\""
                                        + flow.get("start").getAsString() + "\"}}")
                        .getAsJsonObject();
                JsonArray nodes = flow.getAsJsonArray("nodes");
                nodes.add(hold);
                flow.addProperty("start", "hold");
            }
        }
        assertEquals(java.util.List.of(), registry.importWorkspace(ws.toString()));
    }

    private static byte[] withVersion(Bundle b, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream raw = new URL(b.getLocation().replaceFirst("^reference:", "")).openStream();
                JarInputStream in = new JarInputStream(raw)) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
