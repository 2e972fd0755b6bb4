package org.switchboard.flow.internal.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

import com.google.gson.JsonParser;

public class FlowParserTest {

    private final List<Problem> problems = new ArrayList<>();

    private Optional<Flow> parse(String json) {
        return FlowParser.parse(JsonParser.parseString(json.replace('\'', '"')), "flows[0]", problems);
    }

    private void assertProblem(String expected) {
        assertTrue(
                "expected a problem containing <" + expected + "> in " + problems,
                problems.stream().anyMatch(p -> p.toString().contains(expected)));
    }

    @Test
    public void validFlowWithEveryNonMediaType() {
        Optional<Flow> flow = parse("""
                {'id': 'triage', 'name': 'Triage', 'botId': 'st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0', 'start': 'check',
                 'nodes': [
                  {'id': 'check', 'type': 'condition', 'settings': {'expression': 'context.vip === true'},
                   'next': {'true': 'pause', 'false': 'script'}},
                  {'id': 'pause', 'type': 'wait', 'settings': {'ms': 200}, 'next': {'done': 'agent'}},
                  {'id': 'script', 'type': 'script', 'settings': {'code': 'print(1)'}, 'next': {'done': 'bye', 'error': 'bye'}},
                  {'id': 'agent', 'type': 'agentTransfer', 'settings': {'headers': {'X-Intent': 'Billing'}}, 'next': {'failed': 'bye'}},
                  {'id': 'bye', 'type': 'hangup'}
                 ]}""");
        assertEquals(List.of(), problems);
        assertEquals("check", flow.get().startNode().id());
        assertEquals(
                "Billing", flow.get().node("agent").get().stringMap("headers").get("X-Intent"));
        assertEquals(NodeType.WAIT, flow.get().node("pause").get().type());
    }

    @Test
    public void unknownTypeIsRejectedWithNodeId() {
        parse("{'id': 'f', 'start': 'a', 'nodes': [{'id': 'a', 'type': 'teleport'}]}");
        assertProblem("flows[0].nodes[0].type (node 'a'): unknown node type 'teleport'; known: message, gather");
    }

    @Test
    public void aScriptUsingAVoiceUtilsFunctionSwitchboardDoesNotHaveIsRejectedByName() {
        parse(
                "{'id': 'f', 'start': 'a', 'nodes': [{'id': 'a', 'type': 'script', 'settings': {'code': "
                        + "'voiceUtils.play(\\'/x.wav\\'); voiceUtils.invite(\\'m\\', \\'sip:a@b\\'); voiceUtils.frobnicate()'}}]}");
        assertProblem(
                "flows[0].nodes[0].settings.code (node 'a'): voiceUtils.invite is not supported: Switchboard hands "
                        + "a call back");
        assertProblem("flows[0].nodes[0].settings.code (node 'a'): unknown function voiceUtils.frobnicate; there are "
                + "abortPrompt, abortPrompts, hangup, play, refer, sendDTMF");
        assertEquals(problems.toString(), 2, problems.size());
    }

    @Test
    public void turnTakingSettingsOutOfRangeAreRejectedByName() {
        parse("""
                {'id': 'f', 'start': 'a', 'nodes': [
                 {'id': 'a', 'type': 'gather', 'settings': {'variable': 'v', 'commitSilenceMs': -1,
                  'resumeWindowMs': 20000}, 'next': {'match': 'b'}},
                 {'id': 'b', 'type': 'automation', 'settings': {'assistant': 'x', 'endSilenceMs': 10001}}]}""");
        assertProblem("flows[0].nodes[0].settings.commitSilenceMs (node 'a'): -1 is out of range 0-10000");
        assertProblem("flows[0].nodes[0].settings.resumeWindowMs (node 'a'): 20000 is out of range 0-10000");
        assertProblem("flows[0].nodes[1].settings.endSilenceMs (node 'b'): 10001 is out of range 0-10000");
    }

    @Test
    public void danglingEdgeIsRejected() {
        parse(
                "{'id': 'f', 'start': 'a', 'nodes': [{'id': 'a', 'type': 'wait', 'settings': {'ms': 1}, 'next': {'done': 'nowhere'}}]}");
        assertProblem("flows[0].nodes[0].next.done (node 'a'): dangling edge 'done' -> 'nowhere': no such node");
    }

