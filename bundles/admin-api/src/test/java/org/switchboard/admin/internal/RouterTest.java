package org.switchboard.admin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import com.google.gson.JsonPrimitive;

/** Routing, method refusals and the failed-login limiter. */
public class RouterTest {

    private final Router router = new Router()
            .add("GET", "/bots/([a-z0-9-]+)", q -> Router.Reply.ok(new JsonPrimitive("bot " + q.param(0))))
            .add("DELETE", "/bots/([a-z0-9-]+)", q -> new Router.Reply(204, null))
            .add("GET", "/items", q -> Router.Reply.ok(new JsonPrimitive(q.intQuery("limit", 50, 1, 500))));

    @Test
    public void routesCaptureSegmentsAndQueryValuesAreChecked() throws Exception {
        assertEquals(
                new JsonPrimitive("bot st-1"),
                router.dispatch("GET", "/bots/st-1", Map.of(), "").body());
        assertEquals(204, router.dispatch("DELETE", "/bots/st-1", Map.of(), "").status());
        assertEquals(
                new JsonPrimitive(7),
                router.dispatch("GET", "/items", Map.of("limit", "7"), "").body());
        AdminException bad =
                assertThrows(AdminException.class, () -> router.dispatch("GET", "/items", Map.of("limit", "9999"), ""));
        assertEquals(400, bad.status());
        assertTrue(bad.getMessage().contains("between 1 and 500"));
    }

    @Test
    public void unknownPathsAre404AndOtherMethods405WithAllow() {
        assertEquals(
                404,
                assertThrows(AdminException.class, () -> router.dispatch("GET", "/bots", Map.of(), ""))
                        .status());
        Router.MethodNotAllowed e =
                assertThrows(Router.MethodNotAllowed.class, () -> router.dispatch("PUT", "/bots/st-1", Map.of(), ""));
        assertEquals(405, e.status());
        assertEquals("DELETE, GET", e.allow());
    }

    @Test
    public void requestBodiesAreCheckedJson() {
        AdminRequest r = new AdminRequest(java.util.List.of(), Map.of(), "[1]");
        assertTrue(assertThrows(AdminException.class, r::object).getMessage().contains("JSON object"));
        assertTrue(assertThrows(
                        AdminException.class, () -> new AdminRequest(java.util.List.of(), Map.of(), "{").object())
                .getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(
                        AdminException.class, () -> new AdminRequest(java.util.List.of(), Map.of(), " ").object())
                .getMessage()
                .contains("needs a JSON body"));
    }
}
