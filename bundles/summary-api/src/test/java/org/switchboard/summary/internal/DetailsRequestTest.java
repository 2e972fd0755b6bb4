package org.switchboard.summary.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** What the conversation API takes in its body, and the 400s for what it does not. */
public class DetailsRequestTest {

    private static DetailsRequest parse(String body) throws ApiException {
        return DetailsRequest.parse(body, 100, 1000);
    }

    private static String refused(String body) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    public void sessionIdWinsAndDefaultsApply() throws Exception {
        DetailsRequest r = parse("{\"sessionId\":\"64D0D2F2BFEAA2D58A566D08\",\"callId\":\"abc@host\"}");
        assertEquals("64d0d2f2bfeaa2d58a566d08", r.sessionId());
        assertEquals("abc@host", r.callId());
        assertFalse(r.summaryRequired());
        assertEquals(0, r.skip());
        assertEquals(100, r.limit());
        assertEquals("en", r.lang());
    }

    @Test
    public void koreClientsSendStringsForFlagsAndNumbers() throws Exception {
        DetailsRequest r = parse("{\"callId\":\"c1\",\"isSummaryRequired\":\"true\",\"offset\":\"20\",\"limit\":\"5\","
                + "\"lang\":\"en-US\",\"somethingElse\":[1]}");
        assertNull(r.sessionId());
        assertTrue(r.summaryRequired());
        assertEquals(20, r.skip());
        assertEquals(5, r.limit());
        assertEquals("en-US", r.lang());
        assertEquals(
                7, parse("{\"conversationId\":\"x\",\"skip\":7,\"offset\":7}").skip());
    }

    @Test
    public void theSummaryApiTakesKoresDocumentedBodiesAndItsOwn() throws Exception {
        DetailsRequest.Summary byId = DetailsRequest.parseSummary(
                "{\"lang\": \"en\", \"inputMode\": {\"conversationId\": \"64808537ba90cb4b384157cf\"}}");
        assertEquals("64808537ba90cb4b384157cf", byId.ids().conversationId());
        assertEquals("en", byId.lang());
        DetailsRequest.Summary inline = DetailsRequest.parseSummary(
                "{\"language\": \"en\", \"inputMode\": {\"transcript\": \"Agent: Hello. Consumer: Hi.\"}}");
        assertEquals("Agent: Hello. Consumer: Hi.", inline.transcript());
        assertEquals(null, inline.ids());
        DetailsRequest.Summary own = DetailsRequest.parseSummary("{\"callId\": \"c1\", \"lang\": \"de\"}");
        assertEquals("c1", own.ids().callId());
        assertEquals("de", own.lang());
        ApiException e = assertThrows(
                ApiException.class, () -> DetailsRequest.parseSummary("{\"inputMode\": {\"transcript\": 42}}"));
        assertTrue(e.getMessage(), e.getMessage().contains("inputMode needs conversationId"));
        e = assertThrows(ApiException.class, () -> DetailsRequest.parseSummary("{\"inputMode\": \"x\"}"));
        assertTrue(e.getMessage(), e.getMessage().contains("inputMode must be an object"));
    }

    @Test
    public void badBodiesAreNamed() throws Exception {
        assertTrue(refused("").contains("JSON object"));
        assertTrue(refused("[1,2]").contains("not an array"));
        assertTrue(refused("{\"sessionId\":").contains("not valid JSON"));
        assertTrue(refused("{}").contains("One of sessionId, callId or conversationId"));
        assertTrue(refused("{\"sessionId\":\"  \"}").contains("One of"));
        assertTrue(refused("{\"sessionId\":123}").contains("sessionId must be a string, not a number"));
        assertTrue(refused("{\"sessionId\":\"zz\"}").contains("24 hexadecimal"));
        assertTrue(refused("{\"callId\":\"c\",\"isSummaryRequired\":\"yes\"}").contains("isSummaryRequired"));
        assertTrue(refused("{\"callId\":\"c\",\"limit\":0}").contains("limit must be an integer between 1 and "));
        assertEquals(
                "a limit above the maximum is clamped",
                1000,
                DetailsRequest.parse("{\"callId\":\"c\",\"limit\":1001}", 100, 1000)
                        .limit());
        assertTrue(refused("{\"callId\":\"c\",\"limit\":1e12}").contains("limit must be an integer"));
        assertTrue(refused("{\"callId\":\"c\",\"limit\":2.5}").contains("limit"));
        assertTrue(refused("{\"callId\":\"c\",\"limit\":true}").contains("limit"));
        assertTrue(refused("{\"callId\":\"c\",\"skip\":-1}").contains("skip"));
        assertTrue(refused("{\"callId\":\"c\",\"skip\":1e999999999}").contains("skip"));
        assertTrue(refused("{\"callId\":\"c\",\"skip\":1,\"offset\":2}").contains("give one"));
        assertTrue(refused("{\"callId\":\"c\",\"lang\":\"english please\"}").contains("lang"));
        assertTrue(refused("{\"callId\":\"" + "x".repeat(513) + "\"}").contains("longer than 512"));
    }
}
