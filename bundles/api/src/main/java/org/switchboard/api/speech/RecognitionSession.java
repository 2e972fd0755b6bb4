package org.switchboard.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One utterance-recognition stream. Implemented by speech bundles; created by
 * {@link SpeechRecognizer#open(java.util.List, RecognitionListener)}.
 */
@ConsumerType
public interface RecognitionSession extends AutoCloseable {

    /** Feeds 8 kHz 16-bit samples; must return quickly (recognition runs on the recognizer's own pool). */
    void feed(short[] samples, int offset, int length);

    /** Stops recognition and releases resources; no result is delivered afterwards. */
    @Override
    void close();
}
