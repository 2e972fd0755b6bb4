package org.switchboard.sip.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.conversation.EndedBy;

/**
 * The orderly end of service, run once, when the framework begins to stop (before any bundle, the store above all,
 * is stopped) or when the SIP bundle itself stops: new INVITEs get 503 from now on; every call in progress ends with
 * the adapter's hang-up (or agent handoff, per {@code shutdown.handoff}) BYE; then, within {@code drain.timeout.ms} in
 * all, the BYEs' answers are awaited (a call whose BYE is not answered by then is closed all the same) and every
 * record reaches the store.
 */
final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final SipSettings settings;
    private final CallAdmission admission;
    private final Supplier<Iterable<SipCall>> calls;
    private final CallRecorder recorder;
    private final AtomicBoolean done = new AtomicBoolean();

    Drain(SipSettings settings, CallAdmission admission, Supplier<Iterable<SipCall>> calls, CallRecorder recorder) {
        this.settings = settings;
        this.admission = admission;
        this.calls = calls;
        this.recorder = recorder;
    }

    void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        admission.stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.drainTimeoutMs());
        boolean toAgent = settings.shutdownToAgent();
        Map<SipCall, CompletableFuture<?>> ending = new LinkedHashMap<>();
        for (SipCall call : calls.get()) {
            if (call.isActive()) {
                ending.put(call, call.shutdown(toAgent));
            }
        }
        if (!ending.isEmpty()) {
            LOG.info(
                    "Stopping: ending {} call(s) with the adapter's {} BYE",
                    ending.size(),
                    toAgent ? "agent handoff" : "hang-up");
            awaitByes(ending, deadline, toAgent);
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (!recorder.flush(Math.max(100, left))) {
            LOG.warn("Stopping: {} call record(s) not yet written to the store", recorder.queued());
        }
    }

    private void awaitByes(Map<SipCall, CompletableFuture<?>> ending, long deadline, boolean toAgent) {
        List<CompletableFuture<?>> byes = new ArrayList<>(ending.values());
        try {
            CompletableFuture.allOf(byes.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn(
                    "Stopping: {} of {} BYE(s) not answered within {} ms; their sessions end as not answered",
                    byes.stream().filter(f -> !f.isDone()).count(),
                    byes.size(),
                    settings.drainTimeoutMs());
            ending.forEach((call, bye) -> {
                if (!bye.isDone()) {
                    call.finish(toAgent ? EndedBy.TRANSFER : EndedBy.SYSTEM, "Switchboard stopping (BYE not answered)");
                }
            });
        } catch (ExecutionException e) {
            LOG.debug("A BYE failed while stopping: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
