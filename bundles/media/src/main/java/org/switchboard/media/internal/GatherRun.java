package org.switchboard.media.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.GatherResult.Endpoint;
import org.switchboard.api.call.GatherResult.Outcome;
import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.api.speech.SpeechRecognizer;

/**
 * One gather: the prompt, then DTMF (max digits, terminator, inter-digit timeout) and/or speech (a recognition
 * stream fed while the gather listens) until input arrives or the no-input timeout, which starts when the prompt
 * ends. The caller's turn ends at the recognizer's end of utterance, or earlier: when a partial result is a complete
 * phrase ({@link TurnEnd}) and the commit silence followed it, or when other words were followed by the end silence
 * (silence measured on the recognizer's own audio clock, so the words it reports cover that silence). Without a
 * recognizer, or when it fails, a speech gather goes on with DTMF alone. Every method runs holding the session's
 * monitor.
 */
final class GatherRun implements RecognitionListener {

    private static final Logger LOG = LoggerFactory.getLogger(GatherRun.class);
    /** How long the recognizer may take to finish an utterance the gather ended before the partial result stands. */
    private static final long FINISH_WAIT_MS = 1000;
    /** Audio after the speech detector's onset (200 ms at 8 kHz) that an empty final must cover to end the turn. */
    private static final long AFTER_ONSET = 1600;
    /**
     * Audio after the caller's sound (500 ms at 8 kHz) the recognizer must have heard before it can say "no words":
     * Vosk's partial result shows a word up to 300 ms of audio after it ends, later for a soft voice.
     */
    private static final long SETTLE = 4000;

    private final RtpSession session;
    private final GatherRequest request;
    private final MediaEngineImpl engine;
    private final Settings settings;
    private final Settings.Turn turn;
    private final TurnEnd phrases;
    private final CompletableFuture<GatherResult> result = new CompletableFuture<>();
    private final StringBuilder digits = new StringBuilder();
    private RecognitionSession recognition;
    private ScheduledFuture<?> timer;
    private boolean heard;
    private boolean promptDone;
    private boolean done;
    // speech, on the recognition stream's clock (8 kHz samples fed)
    private long fed;
    private long lastVoicedSample = -1;
    private long lastVoicedNanos;
    private long speechStartSample = -1;
    private String partial = "";
    private double partialConfidence;
    private boolean partialHasPosition;
    private long recognizedSample = -1;
    private boolean unheardWords;
    /** Whether the caller's audio was voiced (past the echo gate) since the gather began. */
    private boolean voicedSeen;

    private Endpoint committing;
    private final java.util.function.Consumer<String> partials;

    GatherRun(
            RtpSession session,
            GatherRequest request,
            MediaEngineImpl engine,
            Settings settings,
            java.util.function.Consumer<String> partials) {
        this.partials = partials;
        this.session = session;
        this.request = request;
        this.engine = engine;
        this.settings = settings;
        this.turn = settings.turn(request.turn());
        this.phrases = new TurnEnd(request.phrases(), request.maxDigits());
    }

    CompletionStage<GatherResult> result() {
        return result;
    }

    /** How long a bargeable prompt of this gather pauses for the caller's sound before it resumes. */
    long resumeWindowMs() {
        return turn.resumeWindowMs();
    }

    /** Whether a recognizer is listening to the caller. */
    boolean listening() {
        return recognition != null;
    }

    /** Whether the recognizer heard words the turn has not yet ended on. */
    boolean wordsPending() {
        return !done && (!partial.isEmpty() || committing != null);
    }

    /**
     * Whether the recognizer has yet to say if the caller's last sound held words: words are pending (heard in a
     * partial result, awaiting the final one that ends the turn) or it has not yet heard 500 ms past the sound.
     */
    boolean undecided() {
        if (done || recognition == null) {
            return false;
        }
        if (wordsPending()) {
            return true;
        }
        if (lastVoicedSample < 0) {
            return false;
        }
        return recognizedSample >= 0
                ? recognizedSample < lastVoicedSample + SETTLE
                : System.nanoTime() - lastVoicedNanos < TimeUnit.MILLISECONDS.toNanos(SETTLE / 8);
    }

