package org.switchboard.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Text-to-speech producing 8 kHz audio for prompts. Registered as an OSGi service with the properties
 * {@value SpeechRecognizer#ENGINE} and {@value SpeechRecognizer#LANGUAGES}; reached through a dynamic reference.
 *
 * <p>Implemented by speech bundles.
 */
@ConsumerType
public interface SpeechSynthesizer {

    /**
     * Service property: the voice names the synthesizer knows ({@code String[]} or comma-separated). Flows naming a
     * voice are checked against it.
     *
     * @since 1.1
     */
    String VOICES = "speech.voices";

    /**
     * The voice names in a synthesizer service's {@value #VOICES} property: a {@code String[]}, a collection or a
     * comma-separated string; empty when absent.
     *
     * @since 1.1
     */
    static java.util.List<String> voices(java.util.Map<String, ?> serviceProperties) {
        Object v = serviceProperties.get(VOICES);
        if (v instanceof String[] a) {
            return java.util.List.of(a);
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return v == null
                ? java.util.List.of()
                : java.util.Arrays.stream(v.toString().split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList();
    }

    /**
     * Synthesizes {@code text}.
     *
     * @param voice a voice name the engine knows, or {@code null} for its default
     * @return 8 kHz mono audio
     * @throws IllegalArgumentException when the voice is unknown
     */
    Audio synthesize(String text, String voice);
}
