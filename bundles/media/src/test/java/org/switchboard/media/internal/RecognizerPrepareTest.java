package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.api.speech.SpeechRecognizer;

/** Each call's media tells the recognizer a call has begun, so that one loading on demand starts then. */
public class RecognizerPrepareTest {

    private MediaEngineImpl engine;
    private final AtomicInteger prepared = new AtomicInteger();

    @Before
    public void open() throws Exception {
        engine = new MediaEngineImpl(RtpSessionTest.config(Map.of()), null);
    }

    @After
    public void close() {
        engine.deactivate();
    }

    private static final MediaEvents NONE = new MediaEvents() {
        @Override
        public void dtmf(char digit, int durationMs) {}

        @Override
        public void mediaTimeout(Duration silence) {}
    };

    private final class Counting implements SpeechRecognizer {
        private final boolean fails;

        Counting(boolean fails) {
            this.fails = fails;
        }

        @Override
        public RecognitionSession open(List<String> phrases, RecognitionListener listener) {
            throw new IllegalStateException("not used here");
        }

        @Override
        public void prepare() {
            prepared.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("model store unreachable");
            }
        }
    }

    @Test
    public void everyCallsMediaPreparesTheRecognizer() throws Exception {
        engine.bindRecognizer(new Counting(false));
        MediaSession a = RtpSessionTest.openOnFreePort(engine, "0000000000000000000000a1", NONE);
        MediaSession b = RtpSessionTest.openOnFreePort(engine, "0000000000000000000000a2", NONE);
        assertEquals(2, prepared.get());
        a.close();
        b.close();
    }

    @Test
    public void aRecognizerThatFailsToPrepareDoesNotFailTheCall() throws Exception {
        engine.bindRecognizer(new Counting(true));
        MediaSession s = RtpSessionTest.openOnFreePort(engine, "0000000000000000000000a3", NONE);
        assertNotNull(s);
        assertEquals(1, prepared.get());
        s.close();
    }

    @Test
    public void withoutARecognizerACallOpensAsBefore() throws Exception {
        MediaSession s = RtpSessionTest.openOnFreePort(engine, "0000000000000000000000a4", NONE);
        assertNotNull(s);
        assertEquals(0, prepared.get());
        s.close();
    }
}
