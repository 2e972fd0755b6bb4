package org.switchboard.media.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.switchboard.api.call.GatherRequest;
import org.switchboard.api.call.GatherResult;
import org.switchboard.api.media.AudioStream;
import org.switchboard.api.media.MediaEvents;
import org.switchboard.api.media.MediaSession;
import org.switchboard.api.media.MediaStats;
import org.switchboard.api.media.SrtpParameters;
import org.switchboard.api.media.TurnLatency;
import org.switchboard.media.internal.audio.EchoGate;
import org.switchboard.media.internal.audio.EnergyVad;
import org.switchboard.media.internal.audio.G711;
import org.switchboard.media.internal.record.CallRecorder;
import org.switchboard.media.internal.rtp.DtmfReceiver;
import org.switchboard.media.internal.rtp.ReorderBuffer;
import org.switchboard.media.internal.rtp.RtpPacket;
import org.switchboard.media.internal.rtp.TelephoneEvent;

/**
 * One call's RTP: receives on the shared selector thread (what {@link RtpPeer} takes goes through the reorder buffer,
 * DTMF and voice detection), sends one 20 ms frame per pacer tick (the head prompt, or silence), and runs prompts
 * and gathers. State shared between the threads and the API is guarded by this object's monitor.
 *
 * <p>The receive path, the 20 ms pacer and the prompt and gather state share that one monitor, so they stay in
 * this class: splitting them would put locking between objects on the 20 ms path. What needs no monitor is in
 * classes of its own: the negotiated peer and SRTP ({@link RtpPeer}), codecs, DTMF, jitter, gathers, recordings.
 */
final class RtpSession implements MediaSession {

    static final int FRAME = 160;
    /** The longest a prompt stays paused for the recognizer to decide whether the caller said words. */
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String id;
    private final DatagramChannel channel;
    private final MediaEvents events;
    private final MediaEngineImpl engine;
    private final Settings settings;
    private final CallRecorder recorder;

    private final RtpPeer peer;
    private volatile boolean closed;
    private boolean timedOut;

    // pacer thread
    private final OutboundStream outbound = new OutboundStream();
    private final short[] frame = new short[FRAME];

    // receiver thread
    private final ReorderBuffer reorder;
    private final DtmfReceiver dtmf = new DtmfReceiver(this::onDigit);
    private final EnergyVad vad;
    private final EchoGate echo;

    // guarded by this
    private final Deque<Prompt> prompts = new ArrayDeque<>();
    private final Deque<TelephoneEvent> dtmfOut = new ArrayDeque<>();
    private GatherRun gather;
    private final PromptPause pause;
    private volatile StreamPlayback stream;
    private TurnTimer reply;

    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong digits = new AtomicLong();

    RtpSession(
            String id,
            DatagramChannel channel,
            MediaEvents events,
            MediaEngineImpl engine,
            Settings settings,
            CallRecorder recorder) {
        this.id = id;
        this.recorder = recorder;
        this.channel = channel;
        this.events = events;
        this.engine = engine;
        this.settings = settings;
        this.reorder = new ReorderBuffer(settings.reorderDepth());
        this.pause = new PromptPause(engine.scheduler());
        this.vad = new EnergyVad(settings.vadThresholdDb(), 12, 3, 40);
        this.echo = new EchoGate(settings.echoMarginDb());
        this.peer = new RtpPeer((outcome, from) -> engine.srtpRefused(this, outcome, from));
    }

