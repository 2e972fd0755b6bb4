package org.switchboard.speech.vosk.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.util.audio.StreamUpsampler;
import org.vosk.Model;
import org.vosk.Recognizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One recognition stream: {@link #feed} queues a copy of the 8 kHz audio and returns; a task on the shared pool
 * (at most one per stream at a time, so results stay in order) upsamples it to 16 kHz and decodes it. Each end of
 * utterance Vosk finds is delivered as a final result; between them, every partial interval of audio, the words heard
 * so far as a partial result, none too: the listener sees how far the recognizer has heard (the audio words cover
 * grows through the silence after them; a sound with no words is heard out). A stream whose backlog grows beyond the limit gives up with an error
 * (the gather goes on with DTMF).
 */
final class VoskStream implements RecognitionSession {

    /** Makes the stream's recognizer once the model is there. */
    interface Maker {
        Recognizer make(Model model) throws IOException;
    }

    /** How long a stream waits for a model still loading before it gives up (the backlog limit usually comes first). */
    private static final long MODEL_WAIT_S = 30;

    private final ModelHolder<Model>.Lease lease;
    private final Maker maker;
    private Recognizer recognizer;
    private final RecognitionListener listener;
    private final Executor pool;
    private final VoskRecognizer engine;
    private final int maxBacklogSamples;
    private final int partialIntervalSamples;
    private static final short[] FINISH = new short[0];
    private final ConcurrentLinkedQueue<short[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final StreamUpsampler upsampler = new StreamUpsampler();
    private volatile boolean closed;
    private boolean freed;
    // decoding thread (one at a time)
    private long decodedSamples;
    private long sinceFinalOrPartial;
    private final Set<String> strip;

    VoskStream(
            ModelHolder<Model>.Lease lease,
            Maker maker,
            RecognitionListener listener,
            Executor pool,
            VoskRecognizer engine,
            int maxBacklogMs,
            int partialIntervalMs,
            Set<String> strip) {
        this.strip = strip;
        this.lease = lease;
        this.maker = maker;
        this.listener = listener;
        this.pool = pool;
        this.engine = engine;
        this.maxBacklogSamples = maxBacklogMs * 8;
        this.partialIntervalSamples = partialIntervalMs * 8;
    }

    @Override
    public void feed(short[] samples, int offset, int length) {
        if (closed || length <= 0) {
            return;
        }
        if (backlog.get() + length > maxBacklogSamples) {
            fail(new IllegalStateException("the recognizer is more than " + maxBacklogSamples / 8
                    + " ms behind (too many recognitions for the threads)"));
            return;
        }
        short[] copy = new short[length];
        System.arraycopy(samples, offset, copy, 0, length);
        queue.add(copy);
        backlog.addAndGet(length);
        schedule();
    }

    /** Queues the end of the utterance: the decoding thread delivers Vosk's final result for the audio before it. */
    @Override
    public boolean finish() {
        if (closed) {
            return false;
        }
        queue.add(FINISH);
        schedule();
        return true;
    }

    private void schedule() {
        if (!closed && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RuntimeException e) {
                scheduled.set(false);
                fail(e);
            }
        }
    }

    private void drain() {
        try {
            if (!recognizerReady()) {
                return;
            }
            short[] chunk;
            while (!closed && (chunk = queue.poll()) != null) {
                backlog.addAndGet(-chunk.length);
                Recognition result = null;
                long start = System.nanoTime();
                synchronized (this) {
                    if (freed) {
                        return;
                    }
                    result = decode(chunk);
                }
                engine.decoded(chunk.length, System.nanoTime() - start);
                if (result != null && !closed) {
                    listener.onResult(result);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            fail(e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e));
        } finally {
            scheduled.set(false);
            schedule();
        }
    }

    /**
     * Makes the recognizer the first time, waiting (outside the stream's lock, so that closing never waits) for a
     * model still loading; the audio fed meanwhile waits in the queue. False once the stream failed or closed.
     */
    private boolean recognizerReady() {
        synchronized (this) {
            if (recognizer != null || freed) {
                return !freed;
            }
        }
        Model model;
        try {
            model = lease.model().get(MODEL_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IllegalStateException("stopped while the Vosk model was loading"));
            return false;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            fail(new IllegalStateException("the Vosk model is not there: " + cause.getMessage(), cause));
            return false;
        }
        Exception error;
        synchronized (this) {
            if (freed) {
                return false;
            }
            try {
                recognizer = maker.make(model);
                recognizer.setWords(true);
                return true;
            } catch (IOException | RuntimeException e) {
                recognizer = null;
                error = e;
            }
        }
        fail(new IllegalStateException("Vosk cannot open a recognizer: " + error.getMessage(), error));
        return false;
    }

    /** Decodes one chunk (or the end of the utterance); the result to deliver, or {@code null}. Holding this. */
    private Recognition decode(short[] chunk) {
        if (chunk == FINISH) {
            sinceFinalOrPartial = 0;
            return parse(recognizer.getFinalResult(), decodedSamples / 8, strip);
        }
        short[] wide = upsampler.process(chunk, 0, chunk.length);
        decodedSamples += chunk.length;
        sinceFinalOrPartial += chunk.length;
        long audioMs = decodedSamples / 8;
        if (recognizer.acceptWaveForm(wide, wide.length)) {
            sinceFinalOrPartial = 0;
            return parse(recognizer.getResult(), audioMs, strip);
        }
        if (partialIntervalSamples == 0 || sinceFinalOrPartial < partialIntervalSamples) {
            return null;
        }
        sinceFinalOrPartial = 0;
        return parsePartial(recognizer.getPartialResult(), audioMs, strip);
    }

    /** {@link #parse(String, long, Set)} of a result that does not say its audio position, nothing stripped. */
    static Recognition parse(String json) {
        return parse(json, -1, Set.of());
    }

    /**
     * A Vosk result ({@code {"text": ..., "result": [{"word", "conf"}, ...]}}) as a final recognition, without the
     * grammar's {@code [unk]} tokens (speech matching no phrase) and the fillers it added ({@code strip}): they never
     * reach a transcript. Only unknown words and fillers: empty text, confidence 0.
     */
    static Recognition parse(String json, long audioMs, Set<String> strip) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return recognition(o, "text", "result", true, audioMs, strip);
    }

    /** A Vosk partial result ({@code {"partial": ..., "partial_result": [{"word", "conf"}, ...]}}). */
    static Recognition parsePartial(String json, long audioMs, Set<String> strip) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return recognition(o, "partial", "partial_result", false, audioMs, strip);
    }

    private static Recognition recognition(
            JsonObject o, String textKey, String wordsKey, boolean isFinal, long audioMs, Set<String> strip) {
        String raw = o.has(textKey) ? o.get(textKey).getAsString() : "";
        StringBuilder kept = new StringBuilder();
        for (String w : raw.trim().split("\\s+")) {
            if (!w.isEmpty() && !"[unk]".equals(w) && !strip.contains(w)) {
                kept.append(kept.length() == 0 ? "" : " ").append(w);
            }
        }
        String text = kept.toString();
        double conf = 0;
        int words = 0;
        if (o.has(wordsKey) && o.get(wordsKey).isJsonArray()) {
            JsonArray a = o.getAsJsonArray(wordsKey);
            for (JsonElement e : a) {
                JsonObject w = e.getAsJsonObject();
                String word = w.has("word") ? w.get("word").getAsString() : "";
                if (w.has("conf") && !"[unk]".equals(word) && !strip.contains(word)) {
                    conf += w.get("conf").getAsDouble();
                    words++;
                }
            }
        }
        double confidence = text.isEmpty() ? 0 : words == 0 ? 1 : conf / words;
        return new Recognition(text, Math.max(0, Math.min(1, confidence)), isFinal, audioMs);
    }

    private void fail(Exception e) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
            free();
        }
        if (first) {
            engine.failed();
            listener.onError(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        synchronized (this) {
            free();
        }
    }

    private void free() {
        if (!freed) {
            freed = true;
            if (recognizer != null) {
                recognizer.close();
            }
            lease.close();
            engine.released();
        }
    }
}