    @Test
    public void unreachableNodeIsRejected() {
        parse(
                "{'id': 'f', 'start': 'a', 'nodes': [{'id': 'a', 'type': 'hangup'}, {'id': 'island', 'type': 'hangup'}]}");
        assertProblem("flows[0].nodes[1] (node 'island'): unreachable from the start node 'a'");
    }

    @Test
    public void missingRequiredSettingIsRejected() {
        parse("{'id': 'f', 'start': 'a', 'nodes': [{'id': 'a', 'type': 'script'}]}");
        assertProblem("flows[0].nodes[0].settings.code (node 'a'): required setting of script is missing");
    }

    @Test
    public void wrongKindsUnknownSettingsAndOutcomes() {
        parse("""
                {'id': 'f', 'start': 'a', 'nodes': [
                 {'id': 'a', 'type': 'wait', 'settings': {'ms': '10', 'colour': 'red'}, 'next': {'match': 'a'}}]}""");
        assertProblem("settings.ms (node 'a'): must be a whole number");
        assertProblem("settings.colour (node 'a'): unknown setting for wait; known: ms");
        assertProblem("next.match (node 'a'): unknown outcome for wait; outcomes: done");
    }

    @Test
    public void referNeedsTargetAndHeadersAreChecked() {
        parse("""
                {'id': 'f', 'start': 'a', 'nodes': [
                 {'id': 'a', 'type': 'agentTransfer', 'settings': {'method': 'refer', 'headers': {'Bad Name': 'x', 'X-Ok': 'a\\r\\nInjected: 1'}}}]}""");
        assertProblem("settings.target (node 'a'): a REFER transfer needs a target");
        assertProblem("settings.headers.Bad Name (node 'a'): 'Bad Name' is not a valid SIP header name");
        assertProblem("settings.headers.X-Ok (node 'a'): a header value must not contain CR or LF");
    }

    @Test
    public void tooManyHeadersAndLongValues() {
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            h.append(i == 0 ? "" : ",")
                    .append("'X-H")
                    .append(i)
                    .append("': '")
                    .append(i == 0 ? "v".repeat(300) : "v")
                    .append("'");
        }
        parse("{'id': 'f', 'start': 'a', 'nodes': [{'id': 'a', 'type': 'hangup', 'settings': {'headers': {" + h
                + "}}}]}");
        assertProblem("11 headers; at most 10");
        assertProblem("X-H0 (node 'a'): value is longer than 256 bytes");
    }

    @Test
    public void mediaNodesAreCheckedToo() {
        parse("""
                {'id': 'f', 'start': 'm', 'nodes': [
                 {'id': 'm', 'type': 'message', 'settings': {}, 'next': {'done': 'g'}},
                 {'id': 'g', 'type': 'gather', 'settings': {'variable': 'choice', 'dtmf': false, 'terminator': 'x'}, 'next': {'match': 'b'}},
                 {'id': 'b', 'type': 'automation', 'settings': {'assistant': 'acme'}}]}""");
        assertProblem("(node 'm'): a message needs exactly one of 'text' or 'audio'");
        assertProblem("(node 'g'): a gather collects DTMF, speech or both; both are off");
        assertProblem("settings.terminator (node 'g'): must be one DTMF key");
    }

    @Test
    public void structuralProblemsAllReportedAtOnce() {
        Optional<Flow> flow = parse(
                "{'id': 'bad id!', 'botId': 'bot-1', 'start': 'x', 'nodes': [{'id': 'a', 'type': 'hangup'}, {'id': 'a', 'type': 'hangup'}]}");
        assertTrue(flow.isEmpty());
        assertProblem("flows[0].id: 'bad id!' is not a valid id");
        assertProblem("flows[0].botId: 'bot-1' is not a bot id");
        assertProblem("flows[0].start (node 'x'): no node has the id 'x'");
        assertProblem("flows[0].nodes[1].id (node 'a'): duplicate node id");
        assertTrue(parse("[]").isEmpty());
        assertProblem("flows[0]: a flow must be a JSON object");
    }
}
