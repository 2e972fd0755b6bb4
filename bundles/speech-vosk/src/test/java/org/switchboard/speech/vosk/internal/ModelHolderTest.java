package org.switchboard.speech.vosk.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Test;

/** Loading on demand and letting go when idle, with a stand-in model whose loads the test counts and gates. */
public class ModelHolderTest {

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger idled = new AtomicInteger();
    private final List<String> freed = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private ModelHolder<String> holder;

    private ModelHolder<String> holder(long idleMs) {
        holder = new ModelHolder<>(
                () -> {
                    gate.await(10, TimeUnit.SECONDS);
                    return "model-" + loads.incrementAndGet();
                },
                freed::add,
                idleMs,
                idled::incrementAndGet);
        return holder;
    }

    @After
    public void close() {
        if (holder != null) {
            holder.close(1000);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        assertTrue("condition not reached in 5 s", condition.getAsBoolean());
    }

    @Test
    public void aCallLoadsTheModelOnceAndAStreamOpenedMeanwhileGetsItWhenLoaded() throws Exception {
        ModelHolder<String> h = holder(60_000);
        gate = new CountDownLatch(1);
        h.prepare();
        h.prepare();
        assertTrue(h.loading());
        ModelHolder<String>.Lease lease = h.lease();
        assertFalse("the stream waits for the load", lease.model().isDone());
        gate.countDown();
        assertEquals("model-1", lease.model().get(5, TimeUnit.SECONDS));
        assertEquals(1, loads.get());
        assertTrue(h.loaded());
        lease.close();
        lease.close(); // twice is once
        assertEquals(0, h.leases());
    }

    @Test
    public void theModelIsLetGoAfterTheIdlePeriodWithoutAStreamAndLoadedAgainForTheNextCall() throws Exception {
        ModelHolder<String> h = holder(200);
        ModelHolder<String>.Lease lease = h.lease();
        assertEquals("model-1", lease.model().get(5, TimeUnit.SECONDS));
        Thread.sleep(400);
        assertTrue("a stream holds the model past the idle period", h.loaded());
        assertEquals(List.of(), freed);
        lease.close();
        await(() -> !h.loaded());
        await(() -> idled.get() == 1);
        assertEquals(List.of("model-1"), freed);

        h.prepare(); // the next call
        await(h::loaded);
        assertEquals(2, loads.get());
        await(() -> !h.loaded()); // a call that never listened lets it go too
        assertEquals(List.of("model-1", "model-2"), freed);
    }

    @Test
    public void aCallWithinTheIdlePeriodKeepsTheModel() throws Exception {
        ModelHolder<String> h = holder(300);
        h.lease().close();
        await(h::loaded);
        for (int i = 0; i < 5; i++) {
            Thread.sleep(150);
            h.prepare();
        }
        assertTrue(h.loaded());
        assertEquals(1, loads.get());
        long lastCall = System.nanoTime();
        await(() -> idled.get() == 1);
        long idleMs = (System.nanoTime() - lastCall) / 1_000_000;
        assertTrue("let go a whole idle period after the last call, not before: " + idleMs + " ms", idleMs >= 290);
        assertFalse(h.loaded());
    }

    @Test
    public void aModelThatFailsToLoadStaysFailedWithItsReason() throws Exception {
        holder = new ModelHolder<>(
                () -> {
                    loads.incrementAndGet();
                    throw new java.io.IOException("no model at /nowhere");
                },
                freed::add,
                60_000,
                idled::incrementAndGet);
        ModelHolder<String>.Lease first = holder.lease();
        assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> first.model().get(5, TimeUnit.SECONDS));
        assertEquals("no model at /nowhere", holder.failure());
        IllegalStateException e = assertThrows(IllegalStateException.class, holder::lease);
        assertTrue(e.getMessage(), e.getMessage().contains("no model at /nowhere"));
        holder.prepare();
        Thread.sleep(100);
        assertEquals("not loaded again for each call", 1, loads.get());
        assertFalse(holder.loaded());
    }

    @Test
    public void closingFreesTheLoadedModelAndOneStillLoading() throws Exception {
        ModelHolder<String> h = holder(60_000);
        h.lease().model().get(5, TimeUnit.SECONDS);
        h.close(1000);
        assertEquals(List.of("model-1"), freed);
        assertEquals("closing is not idling", 0, idled.get());
        assertThrows(IllegalStateException.class, h::lease);

        ModelHolder<String> loading = holder(60_000);
        gate = new CountDownLatch(1);
        ModelHolder<String>.Lease lease = loading.lease();
        new Thread(() -> {
                    sleep(100);
                    gate.countDown();
                })
                .start();
        loading.close(5000);
        assertEquals(List.of("model-1", "model-2"), freed);
        assertTrue("the waiting stream hears the model is gone", lease.model().isCancelled());
    }

    @Test
    public void aPreloadedModelIsKeptUntilClosed() throws Exception {
        holder = new ModelHolder<>("loaded", freed::add);
        assertTrue(holder.loaded());
        holder.lease().close();
        holder.prepare();
        Thread.sleep(100);
        assertTrue(holder.loaded());
        holder.close(1000);
        assertEquals(List.of("loaded"), freed);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
