package org.switchboard.speech.vosk.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.util.audio.StreamUpsampler;
import org.vosk.Recognizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One recognition stream: {@link #feed} queues a copy of the 8 kHz audio and returns; a task on the shared pool
 * (at most one per stream at a time, so results stay in order) upsamples it to 16 kHz and decodes it. Each end of
 * utterance Vosk finds is delivered as a final result; between them, every partial interval of audio, the words heard
 * so far as a partial result (when they changed, or while there are any, so that the listener sees the audio they
 * cover grow through the silence after them). A stream whose backlog grows beyond the limit gives up with an error
 * (the gather goes on with DTMF).
 */
final class VoskStream implements RecognitionSession {

    private final Recognizer recognizer;
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
    private String lastPartial = "";

    VoskStream(
            Recognizer recognizer,
            RecognitionListener listener,
            Executor pool,
            VoskRecognizer engine,
            int maxBacklogMs,
            int partialIntervalMs) {
        this.recognizer = recognizer;
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

    /** Decodes one chunk (or the end of the utterance); the result to deliver, or {@code null}. Holding this. */
    private Recognition decode(short[] chunk) {
        if (chunk == FINISH) {
            lastPartial = "";
            sinceFinalOrPartial = 0;
            return parse(recognizer.getFinalResult(), decodedSamples / 8);
        }
        short[] wide = upsampler.process(chunk, 0, chunk.length);
        decodedSamples += chunk.length;
        sinceFinalOrPartial += chunk.length;
        long audioMs = decodedSamples / 8;
        if (recognizer.acceptWaveForm(wide, wide.length)) {
            lastPartial = "";
            sinceFinalOrPartial = 0;
            return parse(recognizer.getResult(), audioMs);
        }
        if (partialIntervalSamples == 0 || sinceFinalOrPartial < partialIntervalSamples) {
            return null;
        }
        sinceFinalOrPartial = 0;
        Recognition p = parsePartial(recognizer.getPartialResult(), audioMs);
        boolean deliver = !p.text().isEmpty() || !lastPartial.isEmpty();
        lastPartial = p.text();
        return deliver ? p : null;
    }

    private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile("\\[unk\\]");

    /** {@link #parse(String, long)} of a result that does not say its audio position. */
    static Recognition parse(String json) {
        return parse(json, -1);
    }

    /**
     * A Vosk result ({@code {"text": ..., "result": [{"word", "conf"}, ...]}}) as a final recognition, without the
     * grammar's {@code [unk]} tokens (speech matching no phrase): they never reach a transcript. Only unknown words:
     * empty text, confidence 0.
     */
    static Recognition parse(String json, long audioMs) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return recognition(o, "text", "result", true, audioMs);
    }

    /** A Vosk partial result ({@code {"partial": ..., "partial_result": [{"word", "conf"}, ...]}}). */
    static Recognition parsePartial(String json, long audioMs) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return recognition(o, "partial", "partial_result", false, audioMs);
    }

    private static Recognition recognition(
            JsonObject o, String textKey, String wordsKey, boolean isFinal, long audioMs) {
        String raw = o.has(textKey) ? o.get(textKey).getAsString() : "";
        String text = UNKNOWN.matcher(raw).replaceAll(" ").trim().replaceAll("\\s+", " ");
        double conf = 0;
        int words = 0;
        if (o.has(wordsKey) && o.get(wordsKey).isJsonArray()) {
            JsonArray a = o.getAsJsonArray(wordsKey);
            for (JsonElement e : a) {
                JsonObject w = e.getAsJsonObject();
                if (w.has("conf")
                        && !(w.has("word") && "[unk]".equals(w.get("word").getAsString()))) {
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
            recognizer.close();
            engine.released();
        }
    }
}
