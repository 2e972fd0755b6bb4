package org.switchboard.itests.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.testing.Gateway;

/**
 * A Kore dialog-task script run unchanged against {@code ./switchboard}: it reads the trace id ZCC put on the INVITE
 * from {@code context.session.UserSession.sipHeaders}, sends DTMF, and refers the caller to a bare user id with
 * {@code print(voiceUtils.refer(message, referTo, headers))}; sipp checks the REFER. A flow using a voiceUtils
 * function a SIP gateway cannot honour is refused by the admin API, naming the function.
 */
public class KoreScriptIT {

    private static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    private static Gateway gateway;

    @BeforeClass
    public static void start() throws Exception {
        gateway = Gateway.start("KoreScriptIT");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String flow(String id, String code) {
        return "{\"id\": \"" + id + "\", \"botId\": \"" + BOT + "\", \"start\": \"s\", \"nodes\": ["
                + "{\"id\": \"s\", \"type\": \"script\", \"settings\": {\"code\": \"" + code.replace("\"", "\\\"")
                + "\"}, \"next\": {\"done\": \"bye\", \"error\": \"bye\", \"transferFailed\": \"bye\"}},"
                + "{\"id\": \"bye\", \"type\": \"hangup\"}]}";
    }

    @Test
    public void aKoreScriptReadsTheInviteSendsDtmfAndRefersToAUserId() throws Exception {
        String script = "var message = 'Transferring Call to an agent'; "
                + "var headers = {'X-Reason': 'Call Received from Kore', "
                + "'X-Trace': context.session.UserSession.sipHeaders['X-Trace-ID'] || 'none'}; "
                + "voiceUtils.sendDTMF('1#'); "
                + "print(voiceUtils.refer(message, 'agent_42', headers));";
        var put = gateway.admin("PUT", "/api/admin/flows/kore-script", flow("kore-script", script));
        assertTrue(put.body(), put.statusCode() == 200 || put.statusCode() == 201);
        var attach = gateway.admin(
                "PUT",
                "/api/admin/attachments",
                "{\"trunk\": \"zcc-demo\", \"did\": \"+15550109\", \"flow\": \"kore-script\"}");
        assertEquals(attach.body(), 200, attach.statusCode());

        gateway.callAndWait("kore-refer-user.xml", "-s", "+15550109");
        String c = gateway.awaitConversation("+15550109", d -> Gateway.has(d, "endedAt"), 20);
        assertTrue(c, c.contains("refer to agent_42"));
        assertTrue("the DTMF was sent: " + c, c.contains("dtmf.sent"));
        assertTrue(c, c.contains("sip:agent_42@127.0.0.1"));

        var refused = gateway.admin(
                "PUT",
                "/api/admin/flows/kore-invite",
                flow("kore-invite", "voiceUtils.invite('One moment', 'sip:queue@zcc.example.com', {});"));
        assertEquals(refused.body(), 400, refused.statusCode());
        assertTrue(
                refused.body(),
                refused.body()
                        .contains("voiceUtils.invite is not supported: Switchboard hands a "
                                + "call back to the contact center with BYE or REFER and does not dial a second leg"));
    }
}
