package org.switchboard.summary.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.api.conversation.Direction;
import org.switchboard.api.conversation.Turn;

/**
 * A transcript given as text, as Kore's Conversation Summary API takes it ({@code "Agent: Thank you for calling. How
 * can I help you? Consumer: I have an issue with my DVR box..."}), read into turns: a speaker label starts a turn;
 * the agent's and the bot's are outgoing, the consumer's, customer's, caller's and user's incoming. Text before any
 * label, or a transcript without labels, is the caller's.
 */
final class Transcripts {

    /** The most turns read from one transcript. */
    static final int MAX_TURNS = 2000;

    private static final Pattern LABEL =
            Pattern.compile("(?i)(?:^|(?<=[\\s.!?,;]))(agent|bot|assistant|consumer|customer|caller|user)\\s*:");

    private Transcripts() {}

    static List<Turn> turns(String sessionId, String transcript, Instant at) {
        List<Turn> turns = new ArrayList<>();
        Matcher m = LABEL.matcher(transcript);
        int textStart = 0;
        Direction speaker = Direction.INCOMING;
        while (m.find() && turns.size() < MAX_TURNS) {
            add(turns, sessionId, speaker, transcript.substring(textStart, m.start()), at);
            speaker = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "agent", "bot", "assistant" -> Direction.OUTGOING;
                default -> Direction.INCOMING;
            };
            textStart = m.end();
        }
        add(turns, sessionId, speaker, transcript.substring(textStart), at);
        return turns;
    }

    private static void add(List<Turn> turns, String sessionId, Direction d, String text, Instant at) {
        String t = text.strip();
        if (!t.isEmpty() && turns.size() < MAX_TURNS) {
            turns.add(new Turn(sessionId, d, at.plusMillis(turns.size()), t, null, 1.0, null, null));
        }
    }
}
