package org.switchboard.flow.internal.workspace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.switchboard.api.routing.CallRoute;
import org.switchboard.api.routing.CallRoute.Outcome;
import org.switchboard.api.store.FlowAttachment;
import org.switchboard.flow.internal.model.Problem;

public class WorkspaceParserTest {

    static final String WORKSPACE = """
            {"bots": [{"id": "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "name": "Acme support"}],
             "trunks": [
               {"id": "zcc", "adapter": "zcc", "peers": ["10.0.0.0/24"], "dids": ["+15550100", "1 555 0101", "+15550102"],
                "sipUri": "sip:+15550100@gw.example.com"},
               {"id": "zcc-fqdn", "adapter": "zcc", "fqdn": "sip.zcc.example.com", "dids": ["+15550199"]},
               {"id": "off", "adapter": "zcc", "peers": ["10.9.0.1"], "dids": ["+15550100"], "inbound": false}],
             "flows": [
               {"id": "hangup", "botId": "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "start": "bye", "nodes": [{"id": "bye", "type": "hangup"}]},
               {"id": "agent", "start": "t", "nodes": [{"id": "t", "type": "agentTransfer"}]}],
             "attachments": [
               {"trunk": "zcc", "did": "15550100", "flow": "hangup"},
               {"trunk": "zcc", "did": "+15550101", "flow": "agent"},
               {"trunk": "zcc-fqdn", "did": "+15550199", "flow": "agent"}]}
            """;

    private final List<Problem> problems = new ArrayList<>();

    static Workspace load(String json, List<Problem> problems) {
        Optional<Workspace> w = WorkspaceParser.parse(json, problems);
        assertEquals(List.of(), problems);
        return w.get();
    }

    private static CallRoute resolve(Workspace w, String ip, String did) throws Exception {
        InetAddress zcc = InetAddress.getByName("192.0.2.10");
        return w.resolve(
                InetAddress.getByName(ip), did, t -> "sip.zcc.example.com".equals(t.fqdn()) ? List.of(zcc) : List.of());
    }

