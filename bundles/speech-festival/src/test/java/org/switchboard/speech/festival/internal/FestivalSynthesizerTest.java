package org.switchboard.speech.festival.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.concurrent.CompletableFuture;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.speech.Audio;

/** The real Festival (Debian's festival and festvox-us-slt-hts, installed by ./test) behind the synthesizer. */
public class FestivalSynthesizerTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static FestivalSynthesizer festival;

    static FestivalConfig config(String command, int pool) {
        return new FestivalConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FestivalConfig.class;
            }

            @Override
            public String command() {
                return command;
            }

            @Override
            public int pool_size() {
                return pool;
            }

            @Override
            public int timeout_ms() {
                return 15000;
            }

            @Override
            public int service_ranking() {
                return 10;
            }
        };
    }

    @BeforeClass
    public static void start() throws IOException {
        festival = new FestivalSynthesizer(config("festival", 2), TMP.getRoot().toPath());
    }

    @AfterClass
    public static void stop() {
        festival.deactivate();
    }

    private static double levelDb(short[] s) {
        long sum = 0;
        for (short v : s) {
            sum += v * v;
        }
        return 20 * Math.log10(Math.sqrt((double) sum / Math.max(1, s.length)) / 32768.0);
    }

    @Test
    public void aPromptIsAudible8kHzSpeechOfAPlausibleLength() {
        Audio a = festival.synthesize("Thank you for calling Acme support.", null);
        assertEquals(8000, a.sampleRate());
        assertTrue("length " + a.durationMillis() + " ms", a.durationMillis() > 1200 && a.durationMillis() < 5000);
        assertTrue("level " + levelDb(a.samples()) + " dBFS", levelDb(a.samples()) > -35);
        assertEquals(
                "the voice by name", 8000, festival.synthesize("Hello.", "slt").sampleRate());
    }

    @Test
    public void textThatLooksLikeSchemeIsSaidNotRunAndTheProcessLivesOn() {
        Audio a = festival.synthesize("He said \"(quit)\" \\ then\n(exit) and a bell \u0007.", null);
        assertTrue(a.durationMillis() > 500);
        assertTrue(festival.synthesize("Still here.", null).durationMillis() > 300);
    }

    @Test
    public void promptsAreSynthesizedInParallelByThePool() throws Exception {
        var one = CompletableFuture.supplyAsync(() -> festival.synthesize("The first of two prompts.", null));
        var two = CompletableFuture.supplyAsync(() -> festival.synthesize("The second of two prompts.", null));
        assertTrue(one.get().durationMillis() > 500 && two.get().durationMillis() > 500);
    }

    @Test
    public void anUnknownVoiceIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> festival.synthesize("Hi.", "kevin"));
        assertTrue(e.getMessage(), e.getMessage().contains("unknown voice 'kevin' (Festival has: slt)"));
    }

    @Test
    public void withoutFestivalActivationFailsSayingWhatToInstall() {
        IOException e = assertThrows(
                IOException.class,
                () -> new FestivalSynthesizer(
                        config("/nonexistent/festival", 1), TMP.getRoot().toPath()));
        assertTrue(e.getMessage(), e.getMessage().contains("apt-get install festival festvox-us-slt-hts"));
    }
}
