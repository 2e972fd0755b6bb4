package org.switchboard.util.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import org.switchboard.api.metrics.HistogramSnapshot;

/** A thread-safe histogram over fixed upper bounds (plus +Inf), as Prometheus expects it. */
public final class Histogram {

    /** Bounds for latencies in seconds, 1 ms to 10 s. */
    public static final double[] LATENCY_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final double[] bounds;
    private final AtomicLongArray buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /** @param bounds the buckets' upper bounds, increasing */
    public Histogram(double... bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (!(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException("bounds must increase: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.buckets = new AtomicLongArray(bounds.length);
    }

    public void observe(double value) {
        int i = Arrays.binarySearch(bounds, value);
        if (i < 0) {
            i = -i - 1;
        }
        if (i < bounds.length) {
            buckets.incrementAndGet(i);
        }
        count.increment();
        sum.add(value);
    }

    /** The counts so far, cumulative per bound as in the exposition format. */
    public HistogramSnapshot snapshot() {
        long[] cumulative = new long[bounds.length];
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += buckets.get(i);
            cumulative[i] = running;
        }
        long n = count.sum();
        return new HistogramSnapshot(bounds.clone(), cumulative, sum.sum(), Math.max(n, running));
    }
}
