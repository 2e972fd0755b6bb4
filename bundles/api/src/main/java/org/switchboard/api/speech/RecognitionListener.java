package org.switchboard.api.speech;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives a {@link RecognitionSession}'s results. Implemented by the media runtime; called by the recognizer
 * on one of its own threads, never concurrently for one session.
 */
@ProviderType
public interface RecognitionListener {

    /**
     * A partial or final result. Recognizers deliver partial results as the audio goes on, with the words heard so
     * far (or none) and the audio they cover, so that a gather can end a turn early and knows when a sound that
     * interrupted a prompt has been heard out.
     */
    void onResult(Recognition recognition);

    /** The recognizer failed; the session is closed and the call falls back to DTMF. */
    void onError(Exception error);
}