    String id() {
        return id;
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public int localPort() {
        return channel.socket().getLocalPort();
    }

    @Override
    public void connect(String remoteAddress, int remotePort, int pt, String codec, int dtmfPt) {
        peer.connect(remoteAddress, remotePort, pt, codec, dtmfPt, null);
    }

    @Override
    public void connect(String remoteAddress, int remotePort, int pt, String codec, int dtmfPt, SrtpParameters keys) {
        peer.connect(remoteAddress, remotePort, pt, codec, dtmfPt, keys);
    }

    // ---- receiving (selector thread)

    void onPacket(ByteBuffer data, InetSocketAddress from) {
        if (closed) {
            return;
        }
        RtpPacket p = peer.accept(data, from);
        if (p == null) {
            dropped.incrementAndGet();
            return;
        }
        if (peer.isDtmf(p)) {
            TelephoneEvent e = TelephoneEvent.parse(p.payload());
            if (e == null) {
                dropped.incrementAndGet();
                return;
            }
            in.incrementAndGet();
            dtmf.accept(p.timestamp(), e);
            return;
        }
        if (p.payload().length == 0) {
            dropped.incrementAndGet();
            return;
        }
        in.incrementAndGet();
        reorder.add(p, this::onAudio);
    }

    private void onAudio(RtpPacket p) {
        byte[] payload = p.payload();
        short[] pcm = new short[payload.length];
        G711.decode(peer.ulaw(), payload, 0, payload.length, pcm, 0);
        if (recorder != null) {
            recorder.caller(pcm, pcm.length);
        }
        StreamPlayback bot = stream;
        if (bot != null) {
            bot.listener().heard(pcm, pcm.length);
        }
        EnergyVad.Change change = EnergyVad.Change.NONE;
        boolean gated = false;
        boolean loud = false;
        double minimumDb = echo.minimumDb();
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            EnergyVad.Change c = vad.frame(pcm, at, FRAME, minimumDb);
            if (bot != null) {
                bot.detect(pcm, at, FRAME, minimumDb);
            }
            gated |= vad.voiced();
            loud |= vad.aboveNoise();
            if (c != EnergyVad.Change.NONE) {
                change = c;
            }
        }
        synchronized (this) {
            // the echo gate decides whether a sound interrupts the prompt; once it is paused, the echo of what was
            // sent dies away within the gate's span and the caller's sound, however soft, decides when it resumes
            boolean voiced = pause.paused() ? loud : gated;
            if (voiced) {
                pause.voiced(System.nanoTime());
            }
            if (change == EnergyVad.Change.SPEECH_START) {
                interrupt();
                if (gather != null) {
                    gather.onSpeechStart();
                }
            }
            if (gather != null) {
                gather.onAudio(pcm, voiced);
            }
        }
    }

    private void onDigit(char digit, int durationMs) {
        digits.incrementAndGet();
        events.dtmf(digit, durationMs); // in arrival order, on the receiving thread
        StreamPlayback bot = stream;
        if (bot != null) {
            bot.listener().digit(digit);
        }
        synchronized (this) {
            stopBargeable(true);
            if (gather != null) {
                gather.onDigit(digit);
            }
        }
    }

    @Override
    public void injectDtmf(char digit, int durationMs) {
        if (TelephoneEvent.code(digit) >= 0) {
            onDigit(Character.toUpperCase(digit), durationMs);
        }
    }

    @Override
    public synchronized void abortPrompts() {
        pause.end();
        while (!prompts.isEmpty()) {
            Prompt p = prompts.poll();
            engine.pool().execute(() -> p.done.complete(null));
        }
    }

    /**
     * The caller made a sound while a bargeable prompt plays: it pauses for the resume window (or stops at once when
     * the window is zero). Holding the monitor.
     */
    private void interrupt() {
        if (prompts.isEmpty() || !prompts.peek().bargeIn || pause.paused()) {
            return;
        }
        long window = gather != null ? gather.resumeWindowMs() : settings.resumeWindowMs();
        if (window == 0) {
            stopBargeable(false);
            return;
        }
        pause.start(window, this::windowEnded);
    }

    /** Whether an interrupted prompt is paused. Holding the monitor. */
    boolean promptPaused() {
        return pause.paused();
    }

