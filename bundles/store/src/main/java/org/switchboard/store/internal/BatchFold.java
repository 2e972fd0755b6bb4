package org.switchboard.store.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.EndedBy;

/**
 * Folds a batch's answered, handed-off and end records into the start of their session when that start is in the
 * same batch: the session is inserted with those times instead of inserted and then updated up to three times. A
 * short call, or a call's first moments, costs one statement on {@code sessions} instead of three or four. Each
 * folded record changes the conversation exactly as its {@code UPDATE} would change the row (the first answer and
 * hand-off win; an end replaces only no end or a node declared lost); if the session turns out to be recorded
 * already, the folded records are applied as they came. Every other record keeps its place.
 */
final class BatchFold {

    private BatchFold() {}

    static List<Recorded> fold(List<Recorded> batch) {
        if (batch.size() < 2) {
            return batch;
        }
        Map<String, Folding> open = null;
        List<Object> out = new ArrayList<>(batch.size());
        for (Recorded r : batch) {
            if (r.started() != null) {
                Folding f = new Folding(r);
                if (open == null) {
                    open = new HashMap<>();
                }
                open.put(r.sessionId(), f);
                out.add(f);
                continue;
            }
            Folding f = open == null || r.fold() == null ? null : open.get(r.sessionId());
            if (f == null) {
                out.add(r);
            } else {
                f.conversation = r.fold().apply(f.conversation);
                f.folded.add(r);
            }
        }
        if (open == null) {
            return batch;
        }
        List<Recorded> plan = new ArrayList<>(out.size());
        for (Object o : out) {
            plan.add(o instanceof Folding f ? f.record() : (Recorded) o);
        }
        return plan;
    }

    /** {@code c} with the given times and end, everything else as it is. */
    static Conversation with(
            Conversation c, Instant answeredAt, Instant handoffAt, Instant endedAt, EndedBy endedBy, String reason) {
        return new Conversation(
                c.sessionId(),
                c.callId(),
                c.botId(),
                c.trunkId(),
                c.did(),
                c.caller(),
                c.startedAt(),
                answeredAt,
                handoffAt,
                endedAt,
                endedBy,
                reason,
                c.taskPath(),
                c.nodeId(),
                c.sipHeaders());
    }

    /** A start record of the batch and the records folded into it so far. */
    private static final class Folding {
        private final Recorded start;
        private final List<Recorded> folded = new ArrayList<>(3);
        private Conversation conversation;

        Folding(Recorded start) {
            this.start = start;
            this.conversation = start.started();
        }

        Recorded record() {
            return folded.isEmpty() ? start : Recorded.startFolded(conversation, folded);
        }
    }
}
