package org.switchboard.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.media.internal.audio.EnergyVad;
import org.switchboard.media.internal.audio.G711;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.rtp.TelephoneEvent;

/** A media session against a peer on a real UDP socket: what it sends, what it hears, its timers. */
public class RtpSessionTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private MediaEngineImpl engine;
    private DatagramSocket peer;
    private MediaSession session;
    private final List<String> digits = new CopyOnWriteArrayList<>();
    private final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    private int seq = 100;

    static MediaConfig config(int timeoutS) {
        return config(java.util.Map.of("media_timeout_s", timeoutS, "max_speech_s", 5, "prompt_cache", 10));
    }

    /** A configuration with the given values and the defaults for the rest. */
    static MediaConfig config(java.util.Map<String, Object> values) {
        return (MediaConfig) java.lang.reflect.Proxy.newProxyInstance(
                MediaConfig.class.getClassLoader(), new Class<?>[] {MediaConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return MediaConfig.class;
                    }
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    /** Opens a media session on a loopback port that was free a moment ago. */
    static MediaSession openOnFreePort(MediaEngineImpl engine, String id, MediaEvents events) throws IOException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        return engine.open(id, "127.0.0.1", port, events);
    }

    @Before
    public void open() throws IOException {
        engine = new MediaEngineImpl(config(1), null);
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout(2000);
        session = openOnFreePort(engine, "0123456789abcdef01234567", new MediaEvents() {
            @Override
            public void dtmf(char digit, int durationMs) {
                digits.add(digit + "/" + durationMs);
            }

            @Override
            public void mediaTimeout(Duration silence) {
                timeouts.add(silence);
            }
        });
        session.connect("127.0.0.1", peer.getLocalPort(), 0, "PCMU", 101);
    }

    @After
    public void close() {
        session.close();
        peer.close();
        engine.deactivate();
    }

    @Test
    public void itSendsPacedSilenceThenAPromptFileTheCallerCanHear() throws Exception {
        RtpPacket first = receive();
        RtpPacket second = receive();
        assertEquals(0, first.payloadType());
        assertEquals((first.sequence() + 1) & 0xFFFF, second.sequence());
        assertEquals(first.timestamp() + 160, second.timestamp());
        assertEquals(160, first.payload().length);

        Path wav = tone(tmp.getRoot().toPath().resolve("tone.wav"), 16000, 600);
        long start = System.nanoTime();
        var played = session.play(wav.toUri(), false).toCompletableFuture();
        int loud = 0;
        while (!played.isDone() && System.nanoTime() - start < 3_000_000_000L) {
            if (level(receive()) > -20) {
                loud++;
            }
        }
        played.get(1, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("frames of the tone heard: " + loud, loud >= 25 && loud <= 32);
        assertTrue("played in real time: " + ms + " ms", ms >= 500 && ms < 1500);
    }

    @Test
    public void aPromptIsSaidByTheSynthesizerThatHasItsVoiceAndAnUnknownVoiceFailsIt() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        engine.bindSynthesizer(
                (text, voice) -> {
                    asked.add("a:" + voice);
                    return new org.switchboard.api.speech.Audio(8000, new short[160]);
                },
                java.util.Map.of("speech.voices", "alto, bass"));
        engine.bindSynthesizer(
                (text, voice) -> {
                    asked.add("b:" + voice);
                    return new org.switchboard.api.speech.Audio(8000, new short[160]);
                },
                java.util.Map.of("speech.voices", new String[] {"tenor"}, "service.ranking", 10));
        session.say("one", "tenor", false).toCompletableFuture().get(2, TimeUnit.SECONDS);
        session.say("two", "bass", false).toCompletableFuture().get(2, TimeUnit.SECONDS);
        session.say("three", null, false).toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertEquals("no voice: the highest-ranked synthesizer", List.of("b:tenor", "a:bass", "b:null"), asked);
        try {
            session.say("four", "soprano", false).toCompletableFuture().get(2, TimeUnit.SECONDS);
            throw new AssertionError("an unknown voice was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            assertEquals(
                    "unknown voice 'soprano' (installed: alto, bass, tenor)",
                    e.getCause().getMessage());
        }
    }

    @Test
    public void dtmfIsReportedOnceAndAGatherCollectsDigitsUpToTheTerminator() throws Exception {
        var gather = session.gather(new GatherRequest(
                        null, true, true, 5, "#", false, List.of(), Duration.ofSeconds(5), Duration.ofSeconds(3)))
                .toCompletableFuture();
        receive(); // latch: we send from the socket the session sends to
        sendDigit('1', 1000);
        sendDigit('2', 2000);
        sendDigit('#', 3000);
        GatherResult r = gather.get(3, TimeUnit.SECONDS);
        assertEquals(GatherResult.Outcome.MATCH, r.outcome());
        assertEquals("12", r.digits());
        awaitTrue(() -> digits.size() == 3);
        assertEquals(List.of("1/100", "2/100", "#/100"), digits);
        assertEquals(3, session.stats().dtmfEvents());
    }

    @Test
    public void aDigitBargesIntoAPromptAndSilenceEndsAGatherWithNoInput() throws Exception {
        Path wav = tone(tmp.getRoot().toPath().resolve("long.wav"), 8000, 5000);
        var played = session.play(wav.toUri(), true).toCompletableFuture();
        Thread.sleep(200);
        sendDigit('9', 1000);
        played.get(2, TimeUnit.SECONDS);

        long start = System.nanoTime();
        GatherResult r = session.gather(new GatherRequest(
                        null, true, true, 1, null, false, List.of(), Duration.ofMillis(300), Duration.ofSeconds(1)))
                .toCompletableFuture()
                .get(3, TimeUnit.SECONDS);
        assertEquals(GatherResult.Outcome.NO_INPUT, r.outcome());
        assertTrue(System.nanoTime() - start >= 290_000_000L);
    }

    @Test
    public void aGatherWithoutAPromptListensDuringTheQueuedPromptsAndTimesOutOnlyAfterThem() throws Exception {
        var played = session.play(java.net.URI.create("silence:1000"), true).toCompletableFuture();
        GatherRequest request = new GatherRequest(
                null, true, true, 1, null, false, List.of(), Duration.ofMillis(200), Duration.ofSeconds(1));
        var quiet = session.gather(request).toCompletableFuture();
        assertEquals(
                GatherResult.Outcome.NO_INPUT, quiet.get(3, TimeUnit.SECONDS).outcome());
        assertTrue("the timeout ran from the end of the play, not the gather's start", played.isDone());

        played = session.play(java.net.URI.create("silence:3000"), true).toCompletableFuture();
        var keyed = session.gather(request).toCompletableFuture();
        Thread.sleep(300);
        sendDigit('5', 400);
        GatherResult r = keyed.get(3, TimeUnit.SECONDS);
        assertEquals("the key that stopped the play is the gather's", "5", r.digits());
        played.get(1, TimeUnit.SECONDS);
    }

    @Test
    public void aSilencePromptIsAPauseOfThatLength() throws Exception {
        long start = System.nanoTime();
        session.play(java.net.URI.create("silence:300"), false)
                .toCompletableFuture()
                .get(3, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue("a 300 ms pause took " + ms + " ms", ms >= 280 && ms < 2000);
        for (String bad : List.of("silence:0", "silence:x", "silence:300001")) {
            var failed = session.play(java.net.URI.create(bad), false).toCompletableFuture();
            var e = org.junit.Assert.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> failed.get(3, TimeUnit.SECONDS));
            assertTrue(bad + ": " + e.getCause(), e.getCause().getMessage().contains("silence:<1-300000 ms>"));
        }
    }

    @Test
    public void badPacketsAreDroppedAndCountedAndSilenceFromThePeerTimesTheCallOut() throws Exception {
        byte[] garbage = {1, 2, 3};
        send(garbage);
        ByteBuffer wrongType = ByteBuffer.allocate(172);
        RtpPacket.write(wrongType, false, 18, 1, 1, 7, new byte[160], 160);
        send(wrongType.array());
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            sendAudio(peer); // latches the peer
            ByteBuffer b = ByteBuffer.allocate(172);
            RtpPacket.write(b, false, 0, 2, 160, 7, new byte[160], 160);
            stranger.send(new DatagramPacket(b.array(), 172, new InetSocketAddress("127.0.0.1", session.localPort())));
        }
        awaitTrue(() -> session.stats().dropped() == 3);
        assertEquals(1, session.stats().packetsIn());
        awaitTrue(() -> timeouts.size() == 1);
        assertEquals(Duration.ofSeconds(1), timeouts.get(0));
    }

    @Test
    public void aStreamPlaysTheBotsAudioReportsItsMarksAndGivesTheBotTheCallersAudioAndDigits() throws Exception {
        List<String> marks = new CopyOnWriteArrayList<>();
        List<Character> keys = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        org.switchboard.api.media.AudioStream stream =
                session.stream(new org.switchboard.api.media.AudioStream.Listener() {
                    @Override
                    public void heard(short[] samples, int length) {
                        heard.addAndGet(length);
                    }

                    @Override
                    public void marked(String name, boolean cleared) {
                        marks.add(name + (cleared ? "/cleared" : "/played"));
                    }

                    @Override
                    public void digit(char digit) {
                        keys.add(digit);
                    }
                });
        short[] tone = new short[3200]; // 400 ms
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (10000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        receive(); // latch
        stream.play(tone);
        stream.mark("greeting");
        assertEquals(400, stream.queuedMillis());
        int loud = 0;
        for (int i = 0; i < 40 && marks.isEmpty(); i++) {
            if (level(receive()) > -20) {
                loud++;
            }
        }
        awaitTrue(() -> marks.size() == 1);
        assertEquals(List.of("greeting/played"), marks);
        assertTrue("frames of the bot's audio sent: " + loud, loud >= 19 && loud <= 21);
        for (int i = 0; i < 5; i++) {
            sendAudio(peer);
        }
        sendDigit('7', 5000);
        awaitTrue(() -> heard.get() == 800 && keys.equals(List.of('7')));

        stream.play(tone);
        stream.mark("second");
        stream.clear();
        assertEquals(List.of("greeting/played", "second/cleared"), marks);
        assertEquals(0, stream.queuedMillis());
        stream.play(tone);
        stream.mark("third");
        session.close();
        assertEquals("closing the call drops what is queued", "third/cleared", marks.get(2));
    }

    private void sendAudio(DatagramSocket from) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(172);
        RtpPacket.write(b, false, 0, seq++, seq * 160L, 7, new byte[160], 160);
        from.send(new DatagramPacket(b.array(), 172, new InetSocketAddress("127.0.0.1", session.localPort())));
    }

    private void sendDigit(char d, long timestamp) throws IOException {
        int code = TelephoneEvent.code(d);
        for (int duration = 160; duration <= 800; duration += 160) {
            event(new TelephoneEvent(code, duration == 800, 10, duration), timestamp);
        }
        event(new TelephoneEvent(code, true, 10, 800), timestamp);
        event(new TelephoneEvent(code, true, 10, 800), timestamp);
    }

    private void event(TelephoneEvent e, long timestamp) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        RtpPacket.write(b, false, 101, seq++, timestamp, 7, e.encode(), 4);
        send(b.array());
    }

    private void send(byte[] bytes) throws IOException {
        peer.send(new DatagramPacket(
                bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), session.localPort())));
    }

    private RtpPacket receive() throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        peer.receive(p);
        return RtpPacket.parse(ByteBuffer.wrap(buf, 0, p.getLength()));
    }

    private static double level(RtpPacket p) {
        short[] pcm = new short[p.payload().length];
        G711.decode(true, p.payload(), 0, pcm.length, pcm, 0);
        return EnergyVad.levelDb(pcm, 0, pcm.length);
    }

    /** A 1 kHz tone at about -10 dBFS as a 16-bit mono WAV. */
    static Path tone(Path file, int rate, int ms) throws IOException {
        int n = rate * ms / 1000;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952)
                .putInt(36 + 2 * n)
                .putInt(0x45564157)
                .putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .putInt(0x61746164)
                .putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (10000 * Math.sin(2 * Math.PI * 1000 * i / rate)));
        }
        return Files.write(file, b.array());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 300 && !c.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(c.getAsBoolean());
    }
}