    /**
     * The resume window ended: the prompt resumes unless the sound is still going on or the recognizer has yet to
     * decide. While a recognizer listens, words decide: the prompt stays paused while the sound goes on (for at most
     * three windows unless words were heard) and until the recognizer has heard it out; its final words end the turn
     * and stop the prompt ({@link #gatherEnded}), no words resume it. With no recognizer, sound that lasts the window
     * stops it.
     */
    private synchronized void windowEnded() {
        if (!pause.paused() || closed) {
            return;
        }
        long now = System.nanoTime();
        long window = gather != null ? gather.resumeWindowMs() : settings.resumeWindowMs();
        boolean listening = gather != null && gather.listening();
        boolean capped = pause.pausedNanos(now) >= MAX_PAUSE_NANOS;
        if (pause.soundGoingOn(now)) {
            if (listening
                    && !capped
                    && (gather.wordsPending() || pause.pausedNanos(now) < TimeUnit.MILLISECONDS.toNanos(3 * window))) {
                pause.checkAgain(this::windowEnded);
                return;
            }
            stopBargeable(false);
            return;
        }
        if (listening && gather.undecided()) {
            if (capped) {
                stopBargeable(false);
            } else {
                pause.checkAgain(this::windowEnded);
            }
            return;
        }
        resume();
    }

    /** The sound that paused the prompt was not worth a turn: the prompt resumes. Holding the monitor. */
    void resume() {
        if (!pause.paused()) {
            return;
        }
        pause.end();
        engine.turns().bargeIn(false, 0);
        if (gather != null) {
            gather.onFalseStart();
        }
    }

    /** Stops the bargeable prompts at the head of the queue. Holding the monitor. */
    private void stopBargeable(boolean keypad) {
        long pausedFor = pause.pausedNanos(System.nanoTime());
        pause.end();
        boolean stopped = false;
        while (!prompts.isEmpty() && prompts.peek().bargeIn) {
            Prompt p = prompts.poll();
            stopped = true;
            engine.pool().execute(() -> p.done.complete(null));
        }
        if (stopped && !keypad) {
            engine.turns().bargeIn(true, pausedFor);
        }
    }

    // ---- sending (pacer thread)

