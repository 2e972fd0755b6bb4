package org.switchboard.flow.internal.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.call.SessionContext;

/**
 * What scripts and conditions see as {@code context.session}: the fields Kore dialog-task scripts read, so they run
 * unchanged. {@code UserSession} holds the INVITE's passed headers ({@code sipHeaders}) and the call's parties;
 * {@code BotUserSession.channels[0].handle} repeats them the way Kore's voice channels give them. Read-only: what a
 * script writes to {@code context.session} is dropped.
 */
final class SessionView {

    /** The reserved name in {@code context}. */
    static final String NAME = "session";

    private SessionView() {}

    static Map<String, Object> of(SessionContext s) {
        Map<String, Object> headers = new LinkedHashMap<>(s.sipHeaders());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("sipHeaders", headers);
        user.put("caller", s.caller());
        user.put("dialedNumber", s.did());
        user.put("callId", s.callId());
        user.put("sessionId", s.sessionId());
        user.put("trunkId", s.trunkId());
        Map<String, Object> handle = new LinkedHashMap<>();
        handle.put("sipHeaders", new LinkedHashMap<>(headers));
        handle.put("from", s.caller());
        handle.put("to", s.did());
        handle.put("callId", s.callId());
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("type", "korevg");
        channel.put("handle", handle);
        Map<String, Object> bot = new LinkedHashMap<>();
        bot.put("channels", List.of(channel));
        bot.put("sessionId", s.sessionId());
        bot.put("botId", s.botId());
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("UserSession", user);
        session.put("BotUserSession", bot);
        return session;
    }

    /** The flow variables with {@code session} added, for a script or condition. */
    static Map<String, Object> withSession(Map<String, Object> variables, SessionContext s) {
        Map<String, Object> all = new LinkedHashMap<>(variables);
        all.put(NAME, of(s));
        return all;
    }

    /** A script's context without {@code session}: the variables to keep. */
    static Map<String, Object> withoutSession(Map<String, Object> context) {
        Map<String, Object> vars = new LinkedHashMap<>(context);
        vars.remove(NAME);
        return vars;
    }
}
