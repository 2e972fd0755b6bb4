package org.switchboard.media.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.switchboard.api.call.GatherResult;
import org.switchboard.api.media.TurnLatency;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.util.metrics.Histogram;

/** Turn-taking figures over every call: how turns ended, how fast the answer came, barge-ins stopped and resumed. */
final class TurnMetrics {

    private static final double[] SECONDS = {0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5};
    private static final String[] STAGES = {"recognition", "assistant", "synthesis", "playout"};

    private final Map<GatherResult.Endpoint, LongAdder> endpoints = new EnumMap<>(GatherResult.Endpoint.class);
    private final Histogram[] stages = new Histogram[STAGES.length];
    private final Histogram response = new Histogram(SECONDS);
    private final Histogram bargeInStop = new Histogram(SECONDS);
    private final LongAdder stopped = new LongAdder();
    private final LongAdder resumed = new LongAdder();

    TurnMetrics() {
        for (GatherResult.Endpoint e : GatherResult.Endpoint.values()) {
            endpoints.put(e, new LongAdder());
        }
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new Histogram(SECONDS);
        }
    }

    void gathered(GatherResult r) {
        endpoints.get(r.endpoint()).increment();
    }

    void replied(TurnLatency l) {
        java.time.Duration[] n = {l.recognition(), l.assistant(), l.synthesis(), l.playout()};
        for (int i = 0; i < n.length; i++) {
            stages[i].observe(n[i].toNanos() / 1e9);
        }
        response.observe(l.total().toNanos() / 1e9);
    }

    /** A barge-in ended: the prompt stopped (after being paused this long) or resumed. */
    void bargeIn(boolean stop, long pausedNanos) {
        if (stop) {
            stopped.increment();
            bargeInStop.observe(pausedNanos / 1e9);
        } else {
            resumed.increment();
        }
    }

    void writeTo(MetricsWriter w) {
        endpoints.forEach((e, n) -> w.counter(
                "switchboard_turns_total",
                "Caller turns by what ended them",
                Map.of("endpoint", e.name().toLowerCase(Locale.ROOT)),
                n.sum()));
        w.histogram(
                "switchboard_turn_response_seconds",
                "From the end of the caller's speech to the first RTP packet of the answer",
                Map.of(),
                response.snapshot());
        for (int i = 0; i < STAGES.length; i++) {
            w.histogram(
                    "switchboard_turn_stage_seconds",
                    "The answer's time by stage: recognition (speech end to turn end), assistant (to the answer "
                            + "requested), synthesis (to audio ready), playout (to the first RTP packet)",
                    Map.of("stage", STAGES[i]),
                    stages[i].snapshot());
        }
        w.counter(
                "switchboard_barge_ins_total",
                "Prompts the caller interrupted",
                Map.of("outcome", "stopped"),
                stopped.sum());
        w.counter(
                "switchboard_barge_ins_total",
                "Prompts the caller interrupted",
                Map.of("outcome", "resumed"),
                resumed.sum());
        w.histogram(
                "switchboard_barge_in_pause_seconds",
                "How long a prompt the caller interrupted stayed paused before it stopped for good",
                Map.of(),
                bargeInStop.snapshot());
    }
}
