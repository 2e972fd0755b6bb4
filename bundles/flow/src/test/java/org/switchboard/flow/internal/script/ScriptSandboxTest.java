package org.switchboard.flow.internal.script;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.switchboard.flow.internal.script.ScriptSandbox.ScriptFailure;

public class ScriptSandboxTest {

    /** The product document's snippet, as written. */
    static final String SEED = """
            var message = "Transferring Call to xxxx number";

            var ReferTo = "+91xxxxxxxxxx";   // or sipUrl

            var headers = {

               "X-Reason" : "Call Received from Kore"

            }

            print(voiceUtils.refer(message,ExternalPhoneNumber,headers))
            """;

    private final ScriptSandbox sandbox = new ScriptSandbox();

    @Test
    public void theSeedSnippetFailsClearlyOnItsUndefinedVariable() {
        ScriptResult r = sandbox.run(SEED, Map.of(), 1000);
        assertFalse(r.ok());
        assertTrue(
                r.error(),
                r.error().contains("ExternalPhoneNumber") && r.error().contains("not defined"));
        assertTrue(r.error(), r.error().contains("line 11"));
        assertTrue(r.actions().isEmpty());
    }

    @Test
    public void theSeedSnippetRunsAsWrittenOnceItsVariableIsDefined() {
        ScriptResult r = sandbox.run("var ExternalPhoneNumber = \"+919876543210\";\n" + SEED, Map.of(), 1000);
        assertTrue(r.error(), r.ok());
        assertEquals(
                List.of(new VoiceAction.Refer(
                        "Transferring Call to xxxx number",
                        "+919876543210",
                        Map.of("X-Reason", "Call Received from Kore"),
                        true)),
                r.actions());
        assertEquals(List.of("refer to +919876543210"), r.printed());
    }

    @Test
    public void scriptsReadAndChangeTheContext() {
        ScriptResult r = sandbox.run(
                "context.intent = 'Billing'; context.count = (context.count || 0) + 1;"
                        + " context.tags = ['a', 'b']; context.caller = {n: context.caller}; print('hi', 1, true);",
                Map.of("count", 2L, "caller", "+14085551212"),
                1000);
        assertTrue(r.error(), r.ok());
        assertEquals("Billing", r.context().get("intent"));
        assertEquals(3L, r.context().get("count"));
        assertEquals(List.of("a", "b"), r.context().get("tags"));
        assertEquals(Map.of("n", "+14085551212"), r.context().get("caller"));
        assertEquals(List.of("hi 1 true"), r.printed());
    }

    @Test
    public void hangupIsRecordedAndReferNeedsATarget() {
        ScriptResult r = sandbox.run("voiceUtils.hangup('Goodbye', {'X-Resolution': 'self-service'});", Map.of(), 1000);
        assertEquals(
                List.of(new VoiceAction.Hangup("Goodbye", Map.of("X-Resolution", "self-service"), true)), r.actions());
        ScriptResult bad = sandbox.run("voiceUtils.refer('m', '')", Map.of(), 1000);
        assertTrue(bad.error(), bad.error().contains("referTo (a number, user id or SIP URI) is missing"));
    }

    @Test
    public void koresOtherVoiceUtilsAreRecordedOrRefusedByName() {
        ScriptResult r = sandbox.run("""
                voiceUtils.play('/tmp/hold.wav');
                voiceUtils.abortPrompt();
                voiceUtils.sendDTMF('12#');
                voiceUtils.refer('', 'agent_42', {}, false);
                """, Map.of(), 1000);
        assertEquals(
                r.error(),
                List.of(
                        new VoiceAction.Play("/tmp/hold.wav", true),
                        new VoiceAction.AbortPrompt(),
                        new VoiceAction.SendDtmf("12#"),
                        new VoiceAction.Refer("", "agent_42", Map.of(), false)),
                r.actions());
        for (String name : List.of("invite", "pauseAndPlay", "voicemail")) {
            ScriptResult refused = sandbox.run("voiceUtils." + name + "('m', 'sip:a@b')", Map.of(), 1000);
            assertTrue(refused.error(), refused.error().startsWith("voiceUtils." + name + " is not supported: "));
        }
        assertTrue(sandbox.run("voiceUtils.sendDTMF('12x')", Map.of(), 1000)
                .error()
                .contains("got '12x'"));
        assertTrue(sandbox.run("voiceUtils.play()", Map.of(), 1000).error().contains("audio file"));
    }

    @Test
    public void runawayScriptsStopAtTheirTimeLimitEvenInsideTryCatch() {
        long start = System.nanoTime();
        ScriptResult r = sandbox.run("while (true) { try { for (;;) {} } catch (e) {} }", Map.of(), 200);
        assertEquals("the script exceeded its time limit of 200 ms", r.error());
        assertTrue("stopped promptly", (System.nanoTime() - start) / 1_000_000 < 5_000);
    }

    @Test
    public void noJavaNoSyntaxSurprisesNoDeepRecursion() {
        assertFalse(sandbox.run("java.lang.System.exit(1)", Map.of(), 1000).ok());
        ScriptResult pkg = sandbox.run("new Packages.java.io.File('/etc/passwd').exists()", Map.of(), 1000);
        assertFalse(pkg.ok());
        ScriptResult syntax = sandbox.run("var x = ;", Map.of(), 1000);
        assertFalse(syntax.ok());
        assertTrue(syntax.error(), syntax.error().contains("line 1"));
        assertFalse(
                sandbox.run("function f() { return f(); } f();", Map.of(), 2000).ok());
        ScriptResult thrown = sandbox.run("throw new Error('boom')", Map.of("keep", "me"), 1000);
        assertTrue(thrown.error(), thrown.error().contains("boom"));
        assertEquals("a failed script leaves the context as it was", Map.of("keep", "me"), thrown.context());
    }

    @Test
    public void outputIsBounded() {
        ScriptResult r = sandbox.run("for (var i = 0; i < 1000; i++) print('x'.repeat(5000));", Map.of(), 2000);
        assertEquals(ScriptSandbox.MAX_PRINTED_LINES, r.printed().size());
        assertEquals(ScriptSandbox.MAX_LINE_CHARS, r.printed().get(0).length());
    }

    @Test
    public void conditionsUseTruthiness() throws Exception {
        assertTrue(sandbox.test("context.intent == 'Billing'", Map.of("intent", "Billing"), 500));
        assertFalse(sandbox.test("context.intent == 'Billing'", Map.of(), 500));
        assertTrue(sandbox.test("context.tries", Map.of("tries", 2L), 500));
        assertFalse(sandbox.test("''", Map.of(), 500));
        assertThrows(ScriptFailure.class, () -> sandbox.test("nosuchvar > 1", Map.of(), 500));
    }
}