    void start() {
        CompletionStage<Void> prompt =
                request.prompt() == null || request.prompt().isBlank()
                        ? session.queuedPrompts()
                        : session.say(request.prompt(), request.voice(), request.bargeIn());
        synchronized (session) {
            if (request.speech()) {
                SpeechRecognizer r = engine.recognizer();
                if (r == null) {
                    engine.warnNoRecognizer();
                } else {
                    try {
                        recognition = r.open(request.phrases(), this);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Session {}: the recognizer cannot listen ({}); DTMF only",
                                session.id(),
                                e.getMessage());
                    }
                }
            }
        }
        prompt.whenComplete((v, failure) -> {
            synchronized (session) {
                promptDone = true;
                if (!done && !heard) {
                    schedule(request.noInputTimeout().toMillis(), Outcome.NO_INPUT);
                }
            }
        });
    }

    void onDigit(char d) {
        if (done || !request.dtmf()) {
            return;
        }
        heard = true;
        String terminator = request.terminator();
        if (terminator != null && !terminator.isEmpty() && terminator.charAt(0) == d) {
            finish(digits.length() == 0 ? Outcome.NO_MATCH : Outcome.MATCH);
            return;
        }
        digits.append(d);
        if (digits.length() >= request.maxDigits()) {
            finish(Outcome.MATCH);
        } else {
            schedule(request.interDigitTimeout().toMillis(), Outcome.MATCH);
        }
    }

    void onSpeechStart() {
        if (done || recognition == null || digits.length() > 0) {
            return;
        }
        heard = true;
        speechStartSample = fed;
        schedule(settings.maxSpeechMs(), Outcome.NO_MATCH);
    }

    /** The sound that paused the prompt was not worth a turn: the prompt resumes and the gather waits again. */
    void onFalseStart() {
        if (done || digits.length() > 0 || !partial.isEmpty()) {
            return;
        }
        heard = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (promptDone) {
            schedule(request.noInputTimeout().toMillis(), Outcome.NO_INPUT);
        }
    }

    /** The caller's audio, with whether any of it was voiced (the energy detector's frame decision). */
    void onAudio(short[] pcm, boolean voiced) {
        RecognitionSession r = recognition;
        if (done || r == null) {
            return;
        }
        r.feed(pcm, 0, pcm.length);
        fed += pcm.length;
        if (voiced) {
            voicedSeen = true;
            lastVoicedSample = fed;
            lastVoicedNanos = System.nanoTime();
        } else if (!partialHasPosition) {
            commitIfQuiet(fed); // a recognizer that does not say what its results cover: our own clock
        }
    }

    @Override
    public void onResult(Recognition r) {
        synchronized (session) {
            if (done || digits.length() > 0) {
                return;
            }
            String text = words(r);
            if (r.audioMs() >= 0) {
                recognizedSample = Math.max(recognizedSample, r.audioMs() * 8);
            }
            if (!r.isFinal() && committing != null) {
                return;
            }
            if (!r.isFinal()) {
                if (partials != null && !text.isEmpty() && !text.equals(partial)) {
                    engine.pool().execute(() -> report(text));
                }
                partial = text;
                partialConfidence = r.confidence();
                partialHasPosition = r.audioMs() >= 0;
                if (partialHasPosition) {
                    commitIfQuiet(r.audioMs() * 8);
                }
                return;
            }
            if (text.isEmpty() && session.promptPaused()) {
                // the sound that interrupted the prompt held no words (a filler the partial result took for one):
                // no turn, the prompt resumes
                LOG.debug("Session {}: no words in the interruption, the prompt resumes", session.id());
                partial = "";
                committing = null;
                session.resume();
                return;
            }
            if (text.isEmpty()) {
                partial = "";
                // an empty final that ends before the caller's speech began is the recognizer closing the silence
                // before it (Vosk does after 5 s of it), not the caller's turn
                boolean beforeSpeech =
                        r.audioMs() >= 0 && speechStartSample >= 0 && r.audioMs() * 8 < speechStartSample + AFTER_ONSET;
                if ((heard && !beforeSpeech) || committing != null) {
                    finish(Outcome.NO_MATCH);
                }
                return;
            }
            Endpoint endpoint = committing != null ? committing : Endpoint.RECOGNIZER;
            complete(new GatherResult(Outcome.MATCH, null, text, r.confidence(), endpoint, afterSpeech()));
        }
    }

    /**
     * The words of a result that may make a turn: none for fillers alone ("um", "uh-huh", which free-form recognition
     * spells out) or for words while the caller made no sound (the bot's own echo, or a sound too faint for a turn).
     */
    private String words(Recognition r) {
        String text = TurnEnd.clean(r.text());
        if (!phrases.hasWords(text)) {
            return "";
        }
        if (!voicedSeen) {
            if (!unheardWords) {
                unheardWords = true;
                LOG.debug("Session {}: '{}' recognized, but the caller did not speak (echo?)", session.id(), text);
            }
            return "";
        }
        return text;
    }

    private void report(String text) {
        try {
            partials.accept(text);
        } catch (RuntimeException e) {
            LOG.warn("Session {}: the partial result listener failed: {}", session.id(), e.toString());
        }
    }

    /** Ends the turn on the partial result when the silence after the last voiced audio up to {@code position} is long enough. */
    private void commitIfQuiet(long position) {
        if (done || committing != null || partial.isEmpty() || lastVoicedSample < 0 || digits.length() > 0) {
            return;
        }
        long quietMs = (position - lastVoicedSample) / 8;
        Endpoint endpoint = null;
        if (turn.commitSilenceMs() > 0 && quietMs >= turn.commitSilenceMs() && phrases.complete(partial)) {
            endpoint = Endpoint.PHRASE;
        } else if (turn.endSilenceMs() > 0 && quietMs >= turn.endSilenceMs() && phrases.hasWords(partial)) {
            endpoint = Endpoint.SILENCE;
        }
        if (endpoint == null) {
            return;
        }
        LOG.debug(
                "Session {}: the caller's turn ends ({}) on '{}' after {} ms of silence",
                session.id(),
                endpoint,
                partial,
                quietMs);
        if (recognition != null && recognition.finish()) {
            committing = endpoint; // the recognizer's final result for the audio so far ends the turn
            Endpoint e = endpoint;
            schedule(FINISH_WAIT_MS, () -> {
                if (!done) {
                    complete(new GatherResult(Outcome.MATCH, null, partial, partialConfidence, e, afterSpeech()));
                }
            });
        } else {
            complete(new GatherResult(Outcome.MATCH, null, partial, partialConfidence, endpoint, afterSpeech()));
        }
    }

    private Duration afterSpeech() {
        return lastVoicedSample < 0 ? null : Duration.ofNanos(System.nanoTime() - lastVoicedNanos);
    }

    @Override
    public void onError(Exception error) {
        synchronized (session) {
            LOG.warn(
                    "Session {}: the recognizer failed ({}); this gather goes on with DTMF only",
                    session.id(),
                    error.toString());
            closeRecognition();
            if (!done && committing != null && digits.length() == 0) {
                complete(new GatherResult(Outcome.MATCH, null, partial, partialConfidence, committing, afterSpeech()));
                return;
            }
            partial = "";
            if (!done && digits.length() == 0 && heard) {
                // speech was being recognised: the caller now gets the no-input time to use the keypad instead
                heard = false;
                if (timer != null) {
                    timer.cancel(false);
                    timer = null;
                }
                if (promptDone) {
                    schedule(request.noInputTimeout().toMillis(), Outcome.NO_INPUT);
                }
            }
        }
    }

    private void schedule(long ms, Outcome outcome) {
        schedule(ms, () -> finish(outcome));
    }

    private void schedule(long ms, Runnable action) {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = engine.scheduler()
                .schedule(
                        () -> {
                            synchronized (session) {
                                action.run();
                            }
                        },
                        ms,
                        TimeUnit.MILLISECONDS);
    }

    void finish(Outcome outcome) {
        if (done) {
            return;
        }
        String d = digits.length() == 0 ? null : digits.toString();
        Outcome o = outcome == Outcome.MATCH && d == null ? Outcome.NO_MATCH : outcome;
        complete(new GatherResult(o, o == Outcome.MATCH ? d : null, null, o == Outcome.MATCH ? 1.0 : 0));
    }

    private void complete(GatherResult r) {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        closeRecognition();
        session.gatherEnded(this, r);
        engine.pool().execute(() -> result.complete(r));
    }

    private void closeRecognition() {
        RecognitionSession r = recognition;
        recognition = null;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.debug("Recognition close: {}", e.toString());
            }
        }
    }
}
