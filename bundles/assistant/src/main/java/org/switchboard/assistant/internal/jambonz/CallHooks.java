package org.switchboard.assistant.internal.jambonz;

import java.util.Map;

import org.switchboard.api.assistant.TurnRequest;
import org.switchboard.api.call.SessionContext;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The bodies jambonz posts to an application, as its documentation describes them: the call's attributes on every
 * hook ({@code call_sid}, {@code direction}, {@code from}, {@code to}, {@code call_id}, ...), the INVITE's headers as
 * {@code sip.headers} on the first, and a gather's outcome ({@code reason}, {@code speech} or {@code digits}) on its
 * {@code actionHook}.
 */
public final class CallHooks {

    private CallHooks() {}

    /** The attributes of the call every hook carries. */
    static JsonObject attributes(TurnRequest r, String assistantId, String status) {
        JsonObject o = new JsonObject();
        SessionContext s = r.session();
        o.addProperty("call_sid", r.sessionId());
        o.addProperty("direction", "inbound");
        o.addProperty("from", s == null ? "" : s.caller());
        o.addProperty("to", s == null ? "" : s.did());
        o.addProperty("call_id", s == null ? "" : s.callId());
        o.addProperty("caller_name", "");
        o.addProperty("sip_status", 200);
        o.addProperty("sip_reason", "OK");
        o.addProperty("call_status", status);
        o.addProperty("account_sid", r.botId() == null ? "" : r.botId());
        o.addProperty("application_sid", assistantId);
        if (s != null && s.trunkId() != null) {
            o.addProperty("originating_sip_trunk_name", s.trunkId());
        }
        return o;
    }

    /** The call webhook's body: the attributes and the INVITE's headers. */
    public static JsonObject newCall(TurnRequest r, String assistantId) {
        JsonObject o = attributes(r, assistantId, "in-progress");
        JsonObject sip = new JsonObject();
        JsonObject headers = new JsonObject();
        Map<String, String> h = r.session() == null ? Map.of() : r.session().sipHeaders();
        h.forEach(headers::addProperty);
        sip.add("headers", headers);
        sip.addProperty("method", "INVITE");
        o.add("sip", sip);
        return o;
    }

    /**
     * A {@code sip:refer}'s {@code actionHook} body: the call's attributes, {@code refer_status} (the REFER's own
     * answer) and {@code final_referred_call_status} (the final NOTIFY's, when the REFER was accepted), read from the
     * transfer's outcome ({@code "<status> <reason>"}).
     */
    static JsonObject referred(TurnRequest r, String assistantId) {
        boolean done = r.event() == TurnRequest.Event.TRANSFERRED;
        JsonObject o = attributes(r, assistantId, done ? "completed" : "in-progress");
        String outcome = r.text() == null ? "0" : r.text();
        int space = outcome.indexOf(' ');
        int status;
        try {
            status = Integer.parseInt(space < 0 ? outcome : outcome.substring(0, space));
        } catch (NumberFormatException e) {
            status = 0;
        }
        String reason = space < 0 ? "" : outcome.substring(space + 1);
        if (reason.startsWith("REFER answered")) {
            o.addProperty("refer_status", status);
        } else {
            o.addProperty("refer_status", 202);
            if (status > 0 || done) {
                o.addProperty("final_referred_call_status", status > 0 ? status : 200);
            }
        }
        return o;
    }

    /** A gather's {@code actionHook} body: what the caller said or pressed, or that the gather timed out. */
    static JsonObject gathered(TurnRequest r, String assistantId) {
        JsonObject o = attributes(r, assistantId, "in-progress");
        switch (r.event()) {
            case UTTERANCE -> {
                if (r.text() == null || r.text().isEmpty()) {
                    o.addProperty("reason", "timeout"); // heard something, but no words
                    break;
                }
                o.addProperty("reason", "speechDetected");
                JsonObject alternative = new JsonObject();
                alternative.addProperty("transcript", r.text());
                alternative.addProperty("confidence", r.confidence());
                JsonArray alternatives = new JsonArray();
                alternatives.add(alternative);
                JsonObject speech = new JsonObject();
                speech.addProperty("is_final", true);
                speech.addProperty("language_code", "en-US");
                speech.add("alternatives", alternatives);
                o.add("speech", speech);
            }
            case DTMF -> {
                o.addProperty("reason", "dtmfDetected");
                o.addProperty("digits", r.digits());
            }
            default -> o.addProperty("reason", "timeout");
        }
        return o;
    }
}
