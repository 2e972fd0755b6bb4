package org.switchboard.media.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.GatherResult.Outcome;
import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.api.speech.SpeechRecognizer;

/**
 * One gather: the prompt, then DTMF (max digits, terminator, inter-digit timeout) and/or speech (a recognition
 * stream fed while the gather listens) until input arrives or the no-input timeout, which starts when the prompt
 * ends. Without a recognizer, or when it fails, a speech gather goes on with DTMF alone. Every method runs holding
 * the session's monitor.
 */
final class GatherRun implements RecognitionListener {

    private static final Logger LOG = LoggerFactory.getLogger(GatherRun.class);

    private final RtpSession session;
    private final GatherRequest request;
    private final MediaEngineImpl engine;
    private final Settings settings;
    private final CompletableFuture<GatherResult> result = new CompletableFuture<>();
    private final StringBuilder digits = new StringBuilder();
    private RecognitionSession recognition;
    private ScheduledFuture<?> timer;
    private boolean heard;
    private boolean promptDone;
    private boolean done;

    GatherRun(RtpSession session, GatherRequest request, MediaEngineImpl engine, Settings settings) {
        this.session = session;
        this.request = request;
        this.engine = engine;
        this.settings = settings;
    }

    CompletionStage<GatherResult> result() {
        return result;
    }

    void start() {
        CompletionStage<Void> prompt =
                request.prompt() == null || request.prompt().isBlank()
                        ? CompletableFuture.completedFuture(null)
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
        schedule(settings.maxSpeechMs(), Outcome.NO_MATCH);
    }

    void onAudio(short[] pcm) {
        RecognitionSession r = recognition;
        if (!done && r != null) {
            r.feed(pcm, 0, pcm.length);
        }
    }

    @Override
    public void onResult(Recognition r) {
        synchronized (session) {
            if (done || !r.isFinal() || digits.length() > 0) {
                return;
            }
            // a grammar recognizer's unknown-word token is not something the caller said
            String text = r.text() == null
                    ? ""
                    : r.text().replace("[unk]", " ").trim().replaceAll("\\s+", " ");
            if (text.isEmpty()) {
                if (heard) {
                    finish(Outcome.NO_MATCH);
                }
                return;
            }
            complete(new GatherResult(Outcome.MATCH, null, text, r.confidence()));
        }
    }

    @Override
    public void onError(Exception error) {
        synchronized (session) {
            LOG.warn(
                    "Session {}: the recognizer failed ({}); this gather goes on with DTMF only",
                    session.id(),
                    error.toString());
            closeRecognition();
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
        if (timer != null) {
            timer.cancel(false);
        }
        timer = engine.scheduler()
                .schedule(
                        () -> {
                            synchronized (session) {
                                finish(outcome);
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
        session.gatherEnded(this);
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
