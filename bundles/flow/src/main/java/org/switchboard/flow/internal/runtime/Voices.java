package org.switchboard.flow.internal.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.switchboard.api.speech.SpeechSynthesizer;
import org.switchboard.flow.internal.model.Flow;
import org.switchboard.flow.internal.model.Node;
import org.switchboard.flow.internal.model.Problem;

/**
 * The voices of the installed synthesizers, against which a flow's {@code voice} settings are checked. With no
 * synthesizer installed nothing is checked (prompts are silent then, whatever the voice).
 */
public final class Voices {

    private final Map<SpeechSynthesizer, List<String>> synthesizers = new ConcurrentHashMap<>();

    public void add(SpeechSynthesizer s, Map<String, ?> properties) {
        synthesizers.put(s, SpeechSynthesizer.voices(properties));
    }

    public void remove(SpeechSynthesizer s) {
        synthesizers.remove(s);
    }

    /** Adds a problem for each node naming a voice no installed synthesizer lists. */
    public void check(List<Flow> flows, List<Problem> problems) {
        if (synthesizers.isEmpty()) {
            return;
        }
        Set<String> known = new TreeSet<>();
        synthesizers.values().forEach(known::addAll);
        for (int i = 0; i < flows.size(); i++) {
            for (Node n : flows.get(i).nodes().values()) {
                String voice = n.string("voice", null);
                if (voice != null && !known.contains(voice)) {
                    problems.add(new Problem(
                            "flows[" + i + "].nodes." + n.id() + ".settings.voice",
                            n.id(),
                            "unknown voice '" + voice + "'; the installed synthesizers have: "
                                    + String.join(", ", known)));
                }
            }
        }
    }
}
