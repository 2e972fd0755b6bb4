package org.switchboard.store.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a batch's SIP message, event and task records by session: each session's are written as one row where its
 * first of them stood, each kind in the order it came (see {@code V15__session_batches.sql}). Every other record
 * keeps its place; these three go to a table of their own and are read by kind, so moving a later one up to its
 * session's first changes no order anything reads.
 */
final class SessionBatches {

    private SessionBatches() {}

    static List<Recorded> group(List<Recorded> batch) {
        Map<String, List<Recorded>> bySession = null;
        for (Recorded r : batch) {
            if (r.batched()) {
                if (bySession == null) {
                    bySession = new LinkedHashMap<>();
                }
                bySession
                        .computeIfAbsent(r.sessionId(), k -> new ArrayList<>(8))
                        .add(r);
            }
        }
        if (bySession == null) {
            return batch;
        }
        List<Recorded> plan = new ArrayList<>(batch.size());
        for (Recorded r : batch) {
            if (!r.batched()) {
                plan.add(r);
                continue;
            }
            List<Recorded> records = bySession.remove(r.sessionId());
            if (records != null) {
                plan.add(records.size() == 1 ? r : Recorded.batch(r.sessionId(), records));
            }
        }
        return plan;
    }
}
