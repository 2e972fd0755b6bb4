package org.switchboard.speech.freetts.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.switchboard.api.speech.Audio;

public class FreeTtsSynthesizerTest {

    private static FreeTtsSynthesizer tts;

    static FreeTtsConfig config(String voice, int pool, int cache, int rate) {
        return config(voice, pool, cache, rate, "never");
    }

    static FreeTtsConfig config(String voice, int pool, int cache, int rate, String preload) {
        return new FreeTtsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FreeTtsConfig.class;
            }

            @Override
            public String default_voice() {
                return voice;
            }

            @Override
            public int pool_size() {
                return pool;
            }

            @Override
            public int cache_size() {
                return cache;
            }

            @Override
            public int rate_wpm() {
                return rate;
            }

            @Override
            public String preload() {
                return preload;
            }
        };
    }

    @BeforeClass
    public static void start() {
        tts = new FreeTtsSynthesizer(config("kevin", 2, 10, 150));
    }

    @AfterClass
    public static void stop() {
        tts.deactivate();
    }

    private static double rmsDb(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return 20 * Math.log10(Math.sqrt(sum / s.length) / 32768);
    }

    @Test
    public void speaksAt8kHzWithAudibleSpeechOfAPlausibleLength() {
        Audio a = tts.synthesize("Welcome to Acme support. How can I help you today?", null);
        assertEquals(8000, a.sampleRate());
        assertTrue("duration " + a.durationMillis(), a.durationMillis() > 1500 && a.durationMillis() < 6000);
        assertTrue("level " + rmsDb(a.samples()), rmsDb(a.samples()) > -35);
    }

    @Test
    public void theWideBandVoiceIsResampledTo8kHz() {
        Audio narrow = tts.synthesize("order status", "kevin");
        Audio wide = tts.synthesize("order status", "kevin16");
        assertEquals(8000, wide.sampleRate());
        assertEquals(narrow.durationMillis(), wide.durationMillis(), 400);
        assertTrue(rmsDb(wide.samples()) > -35);
    }

    @Test
    public void aRepeatedPromptComesFromTheCache() {
        Audio first = tts.synthesize("Your order has shipped.", null);
        assertSame(first, tts.synthesize("Your order has shipped.", "kevin"));
    }

    @Test
    public void anUnknownVoiceIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tts.synthesize("hello", "alan"));
        assertTrue(e.getMessage(), e.getMessage().contains("'alan'"));
    }

    @Test
    public void manyThreadsShareTheVoicePool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Audio>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String text = "Your order number " + i + " is on its way";
                results.add(pool.submit(() -> tts.synthesize(text, null)));
            }
            for (Future<Audio> f : results) {
                assertTrue(f.get().durationMillis() > 1000);
            }
            assertTrue("allocated " + tts.allocated("kevin"), tts.allocated("kevin") <= 2);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    public void voicesAreAllocatedWhenFirstNeededOrWarmed() {
        FreeTtsSynthesizer lazy = new FreeTtsSynthesizer(config("kevin", 2, 10, 150));
        try {
            assertEquals(0, lazy.allocated("kevin"));
            assertEquals(0, lazy.allocated("kevin16"));
            lazy.synthesize("one moment please", null);
            assertEquals(1, lazy.allocated("kevin"));
            assertEquals(0, lazy.allocated("kevin16"));
            lazy.warm("kevin16");
            lazy.warm("kevin16");
            assertEquals(1, lazy.allocated("kevin16"));
            lazy.synthesize("one moment please", "kevin16");
            assertEquals("the warmed voice is used, not a second one", 1, lazy.allocated("kevin16"));
        } finally {
            lazy.deactivate();
        }
    }

    @Test
    public void badConfigurationNamesTheProperty() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new FreeTtsSynthesizer(config("kevin", 0, 10, 150)));
        assertTrue(e.getMessage(), e.getMessage().contains("pool.size"));
        e = assertThrows(IllegalArgumentException.class, () -> new FreeTtsSynthesizer(config("hal", 1, 10, 150)));
        assertTrue(e.getMessage(), e.getMessage().contains("default.voice"));
        e = assertThrows(
                IllegalArgumentException.class, () -> new FreeTtsSynthesizer(config("kevin", 1, 10, 150, "soon")));
        assertTrue(e.getMessage(), e.getMessage().contains("'preload' = 'soon'"));
    }
}
