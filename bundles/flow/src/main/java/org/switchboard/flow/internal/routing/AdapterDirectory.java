package org.switchboard.flow.internal.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.switchboard.api.adapter.ContactCenterAdapter;

/**
 * The contact-center adapters present right now, by type. Adapters come and go with their bundles; a new call takes
 * the adapter of its trunk's type with the highest service ranking (the oldest service on a tie), so during an
 * upgrade new calls go to the newer adapter once it ranks higher.
 */
final class AdapterDirectory {

    private record Entry(ContactCenterAdapter adapter, String type, int ranking, long serviceId) {}

    private static final Comparator<Entry> PREFERRED =
            Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(ContactCenterAdapter adapter, Map<String, Object> properties) {
        Object type = properties.get(ContactCenterAdapter.ADAPTER_TYPE);
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        entries.add(new Entry(
                adapter,
                type == null ? adapter.type() : type.toString(),
                ranking instanceof Integer r ? r : 0,
                id instanceof Long l ? l : Long.MAX_VALUE));
    }

    void remove(ContactCenterAdapter adapter) {
        entries.removeIf(e -> e.adapter() == adapter);
    }

    Optional<ContactCenterAdapter> forType(String type) {
        return entries.stream()
                .filter(e -> e.type().equals(type))
                .sorted(PREFERRED)
                .map(Entry::adapter)
                .findFirst();
    }
}
