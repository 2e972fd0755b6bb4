package org.switchboard.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.switchboard.testing.Gateway;
import org.switchboard.testing.Jwt;
import org.switchboard.testing.Sipp;
import org.switchboard.testing.VoiceCaller;

/**
 * Every Switchboard console page in headless Chromium against the running gateway, with real calls from sipp:
 * live calls (hang-up, transfer, an action on a call that ended), interactions (filters, detail, ladder with headers,
 * summary on demand, hostile header shown as text), trunks (detach refuses calls, attach restores them), flows
 * (drawing, check, import), deployments (uploads refused or reported) and the actions' cross-site protection.
 * Screenshots of each page are saved under {@code target/screenshots}.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConsoleBrowserIT {

    private static Gateway gateway;
    private static Browser browser;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("ConsoleBrowserIT");
        browser = new Browser(gateway.basicAuth(), gateway.work.resolve("chromium-profile"));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String page(String label) {
        return gateway.url("/system/console/" + label);
    }

    private static WebElement liveRow() {
        List<WebElement> rows = browser.all("#sb-calls tr[data-session]");
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    public void a_liveCallsHangUpAndTransfer() throws Exception {
        Sipp.Run held = gateway.call("held-hangup.xml");
        browser.open(page("switchboard-calls"));
        browser.await("the held call to be listed", 20, true, () -> liveRow() != null);
        WebElement row = liveRow();
        assertTrue(row.getText(), row.getText().contains("+15550102"));
        assertTrue(row.getText(), row.getText().contains("demo-wait"));
        String session = row.getAttribute("data-session");
        assertTrue(session, session.matches("[0-9a-f]{24}"));
        browser.screenshot("live-calls");

        String stale = browser.driver.getWindowHandle();
        browser.newTab();
        browser.open(page("switchboard-calls"));
        browser.clickAndConfirm(browser.find("tr[data-session='" + session + "'] button"));
        browser.await(
                "the hang-up message", 10, false, () -> browser.text(".sb-msg").contains("Hanging up"));
        held.awaitSuccess();

        browser.driver.close();
        browser.driver.switchTo().window(stale);
        browser.clickAndConfirm(browser.find("tr[data-session='" + session + "'] button"));
        browser.await(
                "the message about the ended call",
                10,
                false,
                () -> browser.text(".sb-msg.sb-err").contains("is no longer in progress"));
        browser.screenshot("live-calls-ended");

        Sipp.Run transferred = gateway.call("held-transfer.xml");
        browser.open(page("switchboard-calls"));
        browser.await("the second held call", 20, true, () -> liveRow() != null);
        List<WebElement> buttons = liveRow().findElements(org.openqa.selenium.By.cssSelector("button"));
        assertEquals("Transfer to agent", buttons.get(1).getText());
        browser.clickAndConfirm(buttons.get(1));
        browser.await(
                "the transfer message", 10, false, () -> browser.text(".sb-msg").contains("to an agent"));
        transferred.awaitSuccess();
    }

    @Test
    public void a2_liveCallsDrainRefusesCallsUntilUndrained() throws Exception {
        browser.open(page("switchboard-calls"));
        assertTrue(browser.text("#sb-node"), browser.text("#sb-node").contains("takes calls"));
        browser.clickAndConfirm(browser.find("#sb-node button"));
        browser.await(
                "the drain message", 10, false, () -> browser.text(".sb-msg").contains("Draining"));
        browser.open(page("switchboard-calls"));
        assertTrue(browser.text("#sb-node"), browser.text("#sb-node").contains("is draining"));
        browser.screenshot("live-calls-draining");
        gateway.callAndWait("examples/sipp/invite-503.xml", "-s", "+15550100");
        browser.clickToLoad(browser.find("#sb-node button"));
        browser.await(
                "the undrain message", 10, false, () -> browser.text(".sb-msg").contains("Taking calls again"));
        gateway.callAndWait("examples/sipp/zcc-bot-hangup.xml");
    }

    @Test
    public void b_interactionsFilterDetailLadderAndSummary() throws Exception {
        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");
        browser.open(page("switchboard-interactions"));
        browser.await(
                "three conversations",
                10,
                true,
                () -> browser.all("#sb-conversations tbody tr").size() >= 3);
        browser.screenshot("interactions");

        browser.find("input[name=did]").sendKeys("+15550100");
        browser.clickToLoad(browser.find("#sb-filters button"));
        List<WebElement> rows = browser.all("#sb-conversations tbody tr");
        assertFalse(rows.isEmpty());
        rows.forEach(r -> assertTrue(r.getText(), r.getText().contains("+15550100")));

        browser.find("input[name=did]").clear();
        browser.find("input[name=did]").sendKeys("+15550102");
        new Select(browser.find("select[name=endedBy]")).selectByValue("transfer");
        browser.clickToLoad(browser.find("#sb-filters button"));
        rows = browser.all("#sb-conversations tbody tr");
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText(), rows.get(0).getText().contains("transfer"));
        new Select(browser.find("select[name=endedBy]")).selectByValue("bot");
        browser.clickToLoad(browser.find("#sb-filters button"));
        rows = browser.all("#sb-conversations tbody tr");
        assertEquals("the operator's hang-up ends as the bot's", 1, rows.size());
        String hungUp = rows.get(0)
                .findElement(org.openqa.selenium.By.cssSelector("a.sb-id"))
                .getText();

        browser.find("input[name=q]").sendKeys("no caller ever said this");
        browser.clickToLoad(browser.find("#sb-filters button"));
        browser.awaitText("#sb-none", "No conversations match");
        browser.open(page("switchboard-interactions") + "?from=yesterday");
        browser.awaitText(".sb-msg.sb-err", "A time must look like");

        browser.open(page("switchboard-interactions") + "?did=%2B15550100");
        browser.clickToLoad(browser.find("#sb-conversations tbody tr a.sb-id"));
        String session = browser.text("#sb-id-session");
        assertTrue(session, session.matches("[0-9a-f]{24}"));
        assertTrue(browser.text("#sb-id-bot").startsWith("st-"));
        WebElement copy = browser.find("#sb-ids button.sb-copy");
        copy.click();
        browser.await(
                "the copy button to say copied", 5, false, () -> copy.getText().equals("copied"));
        assertEquals("intent → agent", browser.text("#sb-path"));
        browser.awaitText("#sb-ended", "transfer (TransferToAgent)");

        List<WebElement> arrows = browser.all("svg.sb-ladder a[data-sip]");
        StringBuilder labels = new StringBuilder();
        arrows.forEach(a -> labels.append(a.getText()).append('|'));
        String ladder = labels.toString();
        for (String expected : new String[] {"INVITE", "200 OK (INVITE)", "ACK", "BYE", "200 OK (BYE)"}) {
            assertTrue(expected + " in " + ladder, ladder.contains(expected));
        }
        assertTrue(
                ladder,
                ladder.indexOf("INVITE") < ladder.indexOf("ACK") && ladder.indexOf("ACK") < ladder.indexOf("BYE"));
        WebElement bye = arrows.stream()
                .filter(a -> a.getText().endsWith("BYE"))
                .findFirst()
                .orElseThrow();
        assertEquals("the BYE goes from Switchboard to ZCC", "sb-msg-out", bye.getAttribute("class"));
        bye.click();
        WebElement headers = browser.find("#sip-" + bye.getAttribute("data-sip"));
        assertEquals("true", headers.getAttribute("open"));
        assertTrue(headers.getText(), headers.getText().contains("kore-reason: TransferToAgent"));
        assertTrue(headers.getText(), headers.getText().contains("X-Intent: Billing"));
        browser.screenshot("interaction-ladder");

        browser.awaitText("#sb-summary", "No summary written yet");
        browser.clickToLoad(browser.find("#sb-summary button"));
        browser.await(
                "the summary", 15, false, () -> browser.text(".sb-msg.sb-ok").contains("Summary written"));
        String summary = browser.text("#sb-summary");
        assertFalse(summary, summary.contains("No summary written yet"));
        assertTrue(summary, summary.contains("agent"));
        browser.screenshot("interaction-summary");

        browser.open(page("switchboard-interactions") + "?session=" + hungUp);
        String sip = browser.text("#sb-sip");
        WebElement invite = browser.find("svg.sb-ladder a[data-sip='0']");
        invite.click();
        String inviteHeaders = browser.text("#sip-0");
        assertTrue(inviteHeaders, inviteHeaders.contains("X-Note: <script>window.sbXss=1</script>"));
        assertNull("caller-controlled text never runs", browser.driver.executeScript("return window.sbXss"));
        assertTrue(sip, browser.text("#sb-events").contains("operator.hangup"));
    }

    @Test
    public void c_trunksDetachAndAttach() throws Exception {
        browser.open(page("switchboard-trunks"));
        WebElement row = browser.find("table.sb-dids tr[data-did='+15550100']");
        assertTrue(
                "the port SIP listens on, not a hard-coded one: " + row.getText(),
                row.getText().contains("sip:+15550100@127.0.0.1:" + gateway.sip));
        assertTrue(row.getText(), row.getText().contains("demo-agent"));
        String other = browser.text("table.sb-dids tr[data-did='+15550101']");
        assertTrue("each DID has its own URI: " + other, other.contains("sip:+15550101@"));
        browser.screenshot("trunks");

        browser.clickToLoad(row.findElement(org.openqa.selenium.By.xpath(".//button[text()='Detach']")));
        browser.awaitText(".sb-msg.sb-ok", "Detached +15550100");
        browser.awaitText("tr[data-did='+15550100'] .sb-flow", "none");
        gateway.callAndWait("examples/sipp/invite-480.xml", "-s", "+15550100");

        row = browser.find("table.sb-dids tr[data-did='+15550100']");
        new Select(row.findElement(org.openqa.selenium.By.cssSelector("select[name=flow]")))
                .selectByValue("demo-agent");
        browser.clickToLoad(row.findElement(org.openqa.selenium.By.xpath(".//button[text()='Attach']")));
        browser.awaitText(".sb-msg.sb-ok", "demo-agent now answers +15550100");
        gateway.callAndWait("examples/sipp/zcc-transfer-bye.xml");
    }

    @Test
    public void d_flowsDrawCheckAndImport() throws Exception {
        browser.open(page("switchboard-flows"));
        browser.awaitText("tr[data-flow='demo-agent']", "zcc-demo +15550100");
        browser.clickToLoad(browser.find("tr[data-flow='demo-agent'] a"));
        List<String> nodes = browser.all("svg.sb-graph g.sb-node").stream()
                .map(n -> n.getAttribute("data-node"))
                .toList();
        assertEquals(List.of("intent", "agent", "bye"), nodes);
        List<String> edges = browser.all("svg.sb-graph g.sb-edge").stream()
                .map(e -> e.getAttribute("data-from") + " -" + e.getText() + "-> " + e.getAttribute("data-to"))
                .toList();
        assertEquals(List.of("intent -done, error-> agent", "agent -failed-> bye"), edges);
        assertTrue(browser.text("#sb-document").contains("\"agentTransfer\""));
        browser.screenshot("flow-graph");

        browser.open(page("switchboard-flows"));
        browser.find("#sb-doc").sendKeys("{\"version\": 1, \"flows\": [{\"id\": \"broken\"}]}");
        browser.clickToLoad(browser.find("#sb-check-btn"));
        browser.awaitText("#sb-check", "problem(s); nothing was changed");
        browser.screenshot("flows-check");

        browser.find("#sb-doc").clear();
        browser.find("#sb-current").click();
        browser.clickToLoad(browser.find("#sb-check-btn"));
        browser.awaitText("#sb-check", "no problems");
        browser.clickAndConfirm(browser.find("#sb-import-btn"));
        browser.awaitText(".sb-msg.sb-ok", "Workspace imported");
    }

    @Test
    public void e_deployUploadsRefusedOrReported() throws Exception {
        Path dir = Files.createDirectories(gateway.work.resolve("uploads"));
        Path notes = Files.writeString(dir.resolve("notes.jar"), "these are notes, not a bundle");
        Path plain = dir.resolve("plain.jar");
        Files.write(plain, jar(new Manifest()));
        Manifest broken = new Manifest();
        broken.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.broken");
        broken.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        broken.getMainAttributes().putValue("Import-Package", "org.example.nowhere");
        Path brokenJar = dir.resolve("broken.jar");
        Files.write(brokenJar, jar(broken));

        browser.open(page("switchboard-deploy"));
        assertTrue(browser.text("#sb-deploy-dir").endsWith("deploy"));
        upload(notes);
        browser.await(
                "the refusal",
                10,
                false,
                () -> browser.text("#sb-upload-result").contains("Refused"));
        browser.awaitText("#sb-upload-result", "not a jar file");
        upload(plain);
        browser.await(
                "the refusal",
                10,
                false,
                () -> browser.text("#sb-upload-result").contains("not an OSGi bundle"));
        upload(brokenJar);
        browser.await(
                "the acceptance",
                10,
                false,
                () -> browser.text("#sb-upload-result").startsWith("Accepted"));
        browser.await(
                "the failure report",
                20,
                true,
                () -> browser.all("#sb-outcomes tr.sb-failed").stream()
                        .anyMatch(r -> r.getText().contains("broken.jar")
                                && r.getText().contains("does not start")));
        browser.screenshot("deploy");
        assertTrue(gateway.log().contains("Deploy: broken.jar (org.example.broken 1.0.0) does not start"));
    }

    @Test
    public void f_actionsNeedTheTokenAndTheSameOrigin() throws Exception {
        browser.open(page("switchboard-trunks"));
        String token = browser.find("input[name='sb-csrf']").getAttribute("value");
        String form = "action=detach&trunk=zcc-demo&did=" + URLEncoder.encode("+15550101", StandardCharsets.UTF_8);
        String path = "/system/console/switchboard-trunks";
        assertEquals(403, gateway.post(path, form, Map.of()));
        assertEquals(403, gateway.post(path, form + "&sb-csrf=forged", Map.of()));
        assertEquals(403, gateway.post(path, form + "&sb-csrf=" + token, Map.of("Origin", "http://evil.example")));
        assertEquals(403, gateway.post(path, form + "&sb-csrf=" + token, Map.of("Sec-Fetch-Site", "cross-site")));
        browser.open(page("switchboard-trunks"));
        assertTrue(
                "nothing was detached",
                browser.text("tr[data-did='+15550101'] .sb-flow").contains("demo-hangup"));
        assertEquals(
                "the same request from the console's own origin acts",
                303,
                gateway.post(path, form + "&sb-csrf=" + token, Map.of("Origin", gateway.url(""))));
        browser.open(page("switchboard-trunks"));
        browser.awaitText("tr[data-did='+15550101'] .sb-flow", "none");
    }

    private static final String DEMO_BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";

    private static int details(String clientId, String secret) throws Exception {
        String token = Jwt.hs256("{\"appId\":\"" + clientId + "\"}", secret);
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        gateway.url("/api/public/bot/" + DEMO_BOT + "/conversationDetails")))
                                .header("auth", token)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"callId\": \"00001\"}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    public void h_eachSpokenAnswerShowsHowLongTheCallerWaited() throws Exception {
        java.nio.file.Path clips = java.nio.file.Files.createTempDirectory("clips");
        try (VoiceCaller caller = new VoiceCaller()) {
            var call = gateway.call(
                    "examples/sipp/zcc-voice-call.xml",
                    "-s",
                    "+15550105",
                    "-key",
                    "rtp_port",
                    Integer.toString(caller.port()),
                    "-timeout",
                    "120s");
            caller.awaitLoud(30_000); // the greeting
            caller.awaitQuiet(900, 60_000); // and the menu
            caller.say(VoiceCaller.speech("agent", clips));
            call.awaitSuccess();
        }
        browser.open(page("switchboard-interactions") + "?did=%2B15550105");
        String session =
                browser.all("#sb-conversations tbody tr a.sb-id").get(0).getText();
        browser.open(page("switchboard-interactions") + "?session=" + session);
        browser.await(
                "the answer's latency",
                10,
                true,
                () -> !browser.all("#sb-transcript .sb-latency").isEmpty());
        String transcript = browser.text("#sb-transcript");
        assertTrue(
                transcript,
                transcript.matches("(?s).*answered \\d+ ms after the caller stopped \\(turn ended by "
                        + "(phrase|silence|recognizer)\\): recognition \\d+ .*"));
        assertEquals(4, browser.all("#sb-transcript .sb-latency span").size());
        browser.screenshot("answer-latency");
    }

    @Test
    public void g_botsPageMakesAndRotatesJwtAppsWithoutTheAdminApi() throws Exception {
        browser.open(page("switchboard-bots"));
        String section = "#bot-" + DEMO_BOT;
        assertTrue(
                browser.text(section + " + table"),
                browser.text(section + " + table").contains(DEMO_BOT));
        WebElement form = browser.find("form.sb-new-app input[name=botId][value='" + DEMO_BOT + "']")
                .findElement(org.openqa.selenium.By.xpath(".."));
        form.findElement(org.openqa.selenium.By.cssSelector("input[name=name]")).sendKeys("ZCC connector");
        browser.clickToLoad(form.findElement(org.openqa.selenium.By.xpath(".//button[text()='Create app']")));
        String clientId = browser.text("#sb-client-id");
        String secret = browser.text("#sb-client-secret");
        assertTrue(clientId, clientId.matches("cs-[0-9a-f-]{36}"));
        browser.screenshot("bots-app-created");
        assertEquals("the new app's token is taken: no such call, not a refusal", 404, details(clientId, secret));

        browser.open(page("switchboard-bots"));
        assertFalse(
                "a secret is shown once only", browser.find("body").getText().contains(secret));
        WebElement row = null;
        for (WebElement r : browser.all("table.sb-apps tbody tr")) {
            if (r.getText().contains(clientId)) {
                row = r;
            }
        }
        assertTrue("the app is listed", row != null);
        WebElement old = browser.find("html");
        browser.clickAndConfirm(row.findElement(org.openqa.selenium.By.xpath(".//button[text()='Rotate secret']")));
        browser.await("the new secret", 10, false, () -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return browser.text("#sb-client-secret").length() > 20;
            }
        });
        String rotated = browser.text("#sb-client-secret");
        assertFalse(rotated.equals(secret));
        assertEquals("the old secret stops at once", 401, details(clientId, secret));
        assertEquals(404, details(clientId, rotated));

        browser.open(page("switchboard-bots"));
        for (WebElement r : browser.all("table.sb-apps tbody tr")) {
            if (r.getText().contains(clientId)) {
                r.findElement(org.openqa.selenium.By.cssSelector("input[value='chat-history']"))
                        .click();
                browser.clickToLoad(r.findElement(org.openqa.selenium.By.xpath(".//button[text()='Save']")));
                break;
            }
        }
        browser.awaitText(".sb-msg.sb-ok", "now holds conversation-summary");
        assertEquals("without chat-history the Details API is refused", 403, details(clientId, rotated));
        assertEquals("no secret in a log", List.of(), gateway.secretsInLogs(List.of(secret, rotated)));
    }

    private static void upload(Path file) {
        browser.driver.executeScript("document.getElementById('sb-upload-result').textContent=''");
        browser.find("#sb-upload input[type=file]").sendKeys(file.toString());
        browser.find("#sb-upload button").click();
    }

    private static byte[] jar(Manifest m) throws IOException {
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
            jar.write("x".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
