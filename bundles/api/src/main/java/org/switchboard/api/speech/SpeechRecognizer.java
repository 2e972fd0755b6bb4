package org.switchboard.api.speech;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Speech-to-text for 8 kHz telephone audio. Registered as an OSGi service with the properties
 * {@value #ENGINE} and {@value #LANGUAGES}; the media runtime tracks recognizers with a dynamic reference and
 * falls back to DTMF-only input while none is present.
 *
 * <p>Implemented by speech bundles.
 */
@ConsumerType
public interface SpeechRecognizer {

    /** The service property naming the engine, e.g. {@code vosk}. */
    String ENGINE = "speech.engine";
    /** The service property listing BCP 47 language tags the engine understands. */
    String LANGUAGES = "speech.languages";

    /**
     * Opens a recognition stream.
     *
     * @param phrases the phrases expected (a grammar); empty for free-form recognition
     * @param listener receives results
     * @throws IllegalStateException when the engine is not available (e.g. no model)
     */
    RecognitionSession open(List<String> phrases, RecognitionListener listener);

    /**
     * Says that a call that may listen has begun, so that an engine loading its model on demand starts now and has it
     * ready by the first gather. Returns at once; called for every call, so it must be cheap once the engine is
     * ready. The default does nothing.
     */
    default void prepare() {}
}