    @Test
    public void resolvesEachOutcome() throws Exception {
        Workspace w = load(WORKSPACE, problems);
        CallRoute routed = resolve(w, "10.0.0.7", "+15550100");
        assertEquals(Outcome.ROUTED, routed.outcome());
        assertEquals("zcc", routed.trunkId());
        assertEquals("zcc", routed.adapterType());
        assertEquals("hangup", routed.flowId());
        assertEquals("st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", routed.botId());
        assertEquals(
                "the only bot answers a flow that names none",
                "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0",
                resolve(w, "10.0.0.7", "15550101").botId());
        assertEquals(Outcome.NO_FLOW, resolve(w, "10.0.0.7", "+15550102").outcome());
        assertEquals(Outcome.UNKNOWN_DID, resolve(w, "10.0.0.7", "+15559999").outcome());
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED, resolve(w, "10.0.1.7", "+15550100").outcome());
        assertEquals(
                Outcome.SOURCE_NOT_ALLOWED, resolve(w, "10.9.0.1", "+15550100").outcome()); // inbound off
        assertEquals(Outcome.ROUTED, resolve(w, "192.0.2.10", "+15550199").outcome()); // by FQDN
    }

    @Test
    public void attachAndDetachMakeNewSnapshots() throws Exception {
        Workspace w = load(WORKSPACE, problems);
        Workspace attached = w.attach(new FlowAttachment("zcc", "+1 555 0102", "agent"));
        assertEquals(Outcome.NO_FLOW, resolve(w, "10.0.0.7", "+15550102").outcome());
        assertEquals("agent", resolve(attached, "10.0.0.7", "+15550102").flowId());
        assertEquals(
                Outcome.NO_FLOW,
                resolve(attached.detach("zcc", "15550102"), "10.0.0.7", "+15550102")
                        .outcome());
        assertEquals(4, attached.attachments().size());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> w.attach(new FlowAttachment("zcc", "+15550199", "agent")));
        assertEquals("trunk 'zcc' has no DID +15550199", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.attach(new FlowAttachment("zcc", "+15550100", "none")));
        assertThrows(IllegalArgumentException.class, () -> w.attach(new FlowAttachment("nope", "+15550100", "agent")));
    }

    @Test
    public void everyErrorIsListedByPathAndNothingIsReturned() {
        Optional<Workspace> w = WorkspaceParser.parse("""
                {"trunks": [
                   {"id": "a", "adapter": "ZCC!", "peers": ["10.0.0.0/40", "zcc.example.com"], "dids": ["x", "+15550100", "15550100"],
                    "transport": "sctp", "sipUri": "http://x", "colour": "red", "maxCalls": -1,
                    "maxCallsPerSecond": 2.5, "srtp": "always"},
                   {"id": "b", "adapter": "zcc", "dids": [], "maxCalls": "ten"},
                   {"id": "a", "adapter": "zcc", "peers": ["10.0.0.1"], "dids": ["+15550100"]}],
                 "flows": [{"id": "f", "start": "n", "nodes": [{"id": "n", "type": "nope"}]}],
                 "attachments": [{"trunk": "a", "did": "+15550123", "flow": "f"}, {"trunk": "zz", "did": "+1555", "flow": "g"}],
                 "extra": 1}""", problems);
        assertTrue(w.isEmpty());
        List<String> expected = List.of(
                "trunks[0].adapter: 'ZCC!' is not an adapter type",
                "trunks[0].peers[0]: '10.0.0.0/40': the prefix length must be 0-32",
                "trunks[0].peers[1]: 'zcc.example.com' is not an IP address or CIDR block",
                "trunks[0].dids[0]: 'x' is not a phone number",
                "trunks[0].dids[2]: duplicate DID +15550100",
                "trunks[0].transport: must be udp, tcp or tls",
                "trunks[0].sipUri: 'http://x' is not a SIP URI",
                "trunks[0].colour: unknown field",
                "trunks[0].maxCalls: must be a whole number from 0 (no limit) to 100000, not -1",
                "trunks[0].maxCallsPerSecond: must be a whole number from 0 (no limit) to 10000, not 2.5",
                "trunks[0].srtp: must be optional or required",
                "trunks[1].maxCalls: must be a whole number from 0 (no limit) to 100000, not \"ten\"",
                "trunks[1].peers: a trunk needs allowed peers",
                "trunks[1].dids: a trunk needs at least one DID",
                "flows[0].nodes[0].type (node 'n'): unknown node type 'nope'",
                "attachments[0].flow: no valid flow 'f'",
                "attachments[1].trunk: no trunk 'zz'",
                "extra: unknown field");
        for (String e : expected) {
            assertTrue(
                    "missing <" + e + "> in\n" + problems,
                    problems.stream().anyMatch(p -> p.toString().startsWith(e)));
        }
    }

    @Test
    public void trunkLimitsAreReadAndRoundTripThroughTheRecords() {
        String doc = """
                {"trunks": [{"id": "a", "adapter": "zcc", "peers": ["10.0.0.1"], "dids": ["+15550100"],
                             "maxCalls": 20, "maxCallsPerSecond": 5, "srtp": "required"},
                            {"id": "b", "adapter": "zcc", "peers": ["10.0.0.2"], "dids": ["+15550101"]}]}""";
        Workspace w = load(doc, problems);
        assertEquals(20, w.trunks().get("a").maxCalls());
        assertEquals(5, w.trunks().get("a").maxCallsPerSecond());
        assertEquals(
                "absent: no limit of the trunk's own", 0, w.trunks().get("b").maxCalls());
        var records = WorkspaceRecords.fromDocument(doc);
        assertEquals(20, records.trunks().get(0).maxCalls());
        assertEquals(5, records.trunks().get(0).maxCallsPerSecond());
        String again = WorkspaceRecords.toDocument(records);
        assertTrue(again, again.contains("\"maxCalls\":20") && again.contains("\"maxCallsPerSecond\":5"));
        assertTrue(
                "no limit is not written out: " + again, again.indexOf("maxCalls") == again.lastIndexOf("maxCalls\""));
        assertTrue(w.trunks().get("a").srtp().equals("required")
                && w.trunks().get("b").srtp().equals("optional"));
        assertTrue(records.trunks().get(0).srtpRequired()
                && !records.trunks().get(1).srtpRequired());
        assertTrue(
                "only required is written out: " + again,
                again.contains("\"srtp\":\"required\"") && again.indexOf("srtp") == again.lastIndexOf("srtp"));
    }

    @Test
    public void duplicateTrunkAndBadJson() {
        WorkspaceParser.parse(
                "{\"trunks\": [{\"id\": \"a\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.1\"], \"dids\": [\"+15550100\"]},"
                        + "{\"id\": \"a\", \"adapter\": \"zcc\", \"peers\": [\"10.0.0.2\"], \"dids\": [\"+15550101\"]}]}",
                problems);
        assertTrue(problems.toString(), problems.toString().contains("trunks[1].id: duplicate trunk id 'a'"));
        problems.clear();
        assertTrue(WorkspaceParser.parse("{\"trunks\": [", problems).isEmpty());
        assertTrue(problems.get(0).toString().startsWith("$: not valid JSON"));
        assertEquals(Map.of(), Workspace.EMPTY.trunks());
    }

    @Test
    public void botsAreDeclaredWithTheirSummarySettings() {
        Workspace w = load("""
                {"bots": [{"id": "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "name": " Acme support ",
                           "summary": {"enabled": false, "summarizer": "llm"}},
                          {"id": "st-00000000-0000-4000-8000-000000000001", "name": "Other"}],
                 "flows": [{"id": "f", "botId": "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "start": "bye",
                            "nodes": [{"id": "bye", "type": "hangup"}]}]}
                """, problems);
        assertEquals(
                new BotSpec("st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "Acme support", false, "llm"),
                w.bots().get("st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0"));
        assertEquals(
                new BotSpec("st-00000000-0000-4000-8000-000000000001", "Other", true, "builtin"),
                w.bots().get("st-00000000-0000-4000-8000-000000000001"));
    }

    @Test
    public void badBotsAreListedByPath() {
        assertTrue(WorkspaceParser.parse("""
                {"bots": [{"id": "bot-1", "name": "", "colour": "red", "summary": {"enabled": "yes", "summarizer": "LLM!"}},
                          {"id": "st-00000000-0000-4000-8000-000000000001", "name": "A"},
                          {"id": "st-00000000-0000-4000-8000-000000000001", "name": "B"}, 7],
                 "flows": [{"id": "f", "botId": "st-00000000-0000-4000-8000-0000000000ff", "start": "bye",
                            "nodes": [{"id": "bye", "type": "hangup"}]}]}
                """, problems).isEmpty());
        String all = problems.toString();
        for (String expected : List.of(
                "bots[0].colour: unknown field",
                "bots[0].id: 'bot-1' is not a bot id",
                "bots[0].name: missing, empty",
                "bots[0].summary.enabled: must be true or false",
                "bots[0].summary.summarizer: 'LLM!' is not a summarizer id",
                "bots[2].id: duplicate bot id",
                "bots[3]: a bot must be a JSON object",
                "flows[0].botId: bot 'st-00000000-0000-4000-8000-0000000000ff' is not in the workspace's bots list")) {
            assertTrue(all, all.contains(expected));
        }
    }

    @Test
    public void everyFlowHasABotItsOwnOrTheWorkspacesDefault() {
        String flows = """
                 "flows": [{"id": "named", "botId": "st-00000000-0000-4000-8000-000000000002", "start": "b",
                            "nodes": [{"id": "b", "type": "hangup"}]},
                           {"id": "plain", "start": "b", "nodes": [{"id": "b", "type": "hangup"}]}]}
                """;
        String two = """
                {"bots": [{"id": "st-00000000-0000-4000-8000-000000000001", "name": "One"%s},
                          {"id": "st-00000000-0000-4000-8000-000000000002", "name": "Two"%s}],
                """;
        Workspace w = load(two.formatted(", \"default\": true", "") + flows, problems);
        assertEquals(
                "st-00000000-0000-4000-8000-000000000001",
                w.flows().get("plain").botId());
        assertEquals(
                "st-00000000-0000-4000-8000-000000000002",
                w.flows().get("named").botId());
        var records = WorkspaceRecords.fromDocument(two.formatted(", \"default\": true", "") + flows, w);
        assertEquals(
                "the resolved bot is stored with the flow",
                "st-00000000-0000-4000-8000-000000000001",
                records.flows().get(1).botId());
        assertTrue(
                records.flows().get(1).document(),
                records.flows().get(1).document().contains("\"botId\""));

        assertTrue(
                WorkspaceParser.parse(two.formatted("", "") + flows, problems).isEmpty());
        assertEquals(1, problems.size());
        assertTrue(
                problems.toString(),
                problems.get(0)
                        .toString()
                        .startsWith(
                                "flows[1].botId: missing, and the " + "workspace's 2 bots have no \"default\": true"));
        problems.clear();
        assertTrue(WorkspaceParser.parse(two.formatted(", \"default\": true", ", \"default\": true") + flows, problems)
                .isEmpty());
        assertTrue(problems.toString(), problems.toString().contains("bots: only one bot can be the default"));
        problems.clear();
        assertTrue(WorkspaceParser.parse("{" + flows, problems).isEmpty());
        assertTrue(problems.toString(), problems.get(0).toString().startsWith("flows[1].botId: missing: the bot"));
        problems.clear();
        Workspace stored = WorkspaceParser.parse("{" + flows, problems, false).orElseThrow();
        assertEquals(
                "a stored workspace from before is still loaded",
                List.of("plain"),
                WorkspaceParser.flowsWithoutBot(stored));
    }

    @Test
    public void headerSetsAreCheckedAndNodesMustNameOneThatExists() {
        Workspace w = load("""
                {"headerSets": {"billing": {"X-Intent": "Billing", "X-Queue": "{{context.queue}}"}},
                 "flows": [{"id": "f", "botId": "st-00000000-0000-4000-8000-000000000001", "start": "agent", "nodes": [
                   {"id": "agent", "type": "agentTransfer", "settings": {"headerSet": "billing"}}]}]}
                """, problems);
        assertEquals(
                List.of("X-Intent", "X-Queue"),
                List.copyOf(w.headerSets().get("billing").keySet()));

        assertTrue(WorkspaceParser.parse("""
                {"headerSets": {"bad name!": {"X-A": "1"}, "empty": {}, "crlf": {"X-B": "a\\r\\nInjected: 1", "Bad Name": "x"},
                                "num": {"X-C": 3}},
                 "flows": [{"id": "f", "start": "bye", "nodes": [
                   {"id": "bye", "type": "hangup", "settings": {"headerSet": "missing"}}]}]}
                """, problems).isEmpty());
        String all = problems.toString();
        for (String expected : List.of(
                "headerSets.bad name!: 'bad name!' is not a valid name",
                "headerSets.empty: a header set needs at least one header",
                "headerSets.crlf.X-B: a header value must not contain CR or LF",
                "headerSets.crlf.Bad Name: 'Bad Name' is not a valid SIP header name",
                "headerSets.num.X-C: a header value must be a string",
                "flows[0].nodes.bye.settings.headerSet (node 'bye'): no header set 'missing'")) {
            assertTrue(all, all.contains(expected));
        }
    }
}
