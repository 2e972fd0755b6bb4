package org.switchboard.summary.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.switchboard.api.conversation.Summarizer;

/** The summarizer services there are, by {@value Summarizer#SUMMARIZER_ID}; the highest ranking wins a tie. */
final class Summarizers {

    private record Entry(Summarizer summarizer, String id, int ranking, long serviceId) {}

    private static final Comparator<Entry> BEST =
            Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(Summarizer s, Map<String, Object> properties) {
        Object id = properties.get(Summarizer.SUMMARIZER_ID);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object serviceId = properties.get(Constants.SERVICE_ID);
        entries.add(new Entry(
                s,
                id == null ? "" : id.toString(),
                ranking instanceof Integer i ? i : 0,
                serviceId instanceof Long l ? l : Long.MAX_VALUE));
    }

    void remove(Summarizer s) {
        entries.removeIf(e -> e.summarizer() == s);
    }

    /** The best summarizer with this id, or {@code null}. */
    Summarizer get(String id) {
        return entries.stream()
                .filter(e -> e.id().equals(id))
                .min(BEST)
                .map(Entry::summarizer)
                .orElse(null);
    }
}
