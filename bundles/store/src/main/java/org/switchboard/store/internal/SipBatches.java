package org.switchboard.store.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a batch's SIP message records by session: each session's messages are written as one row where its first
 * message stood, in the order they came (see {@code V14__sip_message_batches.sql}). Every other record keeps its
 * place; SIP messages go to a table of their own, so moving a later message up to its session's first changes no
 * order anything reads.
 */
final class SipBatches {

    private SipBatches() {}

    static List<Recorded> group(List<Recorded> batch) {
        Map<String, List<Recorded>> bySession = null;
        for (Recorded r : batch) {
            if (r.sip() != null) {
                if (bySession == null) {
                    bySession = new LinkedHashMap<>();
                }
                bySession
                        .computeIfAbsent(r.sessionId(), k -> new ArrayList<>(6))
                        .add(r);
            }
        }
        if (bySession == null) {
            return batch;
        }
        List<Recorded> plan = new ArrayList<>(batch.size());
        for (Recorded r : batch) {
            if (r.sip() == null) {
                plan.add(r);
                continue;
            }
            List<Recorded> messages = bySession.remove(r.sessionId());
            if (messages != null) {
                plan.add(messages.size() == 1 ? r : Recorded.sipMessages(r.sessionId(), messages));
            }
        }
        return plan;
    }
}
