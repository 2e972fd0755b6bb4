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
     * Synthesizes {@code text}.
     *
     * @param voice a voice name the engine knows, or {@code null} for its default
     * @return 8 kHz mono audio
     * @throws IllegalArgumentException when the voice is unknown
     */
    Audio synthesize(String text, String voice);
}
