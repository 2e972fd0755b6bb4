package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class SipWorkersTest {

    @Test
    public void refusesRequestsPastTheBacklogButNeverWorkForCallsTaken() throws Exception {
        SipWorkers workers = new SipWorkers(1, 2);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try {
            assertTrue(workers.offerRequest(() -> {
                busy.countDown();
                await(release);
            }));
            assertTrue(busy.await(5, TimeUnit.SECONDS));
            assertTrue(workers.offerRequest(ran::incrementAndGet));
            assertTrue(workers.offerRequest(ran::incrementAndGet));
            assertFalse("a third waiting request is refused", workers.offerRequest(ran::incrementAndGet));
            for (int i = 0; i < 100; i++) {
                workers.execute(ran::incrementAndGet);
            }
            assertFalse(
                    "requests stay refused while the calls' work waits", workers.offerRequest(ran::incrementAndGet));
            release.countDown();
            CountDownLatch done = new CountDownLatch(1);
            workers.execute(done::countDown);
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(102, ran.get());
            assertTrue("the backlog drained: requests are taken again", workers.offerRequest(ran::incrementAndGet));
        } finally {
            release.countDown();
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aStoppedPoolDropsWorkWithoutThrowing() throws Exception {
        SipWorkers workers = new SipWorkers(1, 10);
        workers.shutdown();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
        AtomicInteger ran = new AtomicInteger();
        assertFalse(workers.offerRequest(ran::incrementAndGet));
        workers.execute(ran::incrementAndGet);
        assertEquals(0, ran.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
