package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.call.TurnTaking;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.media.TurnLatency;
import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;
import org.switchboard.media.internal.audio.EnergyVad;
import org.switchboard.media.internal.audio.G711;
import org.switchboard.media.internal.rtp.RtpPacket;

/**
 * Turn-taking on real sockets: the caller's audio is sent as RTP, and the recognizer is scripted the way Vosk behaves
 * (partial results every 60 ms of audio, saying what audio they cover; a final result when asked to finish or after
 * its own 700 ms end of utterance), so that the gather's decisions are measured on the audio's own clock.
 */
public class TurnTakingTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private MediaEngineImpl engine;
    private DatagramSocket peer;
    private MediaSession session;
    private volatile Scripted recognizer;
    private volatile String words = "";
    private volatile boolean closeSilenceFirst;
    /** What the final result says, when it differs from the partial results' words. */
    private volatile String finalWords;

    private final List<Double> heard = new CopyOnWriteArrayList<>();
    private final List<TurnLatency> answered = new CopyOnWriteArrayList<>();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private Thread receiver;
    private int seq = 1;

    @Before
    public void open() throws IOException {
        engine = new MediaEngineImpl(
                RtpSessionTest.config(Map.of("media_timeout_s", 30, "barge_in_resume_ms", 400)), null);
        engine.bindRecognizer((phrases, listener) -> recognizer = new Scripted(listener));
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout(200);
        session = RtpSessionTest.openOnFreePort(engine, "00000000000000000000cccc", new MediaEvents() {
            @Override
            public void dtmf(char digit, int durationMs) {}

            @Override
            public void mediaTimeout(Duration silence) {}

            @Override
            public void turnAnswered(TurnLatency latency) {
                answered.add(latency);
            }
        });
        session.connect("127.0.0.1", peer.getLocalPort(), 0, "PCMU", 101);
        receiver = new Thread(this::receive, "test-rtp-receiver");
        receiver.start();
    }

    @After
    public void close() throws InterruptedException {
        listening.set(false);
        receiver.join(2000);
        session.close();
        peer.close();
        engine.deactivate();
    }

    /**
     * A recognizer that hears {@link #words} once 200 ms of audio were fed, as Vosk's partial results would; after a
     * final result, none until the caller makes a sound again.
     */
    private final class Scripted implements RecognitionSession {
        private final RecognitionListener listener;
        private long fed;
        private long lastPartial;
        private long silentSince = -1;
        private int loudFrames;
        private long speechAt;
        private boolean ended;
        private volatile boolean closed;

        Scripted(RecognitionListener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void feed(short[] samples, int offset, int length) {
            fed += length;
            boolean quiet = EnergyVad.levelDb(samples, offset, length) < -50;
            if (closeSilenceFirst && !quiet && loudFrames++ == 0) {
                speechAt = fed - length;
            }
            if (closeSilenceFirst && loudFrames == 5) { // as Vosk closes a long silence, a little late: an empty final
                closeSilenceFirst = false;
                deliver(new Recognition("", 0, true, speechAt / 8));
            }
            silentSince = quiet ? (silentSince < 0 ? fed - length : silentSince) : -1;
            ended &= quiet;
            String text = fed >= 1600 && !ended ? words : "";
            if (fed - lastPartial >= 480) {
                lastPartial = fed;
                deliver(new Recognition(text, 1, false, fed / 8));
            }
            if (silentSince >= 0 && fed - silentSince >= 5600 && !text.isEmpty()) { // its own end: 700 ms
                silentSince = -1;
                ended = true;
                deliver(new Recognition(finalWords != null ? finalWords : text, 0.7, true, fed / 8));
            }
        }

        @Override
        public synchronized boolean finish() {
            String text = fed < 1600 || ended ? "" : finalWords != null ? finalWords : words;
            ended = true;
            deliver(new Recognition(text, 0.9, true, fed / 8));
            return true;
        }

        private void deliver(Recognition r) {
            if (!closed) {
                engine.pool().execute(() -> {
                    if (!closed) {
                        listener.onResult(r);
                    }
                });
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private GatherRequest speech(List<String> phrases, int maxDigits, TurnTaking turn) {
        return new GatherRequest(
                null,
                true,
                true,
                maxDigits,
                null,
                true,
                phrases,
                Duration.ofSeconds(5),
                Duration.ofSeconds(3),
                null,
                turn);
    }

    /** Sends loud frames, then silent ones until the gather ends; the silent frames it took. */
    private int speakThenWait(CompletableFuture<GatherResult> gather, int loudFrames, int maxSilent) throws Exception {
        awaitRecognizer();
        for (int i = 0; i < loudFrames; i++) {
            frame(true);
        }
        int silent = 0;
        while (!gather.isDone() && silent < maxSilent) {
            frame(false);
            silent++;
        }
        gather.get(2, TimeUnit.SECONDS);
        return silent;
    }

    @Test
    public void aCompletePhraseEndsTheTurnAfterTheCommitSilenceWithTheRecognizersFinalWords() throws Exception {
        words = "billing";
        var gather = session.gather(speech(List.of("billing", "order status", "agent"), 1, null))
                .toCompletableFuture();
        int silent = speakThenWait(gather, 20, 60);
        GatherResult r = gather.get();
        assertEquals(GatherResult.Outcome.MATCH, r.outcome());
        assertEquals("billing", r.text());
        assertEquals(GatherResult.Endpoint.PHRASE, r.endpoint());
        assertEquals("the confidence of the final result the gather asked for", 0.9, r.confidence(), 1e-9);
        assertTrue(
                "ended after 200 ms of silence, before the recognizer's 700 ms: " + silent,
                silent >= 10 && silent < 35);
        assertTrue("time after the speech: " + r.afterSpeech(), r.afterSpeech().toMillis() >= 150);

        Thread.sleep(100); // the flow and the assistant think
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("answer.wav"), 8000, 200);
        session.play(wav.toUri(), true).toCompletableFuture().get(3, TimeUnit.SECONDS);
        assertEquals("one answer timed: " + answered, 1, answered.size());
        TurnLatency l = answered.get(0);
        assertEquals("phrase", l.endpoint());
        assertEquals(r.afterSpeech().toMillis(), l.recognition().toMillis(), 1);
        assertTrue(
                "the assistant's stage holds the 100 ms pause: " + l,
                l.assistant().toMillis() >= 100);
        assertTrue(
                "the total is the sum: " + l,
                l.total().compareTo(l.recognition().plus(l.assistant())) >= 0);
        session.play(wav.toUri(), true).toCompletableFuture().get(3, TimeUnit.SECONDS);
        assertEquals("a second prompt answers no turn", 1, answered.size());
    }

    @Test
    public void theWordsHeardSoFarAreReportedOnceEachWhenTheyChange() throws Exception {
        words = "billing";
        List<String> partials = new CopyOnWriteArrayList<>();
        var gather = session.gather(speech(List.of("billing", "agent"), 1, null), partials::add)
                .toCompletableFuture();
        speakThenWait(gather, 20, 60);
        Thread.sleep(100);
        assertEquals("reported once though repeated every 60 ms of audio", List.of("billing"), partials);
    }

    @Test
    public void anEmptyFinalForTheSilenceBeforeTheCallerSpokeDoesNotEndTheTurn() throws Exception {
        words = "billing";
        closeSilenceFirst = true;
        var gather =
                session.gather(speech(List.of("billing", "agent"), 1, null)).toCompletableFuture();
        awaitRecognizer();
        for (int i = 0; i < 25; i++) { // the caller waits half a second before speaking
            frame(false);
        }
        speakThenWait(gather, 20, 60);
        assertEquals(GatherResult.Outcome.MATCH, gather.get().outcome());
        assertEquals("billing", gather.get().text());
    }

    @Test
    public void aPhraseThatAnotherExtendsWaitsForTheEndSilence() throws Exception {
        words = "order";
        TurnTaking turn = new TurnTaking(null, Duration.ofMillis(500), null);
        var gather = session.gather(speech(List.of("order", "order status"), 1, turn))
                .toCompletableFuture();
        int silent = speakThenWait(gather, 20, 60);
        GatherResult r = gather.get();
        assertEquals("order", r.text());
        assertEquals(GatherResult.Endpoint.SILENCE, r.endpoint());
        assertTrue("waited the 500 ms end silence, not the 200 ms commit: " + silent, silent >= 25 && silent < 35);
    }

    @Test
    public void digitsByVoiceAreCompleteAtTheirCount() throws Exception {
        List<String> digits = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        words = "four seven one";
        TurnTaking turn = new TurnTaking(null, Duration.ofMillis(500), null);
        var three = session.gather(speech(digits, 4, turn)).toCompletableFuture();
        int silent = speakThenWait(three, 20, 60);
        assertEquals(
                "three of four digits wait for the end silence (500 ms)",
                GatherResult.Endpoint.SILENCE,
                three.get().endpoint());
        assertTrue("silent frames: " + silent, silent >= 25);
        words = "four seven one two";
        var four = session.gather(speech(digits, 4, turn)).toCompletableFuture();
        silent = speakThenWait(four, 20, 60);
        assertEquals(GatherResult.Endpoint.PHRASE, four.get().endpoint());
        assertEquals("four seven one two", four.get().text());
        assertTrue(silent >= 10 && silent < 35);
    }

    @Test
    public void withEarlyEndsOffTheRecognizerEndsTheTurn() throws Exception {
        words = "billing";
        TurnTaking off = new TurnTaking(Duration.ZERO, Duration.ZERO, null);
        var gather = session.gather(speech(List.of("billing", "agent"), 1, off)).toCompletableFuture();
        int silent = speakThenWait(gather, 20, 80);
        assertEquals(GatherResult.Endpoint.RECOGNIZER, gather.get().endpoint());
        assertEquals(0.7, gather.get().confidence(), 1e-9);
        assertTrue("the recognizer's own 700 ms: " + silent, silent >= 35);
    }

    @Test
    public void aPromptPausedByACoughResumesWhereItPausedAndPlaysInFull() throws Exception {
        words = ""; // the recognizer hears no words in a cough
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 2000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        var gather = session.gather(speech(List.of("agent"), 1, null)).toCompletableFuture();
        awaitLoudFrames(20);
        soundThenHearThePromptOut(played, 8); // a 160 ms cough
        assertTrue("with a pause in it: " + longestQuietRun(), longestQuietRun() >= 15);
        assertFalse("the gather still listens", gather.isDone());
    }

    @Test
    public void aFillerInFreeFormSpeechResumesThePromptAndIsNoAnswer() throws Exception {
        words = "um"; // free-form recognition spells fillers out
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 2000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        var gather = session.gather(speech(List.of(), 1, null)).toCompletableFuture();
        awaitLoudFrames(20);
        soundThenHearThePromptOut(played, 12);
        for (int i = 0; i < 50; i++) { // past the recognizer's own end of the utterance
            frame(false);
        }
        assertFalse("'um' is no answer: " + (gather.isDone() ? gather.get() : ""), gather.isDone());
    }

    @Test
    public void aFillerThePartialResultTookForAWordResumesThePromptOnTheEmptyFinalResult() throws Exception {
        words = "agent"; // as Vosk's partial result hears "hmm" for a moment
        finalWords = ""; // and its final result, only the filler
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 2000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        var gather =
                session.gather(speech(List.of("agent", "billing"), 1, null)).toCompletableFuture();
        awaitLoudFrames(20);
        soundThenHearThePromptOut(played, 12);
        assertTrue("with a pause in it: " + longestQuietRun(), longestQuietRun() >= 15);
        assertFalse("the gather still listens", gather.isDone());
    }

    @Test
    public void theBotsOwnEchoNeitherInterruptsThePromptNorTakesATurn() throws Exception {
        words = "agent"; // what the prompt says, heard back by the recognizer
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 2000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        var gather =
                session.gather(speech(List.of("agent", "billing"), 1, null)).toCompletableFuture();
        awaitLoudFrames(10);
        for (int i = 0; i < 150 && !played.isDone(); i++) {
            frame(2500); // the prompt's level (amplitude 10000) less 12 dB: a poor line's echo, well above the VAD's
            // floor
        }
        played.get(3, TimeUnit.SECONDS);
        long loud = heard.stream().filter(db -> db > -30).count();
        assertTrue("the whole 2 s prompt was heard (100 frames): " + loud, loud >= 97 && loud <= 103);
        assertTrue("without a pause: " + longestQuietRun(), longestQuietRun() < 5);
        for (int i = 0; i < 40; i++) { // the echo's tail, then the recognizer's end of utterance
            frame(i < 10 ? 2500 : 0);
        }
        assertFalse("the echo's words took no turn: " + (gather.isDone() ? gather.get() : ""), gather.isDone());
    }

    @Test
    public void wordsWhileThePromptIsPausedStopItForGood() throws Exception {
        words = "agent";
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 3000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        var gather =
                session.gather(speech(List.of("agent", "billing"), 1, null)).toCompletableFuture();
        awaitLoudFrames(20);
        int silent = speakThenWait(gather, 20, 60);
        assertTrue(played.isDone());
        assertEquals("agent", gather.get().text());
        long loud = heard.stream().filter(db -> db > -30).count();
        assertTrue("the prompt stopped early: " + loud + " of 150 frames", loud < 60);
        assertTrue(silent < 35);
    }

    @Test
    public void whileARecognizerListensLongSoundWithoutWordsKeepsThePromptPausedThenItResumes() throws Exception {
        words = ""; // line noise: no words
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 2000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        var gather = session.gather(speech(List.of("agent"), 1, null)).toCompletableFuture();
        awaitLoudFrames(20);
        for (int i = 0; i < 40; i++) { // 800 ms of noise, beyond the 400 ms window, within three
            frame(true);
        }
        for (int i = 0; i < 150 && !played.isDone(); i++) {
            frame(false);
        }
        played.get(3, TimeUnit.SECONDS);
        long loud = heard.stream().filter(db -> db > -30).count();
        assertTrue("resumed and played in full (100 frames): " + loud, loud >= 97 && loud <= 103);
        assertTrue("paused through the noise: " + longestQuietRun(), longestQuietRun() >= 40);
        assertFalse(gather.isDone());
    }

    @Test
    public void withoutARecognizerSoundThatLastsTheWindowStopsThePrompt() throws Exception {
        Path wav = RtpSessionTest.tone(tmp.getRoot().toPath().resolve("prompt.wav"), 8000, 3000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        awaitLoudFrames(20);
        for (int i = 0; i < 40 && !played.isDone(); i++) { // 800 ms of speech, beyond the 400 ms window
            frame(true);
        }
        played.get(2, TimeUnit.SECONDS);
        long loud = heard.stream().filter(db -> db > -30).count();
        assertTrue("stopped, not resumed: " + loud + " of 150 frames", loud < 60);
    }

    /** Sends that many loud frames, then silence until the 2 s prompt ends; asserts it was heard in full. */
    private void soundThenHearThePromptOut(CompletableFuture<Void> played, int loudFrames) throws Exception {
        for (int i = 0; i < loudFrames; i++) {
            frame(true);
        }
        for (int i = 0; i < 150 && !played.isDone(); i++) {
            frame(false);
        }
        played.get(3, TimeUnit.SECONDS);
        long loud = heard.stream().filter(db -> db > -30).count();
        assertTrue("the whole 2 s prompt was heard (100 frames): " + loud, loud >= 97 && loud <= 103);
    }

    private void awaitRecognizer() throws InterruptedException {
        for (int i = 0; i < 200 && recognizer == null; i++) {
            Thread.sleep(10);
        }
        assertTrue("the gather opened a recognition stream", recognizer != null);
    }

    private void awaitLoudFrames(int n) throws InterruptedException {
        for (int i = 0; i < 300 && heard.stream().filter(db -> db > -30).count() < n; i++) {
            Thread.sleep(10);
        }
    }

    private int longestQuietRun() {
        int run = 0;
        int longest = 0;
        boolean started = false;
        for (double db : heard) {
            if (db > -30) {
                started = true;
                run = 0;
            } else if (started) {
                longest = Math.max(longest, ++run);
            }
        }
        return longest;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (listening.get()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                peer.receive(p);
                RtpPacket r = RtpPacket.parse(ByteBuffer.wrap(buf, 0, p.getLength()));
                if (r != null && r.payloadType() == 0) {
                    short[] pcm = new short[r.payload().length];
                    G711.decode(true, r.payload(), 0, pcm.length, pcm, 0);
                    heard.add(EnergyVad.levelDb(pcm, 0, pcm.length));
                }
            } catch (SocketTimeoutException e) {
                // keep listening
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One 20 ms frame of the caller: a 440 Hz tone or silence, sent in real time. */
    private void frame(boolean loud) throws IOException, InterruptedException {
        frame(loud ? 12000 : 0);
    }

    /** One 20 ms frame of a 440 Hz tone of this amplitude (0: silence), sent in real time. */
    private void frame(int amplitude) throws IOException, InterruptedException {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * (seq * 160 + i) / 8000.0));
        }
        byte[] payload = new byte[160];
        G711.encode(true, pcm, 0, 160, payload, 0);
        ByteBuffer b = ByteBuffer.allocate(172);
        RtpPacket.write(b, false, 0, seq, seq * 160L, 7, payload, 160);
        seq++;
        peer.send(new DatagramPacket(b.array(), 172, new InetSocketAddress("127.0.0.1", session.localPort())));
        Thread.sleep(20);
    }
}
