package org.switchboard.speech.vosk.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.speech.Recognition;
import org.switchboard.api.speech.RecognitionListener;
import org.switchboard.api.speech.RecognitionSession;

/** The real recognizer with the model this module unpacks, hearing flite's voice as 8 kHz audio. */
public class VoskRecognizerTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static VoskRecognizer vosk;

    static VoskConfig config(int threads, int maxSessions, int backlogMs) {
        return config(threads, maxSessions, backlogMs, 60);
    }

    static VoskConfig config(int threads, int maxSessions, int backlogMs, int partialMs) {
        return config(threads, maxSessions, backlogMs, partialMs, "start", 300);
    }

    static VoskConfig config(int threads, int maxSessions, int backlogMs, int partialMs, String load, int idleS) {
        return new VoskConfig() {
            @Override
            public String model_load() {
                return load;
            }

            @Override
            public int model_idle_s() {
                return idleS;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return VoskConfig.class;
            }

            @Override
            public String model_path() {
                return "";
            }

            @Override
            public int threads() {
                return threads;
            }

            @Override
            public int max_sessions() {
                return maxSessions;
            }

            @Override
            public int max_backlog_ms() {
                return backlogMs;
            }

            @Override
            public int partial_interval_ms() {
                return partialMs;
            }
        };
    }

    static Path model() {
        return Paths.get(System.getProperty("vosk.model", "target/vosk-model/assets/model-en-us"));
    }

    @BeforeClass
    public static void load() throws IOException {
        vosk = new VoskRecognizer(config(2, 4, 30_000), model());
    }

    @AfterClass
    public static void unload() {
        vosk.deactivate();
    }

    /** Collects the first final result, or the error, and the partial results before it. */
    static final class First implements RecognitionListener {
        final CompletableFuture<Recognition> result = new CompletableFuture<>();
        final List<Recognition> partials = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onResult(Recognition r) {
            if (r.isFinal()) {
                result.complete(r);
            } else if (!result.isDone()) {
                partials.add(r);
            }
        }

        @Override
        public void onError(Exception error) {
            result.completeExceptionally(error);
        }
    }

    /** Feeds the clip in 20 ms frames then two seconds of silence, as RTP would. */
    static Recognition hear(RecognitionSession s, First first, short[] clip) throws Exception {
        short[] padded = new short[clip.length + 16000];
        System.arraycopy(clip, 0, padded, 4000, Math.min(clip.length, padded.length - 4000));
        for (int i = 0; i < padded.length && !first.result.isDone(); i += 160) {
            s.feed(padded, i, Math.min(160, padded.length - i));
        }
        try {
            return first.result.get(20, TimeUnit.SECONDS);
        } finally {
            s.close();
        }
    }

    static Recognition recognize(List<String> phrases, String text) throws Exception {
        First first = new First();
        return hear(
                vosk.open(phrases, first), first, Clips.say(text, TMP.getRoot().toPath()));
    }

    @Test
    public void unknownWordTokensNeverReachTheText() {
        Recognition mixed = VoskStream.parse("{\"result\": [{\"conf\": 0.2, \"word\": \"[unk]\"}, {\"conf\": 0.9, "
                + "\"word\": \"order\"}, {\"conf\": 0.7, \"word\": \"status\"}], \"text\": \"[unk] order status\"}");
        assertEquals("order status", mixed.text());
        assertEquals(0.8, mixed.confidence(), 1e-9);
        Recognition only =
                VoskStream.parse("{\"result\": [{\"conf\": 1.0, \"word\": \"[unk]\"}], \"text\": \"[unk]\"}");
        assertEquals("", only.text());
        assertEquals(0, only.confidence(), 0);
    }

    @Test
    public void partialResultsCoverTheSilenceAfterThePhraseBeforeTheFinalResult() throws Exception {
        short[] clip = Clips.say("order status", TMP.getRoot().toPath());
        First first = new First();
        Recognition last = hear(vosk.open(List.of("billing", "order status", "agent"), first), first, clip);
        assertEquals("order status", last.text());
        assertTrue("the final result says what audio it covers: " + last, last.audioMs() > 0);
        long speechEndMs = (4000 + clip.length) / 8;
        Recognition early = first.partials.stream()
                .filter(p -> p.text().equals("order status") && p.audioMs() >= speechEndMs + 200)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no partial 'order status' 200 ms after the speech (ended at "
                        + speechEndMs + " ms): " + first.partials));
        assertTrue(
                "the partial comes before the final result: " + early + " / " + last, early.audioMs() < last.audioMs());
        long previous = 0;
        for (Recognition p : first.partials) {
            assertFalse(p.isFinal());
            assertTrue("positions grow: " + first.partials, p.audioMs() > previous);
            previous = p.audioMs();
        }
    }

    @Test
    public void finishEndsTheUtteranceAtOnceWithTheWordsAndTheirConfidence() throws Exception {
        short[] clip = Clips.say("billing", TMP.getRoot().toPath());
        First first = new First();
        RecognitionSession s = vosk.open(List.of("billing", "order status", "agent"), first);
        try {
            short[] padded = new short[4000 + clip.length / 160 * 160 + 1600]; // 200 ms after the clip
            System.arraycopy(clip, 0, padded, 4000, clip.length / 160 * 160);
            for (int i = 0; i < padded.length; i += 160) {
                s.feed(padded, i, 160);
            }
            assertTrue(s.finish());
            Recognition r = first.result.get(10, TimeUnit.SECONDS);
            assertEquals("billing", r.text());
            assertEquals("the final result covers the audio fed, no more", padded.length / 8, r.audioMs());
            assertTrue("word confidence " + r.confidence(), r.confidence() > 0.5 && r.confidence() <= 1);
        } finally {
            s.close();
        }
        assertFalse("a closed stream cannot finish", s.finish());
    }

    @Test
    public void partialsCanBeSwitchedOff() throws Exception {
        VoskRecognizer quiet = new VoskRecognizer(config(1, 1, 30_000, 0), model());
        try {
            First first = new First();
            Recognition r = hear(
                    quiet.open(List.of("billing", "agent"), first),
                    first,
                    Clips.say("billing", TMP.getRoot().toPath()));
            assertEquals("billing", r.text());
            assertTrue("no partial results: " + first.partials, first.partials.isEmpty());
        } finally {
            quiet.deactivate();
        }
    }

    @Test
    public void theFillersAGrammarAddsAreTakenOutOfTheResult() {
        Recognition r = VoskStream.parse(
                "{\"result\": [{\"conf\": 0.5, \"word\": \"um\"}, {\"conf\": 0.9, \"word\": \"billing\"}], "
                        + "\"text\": \"um billing\"}",
                100,
                Grammar.added(List.of("billing", "agent")));
        assertEquals("billing", r.text());
        assertEquals(0.9, r.confidence(), 1e-9);
        Recognition own = VoskStream.parse(
                "{\"result\": [{\"conf\": 0.8, \"word\": \"uh\"}, {\"conf\": 0.8, \"word\": \"huh\"}], "
                        + "\"text\": \"uh huh\"}",
                100,
                Grammar.added(List.of("yes", "uh huh", "no")));
        assertEquals("a filler that is one of the phrases stays", "uh huh", own.text());
    }

    @Test
    public void aWordWithAFillersSoundIsStillTheWord() throws Exception {
        // with "mm" among the fillers, the decoder heard kal's "payment" as "mm"
        List<String> menu = List.of("billing", "order status", "agent", "representative", "payment", "tracking");
        for (String voice : List.of("kal", "slt", "awb", "rms")) {
            First first = new First();
            Recognition r = hear(
                    vosk.open(menu, first),
                    first,
                    Clips.say("payment", TMP.getRoot().toPath(), voice));
            assertEquals(voice + "'s payment", "payment", r.text());
        }
    }

    @Test
    public void fillersSaidOverAPromptAreNoWordsInGrammarMode() throws Exception {
        // without the fillers in the grammar, the decoder heard "hmm" as a confident "agent"
        List<String> menu = List.of("billing", "order status", "agent", "representative");
        for (String filler : List.of("hmm", "mm hmm", "uh huh", "um")) {
            First first = new First();
            Recognition r = hear(
                    vosk.open(menu, first),
                    first,
                    Clips.say(filler, TMP.getRoot().toPath()));
            assertEquals("'" + filler + "' heard as " + r, "", r.text());
            for (Recognition p : first.partials) {
                assertEquals("'" + filler + "' partly heard as " + p, "", p.text());
            }
        }
    }

    @Test
    public void partialResultsKeepTheWordConfidences() {
        Recognition p = VoskStream.parsePartial(
                "{\"partial\": \"[unk] agent\", \"partial_result\": [{\"conf\": 1.0, "
                        + "\"word\": \"[unk]\"}, {\"conf\": 0.6, \"word\": \"agent\"}]}",
                480,
                Set.of());
        assertEquals("agent", p.text());
        assertEquals(0.6, p.confidence(), 1e-9);
        assertFalse(p.isFinal());
        assertEquals(480, p.audioMs());
    }

    @Test
    public void grammarModeHearsTheExpectedPhrase() throws Exception {
        List<String> menu = List.of("billing", "order status", "agent", "representative");
        for (String said : List.of("order status", "billing", "agent")) {
            Recognition r = recognize(menu, said);
            assertTrue(r.isFinal());
            assertEquals(said, r.text());
            assertTrue("confidence " + r.confidence(), r.confidence() > 0.5);
        }
    }

    @Test
    public void grammarModeTellsYesFromNo() throws Exception {
        List<String> yesNo = List.of("yes", "yes please", "yeah", "no", "no thanks", "nope");
        for (String said : List.of("yes please", "no thanks", "yes", "no")) {
            Recognition r = recognize(yesNo, said);
            System.out.println("yes/no: said '" + said + "', heard '" + r.text() + "' " + r.confidence());
            assertEquals(
                    said.split(" ")[0],
                    r.text().split(" ")[0].replace("yeah", "yes").replace("nope", "no"));
        }
    }

    @Test
    public void grammarModeHearsDigitsSpokenAsWords() throws Exception {
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "oh");
        Recognition r = recognize(digits, "four seven one two");
        assertEquals("four seven one two", r.text());
    }

    @Test
    public void freeFormTranscribesASentence() throws Exception {
        Recognition r = recognize(List.of(), "I would like to check my order status");
        assertTrue(r.text(), r.text().contains("order status"));
    }

    @Test
    public void silenceGivesNoWords() throws Exception {
        First first = new First();
        RecognitionSession s = vosk.open(List.of("billing"), first);
        short[] quiet = new short[8000 * 3];
        for (int i = 0; i < quiet.length; i += 160) {
            s.feed(quiet, i, 160);
        }
        Recognition r = first.result.isDone() ? first.result.get() : null;
        s.close();
        assertTrue(r == null || r.text().isEmpty());
    }

    @Test
    public void aClosedStreamDeliversNothing() throws Exception {
        First first = new First();
        RecognitionSession s = vosk.open(List.of("billing"), first);
        s.close();
        short[] clip = Clips.say("billing", TMP.getRoot().toPath());
        s.feed(clip, 0, clip.length);
        Thread.sleep(300);
        assertFalse(first.result.isDone());
    }

    @Test
    public void streamsBeyondTheLimitAreRefusedAndFreedOnClose() throws Exception {
        RecognitionSession[] open = new RecognitionSession[4];
        for (int i = 0; i < open.length; i++) {
            open[i] = vosk.open(List.of(), new First());
        }
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> vosk.open(List.of(), new First()));
        assertTrue(busy.getMessage(), busy.getMessage().contains("all 4 recognition streams are busy"));
        for (RecognitionSession s : open) {
            s.close();
        }
        vosk.open(List.of(), new First()).close();
    }

    @Test
    public void aStreamTooFarBehindGivesUpWithAnError() throws Exception {
        VoskRecognizer small = new VoskRecognizer(config(1, 2, 100), model());
        try {
            First first = new First();
            RecognitionSession s = small.open(List.of(), first);
            short[] second = new short[8000];
            for (int i = 0; i < 10; i++) {
                s.feed(second, 0, second.length);
            }
            Exception e = assertThrows(Exception.class, () -> first.result.get(5, TimeUnit.SECONDS));
            assertTrue(e.getMessage(), e.getMessage().contains("behind"));
        } finally {
            small.deactivate();
        }
    }

    @Test
    public void aMissingModelIsAnErrorNamingThePath() {
        Path missing = TMP.getRoot().toPath().resolve("no-such-model");
        IOException e = assertThrows(IOException.class, () -> new VoskRecognizer(config(1, 1, 1000), missing));
        assertTrue(e.getMessage(), e.getMessage().contains(missing.toString()));
    }

    @Test
    public void aCorruptModelIsAnErrorNamingThePath() throws IOException {
        Path bad = TMP.newFolder("bad-model").toPath();
        Files.createDirectories(bad.resolve("am"));
        Files.createDirectories(bad.resolve("conf"));
        Files.createDirectories(bad.resolve("graph"));
        Files.writeString(bad.resolve("am/final.mdl"), "not a model");
        Files.copy(model().resolve("conf/model.conf"), bad.resolve("conf/model.conf"));
        Files.copy(model().resolve("conf/mfcc.conf"), bad.resolve("conf/mfcc.conf"));
        IOException e = assertThrows(IOException.class, () -> new VoskRecognizer(config(1, 1, 1000), bad));
        assertTrue(e.getMessage(), e.getMessage().contains(bad.toString()));
    }

    @Test
    public void onDemandTheFirstGathersAudioWaitsForTheModelAndAnIdleModelIsLetGo() throws Exception {
        VoskRecognizer lazy =
                VoskRecognizer.onDemand(config(1, 2, 30_000, 60, "demand", 10), VoskRecognizerTest::model);
        try {
            assertFalse("nothing loaded before a call", lazy.modelLoaded());
            First first = new First();
            // a gather that opens before the model is there: its audio waits, then is heard
            Recognition r = hear(
                    lazy.open(List.of("billing", "order status", "agent"), first),
                    first,
                    Clips.say("order status", TMP.getRoot().toPath()));
            assertEquals("order status", r.text());
            assertTrue(lazy.modelLoaded());
            long closed = System.nanoTime();
            while (lazy.modelLoaded() && System.nanoTime() - closed < 30_000_000_000L) {
                Thread.sleep(100);
            }
            assertFalse("let go after model.idle.s without a stream", lazy.modelLoaded());
            assertTrue("not before model.idle.s", System.nanoTime() - closed >= 9_000_000_000L);

            lazy.prepare(); // the next call loads it again during its greeting
            long asked = System.nanoTime();
            while (!lazy.modelLoaded() && System.nanoTime() - asked < 30_000_000_000L) {
                Thread.sleep(20);
            }
            assertTrue(lazy.modelLoaded());
            First again = new First();
            assertEquals(
                    "billing",
                    hear(
                                    lazy.open(List.of("billing", "order status", "agent"), again),
                                    again,
                                    Clips.say("billing", TMP.getRoot().toPath()))
                            .text());
        } finally {
            lazy.deactivate();
        }
    }

    @Test
    public void onDemandAMissingModelFailsTheStreamAndTheNextOpenSaysWhy() throws Exception {
        Path missing = TMP.getRoot().toPath().resolve("no-such-model");
        VoskRecognizer lazy = VoskRecognizer.onDemand(config(1, 2, 30_000, 60, "demand", 10), () -> missing);
        try {
            First first = new First();
            RecognitionSession s = lazy.open(List.of(), first);
            s.feed(new short[160], 0, 160);
            Exception e = assertThrows(Exception.class, () -> first.result.get(10, TimeUnit.SECONDS));
            assertTrue(e.getMessage(), e.getMessage().contains(missing.toString()));
            IllegalStateException next =
                    assertThrows(IllegalStateException.class, () -> lazy.open(List.of(), new First()));
            assertTrue(next.getMessage(), next.getMessage().contains(missing.toString()));
            assertTrue(lazy.modelFailure().contains(missing.toString()));
        } finally {
            lazy.deactivate();
        }
    }

    @Test
    public void aBadLoadSettingIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> VoskRecognizer.onDemand(config(1, 2, 30_000, 60, "lazy", 300), VoskRecognizerTest::model));
        assertTrue(
                e.getMessage(),
                e.getMessage().contains("model.load start or demand")
                        && e.getMessage().contains("'lazy'"));
    }
}
