package org.switchboard.media.internal;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.switchboard.api.media.MediaStats;
import org.switchboard.api.metrics.MetricsWriter;

/** RTP counters summed over sessions: those that ended, plus (for a metrics scrape) those still open. */
final class MediaCounters {

    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder digits = new LongAdder();

    void add(MediaStats s) {
        in.add(s.packetsIn());
        out.add(s.packetsOut());
        late.add(s.late());
        lost.add(s.lost());
        dropped.add(s.dropped());
        digits.add(s.dtmfEvents());
    }

    MediaCounters copy() {
        MediaCounters c = new MediaCounters();
        c.add(new MediaStats(in.sum(), out.sum(), late.sum(), lost.sum(), dropped.sum(), digits.sum()));
        return c;
    }

    void writeTo(MetricsWriter w) {
        String packets = "RTP packets accepted (in) and sent (out)";
        w.counter("switchboard_rtp_packets_total", packets, Map.of("direction", "in"), in.sum());
        w.counter("switchboard_rtp_packets_total", packets, Map.of("direction", "out"), out.sum());
        w.counter("switchboard_rtp_late_packets_total", "RTP packets that came after their turn", Map.of(), late.sum());
        w.counter("switchboard_rtp_lost_packets_total", "RTP sequence numbers never received", Map.of(), lost.sum());
        w.counter(
                "switchboard_rtp_dropped_packets_total",
                "RTP packets refused (source, type, size)",
                Map.of(),
                dropped.sum());
        w.counter("switchboard_dtmf_digits_total", "DTMF digits received", Map.of(), digits.sum());
    }
}
