package org.switchboard.api.speech;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives a {@link RecognitionSession}'s results. Implemented by the media runtime; called by the recognizer
 * on one of its own threads, never concurrently for one session.
 */
@ProviderType
public interface RecognitionListener {

    /**
     * A partial or final result. Recognizers deliver partial results while the caller speaks (and while the words
     * heard so far stand, as the audio goes on), so that a gather can end a turn early or a prompt can yield.
     */
    void onResult(Recognition recognition);

    /** The recognizer failed; the session is closed and the call falls back to DTMF. */
    void onError(Exception error);
}