    void tick(long now) {
        InetSocketAddress to = peer.target();
        int pt = peer.payloadType();
        if (closed || to == null || pt < 0) {
            return;
        }
        long silence = settings.mediaTimeoutNanos();
        if (silence > 0 && !timedOut && now - peer.lastReceived() > silence) {
            timedOut = true;
            engine.pool().execute(() -> events.mediaTimeout(Duration.ofNanos(silence)));
        }
        TelephoneEvent event;
        TurnLatency answered = null;
        boolean lastOfDigit = false;
        Prompt finished = null;
        boolean sound;
        boolean promptDue;
        synchronized (this) {
            event = dtmfOut.poll();
            if (event != null) {
                lastOfDigit =
                        event.end() && (dtmfOut.isEmpty() || !dtmfOut.peek().end());
            }
            sound = false;
            promptDue = !prompts.isEmpty();
            if (event == null) {
                Prompt head = prompts.peek();
                if (head != null && head.isReady() && !pause.paused()) {
                    if (reply != null && head.unstarted()) {
                        answered = reply.answered(head, now);
                        reply = null;
                    }
                    head.next(frame);
                    sound = true;
                    if (head.finished()) {
                        finished = prompts.poll();
                    }
                }
            }
        }
        StreamPlayback bot = stream;
        if (event == null && !promptDue && bot != null) {
            sound = bot.next(frame);
        }
        ByteBuffer tx;
        if (event != null) {
            tx = outbound.event(event, lastOfDigit, peer.dtmfPayloadType());
        } else {
            echo.sent(sound ? EnergyVad.levelDb(frame, 0, FRAME) : -96);
            tx = outbound.audio(sound ? frame : null, pt, peer.ulaw());
        }
        if (recorder != null && recorder.tick(event == null && sound ? frame : null)) { // null: silence
            engine.pool().execute(() -> events.recording(recorder.file().toString()));
        }
        peer.protect(tx);
        try {
            channel.send(tx, to);
            out.incrementAndGet();
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
        if (answered != null) {
            TurnLatency latency = answered;
            engine.turns().replied(latency);
            engine.pool().execute(() -> events.turnAnswered(latency));
        }
        if (finished != null) {
            Prompt f = finished;
            engine.pool().execute(() -> f.done.complete(null));
        }
    }

    // ---- prompts and gathers

    @Override
    public CompletionStage<Void> say(String text, String voice, boolean bargeIn) {
        Prompt p = enqueue(bargeIn, text);
        if (p.done.isDone()) {
            return p.done;
        }
        engine.pool().execute(() -> {
            try {
                p.ready(engine.synthesize(text, voice));
            } catch (RuntimeException e) {
                fail(p, e);
            }
        });
        return p.done;
    }

    @Override
    public CompletionStage<Void> play(URI audio, boolean bargeIn) {
        Prompt p = enqueue(bargeIn, audio.toString());
        if (p.done.isDone()) {
            return p.done;
        }
        engine.pool().execute(() -> {
            try {
                p.ready(engine.load(audio));
            } catch (RuntimeException e) {
                fail(p, e);
            }
        });
        return p.done;
    }

    private synchronized Prompt enqueue(boolean bargeIn, String label) {
        Prompt p = new Prompt(bargeIn, label);
        if (closed) {
            p.done.complete(null);
        } else {
            prompts.add(p);
        }
        return p;
    }

    /** Completes when the prompts queued now have ended (played, stopped or failed). */
    synchronized CompletionStage<Void> queuedPrompts() {
        Prompt last = prompts.peekLast();
        return last == null ? CompletableFuture.completedFuture(null) : last.done.handle((v, e) -> null);
    }

    private void fail(Prompt p, RuntimeException e) {
        synchronized (this) {
            prompts.remove(p);
        }
        p.done.completeExceptionally(e);
    }

    @Override
    public CompletionStage<GatherResult> gather(GatherRequest request) {
        return gather(request, null);
    }

    @Override
    public CompletionStage<GatherResult> gather(GatherRequest request, java.util.function.Consumer<String> partials) {
        GatherRun g;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(new GatherResult(GatherResult.Outcome.HANGUP, null, null, 0));
            }
            if (gather != null) {
                gather.finish(GatherResult.Outcome.NO_INPUT);
            }
            g = new GatherRun(this, request, engine, settings, partials);
            gather = g;
        }
        g.start();
        return g.result();
    }

    /** Called by a gather when it ends. Holding the monitor. */
    void gatherEnded(GatherRun g, GatherResult r) {
        if (gather == g) {
            gather = null;
            // the caller's turn ended while the prompt was paused for it, or on words too soft to pause it: the
            // prompt stops for good
            if (pause.paused() || r.outcome() == GatherResult.Outcome.MATCH) {
                stopBargeable(false);
            }
        }
        engine.turns().gathered(r);
        reply = r.afterSpeech() == null || r.outcome() != GatherResult.Outcome.MATCH ? null : new TurnTimer(r);
    }

    @Override
    public AudioStream stream(AudioStream.Listener listener) {
        StreamPlayback previous;
        StreamPlayback next = new StreamPlayback(listener, this::streamClosed, settings.vadThresholdDb());
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the session is closed");
            }
            previous = stream;
            stream = next;
        }
        if (previous != null) {
            previous.close();
        }
        return next;
    }

    private synchronized void streamClosed(StreamPlayback s) {
        if (stream == s) {
            stream = null;
        }
    }

    @Override
    public synchronized void sendDtmf(String digitsToSend) {
        for (char c : digitsToSend.toCharArray()) {
            int code = TelephoneEvent.code(c);
            if (code < 0 || peer.dtmfPayloadType() < 0) {
                continue;
            }
            for (int d = 160; d < 800; d += 160) {
                dtmfOut.add(new TelephoneEvent(code, false, 10, d));
            }
            for (int i = 0; i < 3; i++) {
                dtmfOut.add(new TelephoneEvent(code, true, 10, 800));
            }
        }
    }

    @Override
    public MediaStats stats() {
        return new MediaStats(in.get(), out.get(), reorder.late(), reorder.lost(), dropped.get(), digits.get());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pause.end();
            for (Prompt p : prompts) {
                engine.pool().execute(() -> p.done.complete(null));
            }
            prompts.clear();
            if (gather != null) {
                gather.finish(GatherResult.Outcome.HANGUP);
            }
        }
        StreamPlayback bot = stream;
        if (bot != null) {
            bot.close();
        }
        engine.closed(this);
        if (recorder != null) {
            recorder.close();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
