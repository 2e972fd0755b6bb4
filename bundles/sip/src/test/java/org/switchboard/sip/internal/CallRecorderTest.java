package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.Test;
import org.switchboard.api.conversation.ConversationStore;

public class CallRecorderTest {

    /** A store that records the order of answered() calls and the size of each batch; a fake for this test only. */
    private static final class Store {
        final List<String> answered = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate;
        final ConversationStore proxy;

        Store(CountDownLatch gate) {
            this.gate = gate;
            proxy = (ConversationStore) Proxy.newProxyInstance(
                    ConversationStore.class.getClassLoader(),
                    new Class<?>[] {ConversationStore.class},
                    (p, m, args) -> {
                        switch (m.getName()) {
                            case "batch" -> {
                                gate.await(10, TimeUnit.SECONDS);
                                int before = answered.size();
                                @SuppressWarnings("unchecked")
                                Consumer<ConversationStore> work = (Consumer<ConversationStore>) args[0];
                                work.accept((ConversationStore) p);
                                batches.add(answered.size() - before);
                            }
                            case "answered" -> answered.add((String) args[0]);
                            default -> {}
                        }
                        return null;
                    });
        }
    }

    @Test
    public void queuedRecordsGoToTheStoreInOrderInBatches() {
        CountDownLatch gate = new CountDownLatch(1);
        Store store = new Store(gate);
        CallRecorder r = new CallRecorder(() -> store.proxy, 10_000, 10);
        try {
            for (int i = 0; i < 7000; i++) {
                r.answered("s" + i, Instant.EPOCH);
            }
            assertTrue("half the queue is taken: new calls must wait", r.behind());
            gate.countDown();
            assertTrue(r.flush(10_000));
            assertFalse(r.behind());
            assertEquals(7000, store.answered.size());
            assertEquals("s0", store.answered.get(0));
            assertEquals("s6999", store.answered.get(6999));
            assertTrue(
                    "what waited behind the blocked batch goes in full batches: " + store.batches,
                    store.batches.size() <= 9);
            assertTrue(store.batches.toString(), store.batches.stream().allMatch(n -> n <= CallRecorder.BATCH));
        } finally {
            r.close(1000);
        }
    }

    @Test
    public void recordsWaitForAStoreThatIsAwayAndAreDroppedOnlyWhenTheQueueIsFull() throws Exception {
        Store store = new Store(new CountDownLatch(0));
        java.util.concurrent.atomic.AtomicReference<ConversationStore> present =
                new java.util.concurrent.atomic.AtomicReference<>();
        CallRecorder r = new CallRecorder(present::get, 1000, 10);
        try {
            for (int i = 0; i < 2500; i++) { // the queue holds 1000 (and the writer one batch): too many
                r.answered("s" + i, Instant.EPOCH);
            }
            Thread.sleep(300);
            present.set(store.proxy); // the store bundle is back
            assertTrue(r.flush(10_000));
            int kept = store.answered.size();
            assertTrue("all the queue and the writer held is kept: " + kept, kept >= 1000 && kept <= 2001);
            assertEquals("s0", store.answered.get(0));
            String metrics = MetricsText.of(r::collect);
            assertTrue(metrics, metrics.contains("switchboard_recorder_dropped_total " + (2500 - kept) + "\n"));
            assertTrue(metrics, metrics.contains("switchboard_recorder_records_total " + kept + "\n"));
            assertTrue(metrics, metrics.contains("switchboard_recorder_queue_depth 0\n"));
        } finally {
            r.close(1000);
        }
    }
}
