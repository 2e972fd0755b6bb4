package org.switchboard.flow.internal.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.switchboard.api.assistant.AssistantFactory;
import org.switchboard.api.assistant.VirtualAssistant;
import org.switchboard.flow.internal.model.AssistantSpec;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.Problem;

/**
 * The virtual assistants flows can reach: factories by type (for {@code app} and {@code webhook} definitions) and
 * assistant services by id (for {@code service}). Both may come and go; assistants made from a definition are kept
 * until the factories change.
 */
public final class Assistants {

    private final Map<AssistantFactory, String> factories = new ConcurrentHashMap<>();
    private final Map<String, VirtualAssistant> services = new ConcurrentHashMap<>();
    private final Map<AssistantSpec, VirtualAssistant> made = new ConcurrentHashMap<>();

    public void addFactory(AssistantFactory f, Map<String, ?> properties) {
        Object type = properties.get(AssistantFactory.TYPE);
        if (type != null) {
            factories.put(f, type.toString());
            made.clear();
        }
    }

    public void removeFactory(AssistantFactory f) {
        factories.remove(f);
        made.clear();
    }

    public void addService(VirtualAssistant a, Map<String, ?> properties) {
        Object id = properties.get(VirtualAssistant.ASSISTANT_ID);
        services.put(id == null ? a.id() : id.toString(), a);
    }

    public void removeService(VirtualAssistant a) {
        services.values().removeIf(v -> v == a);
    }

    private AssistantFactory factory(String type) {
        return factories.entrySet().stream()
                .filter(e -> e.getValue().equals(type))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    /** The assistant a flow's definition names; {@link IllegalStateException} saying why when there is none. */
    public VirtualAssistant resolve(AssistantSpec spec) {
        if (spec.type().equals("service")) {
            VirtualAssistant a = services.get(spec.id());
            if (a == null) {
                throw new IllegalStateException("no assistant service '" + spec.id() + "' is registered");
            }
            return a;
        }
        VirtualAssistant cached = made.get(spec);
        if (cached != null) {
            return cached;
        }
        AssistantFactory f = factory(spec.type());
        if (f == null) {
            throw new IllegalStateException("no installed bundle makes assistants of type '" + spec.type() + "'");
        }
        VirtualAssistant a = f.create(spec.id(), spec.definition());
        made.put(spec, a);
        return a;
    }

    /** Has each definition checked by the factory of its type, when one is installed. */
    public void check(List<Flow> flows, List<Problem> problems) {
        for (int i = 0; i < flows.size(); i++) {
            for (AssistantSpec spec : flows.get(i).assistants().values()) {
                AssistantFactory f = spec.type().equals("service") ? null : factory(spec.type());
                if (f == null) {
                    continue;
                }
                try {
                    made.put(spec, f.create(spec.id(), spec.definition()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem("flows[" + i + "].assistants." + spec.id(), null, e.getMessage()));
                } catch (RuntimeException e) {
                    problems.add(new Problem(
                            "flows[" + i + "].assistants." + spec.id(),
                            null,
                            "the " + spec.type() + " assistant could not be made: " + e));
                }
            }
        }
    }
}
