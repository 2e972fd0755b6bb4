package org.switchboard.util.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A late service against a framework whose start and registry the test controls. */
public class LateServiceTest {

    private volatile int frameworkState = Bundle.STARTING;
    private volatile int[] bundleStates = {};

    /** In {@link #bundleStates}: a bundle started with lazy activation, STARTING until a class of it is loaded. */
    private static final int LAZY = -1;

    private final List<String> registry = new CopyOnWriteArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final AtomicInteger made = new AtomicInteger();

    private BundleContext context() {
        Bundle system = (Bundle) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, a) -> switch (m.getName()) {
                    case "getState" -> frameworkState;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
        return (BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> system;
                    case "getBundles" -> bundles();
                    case "registerService" -> {
                        String service = a[1].toString();
                        registry.add(service);
                        yield Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class},
                                (r, rm, ra) -> {
                                    if (rm.getName().equals("unregister")) {
                                        registry.remove(service);
                                    }
                                    return null;
                                });
                    }
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    private Bundle[] bundles() {
        int[] states = bundleStates;
        Bundle[] bundles = new Bundle[states.length];
        for (int i = 0; i < states.length; i++) {
            int state = states[i] == LAZY ? Bundle.STARTING : states[i];
            Hashtable<String, String> headers = new Hashtable<>();
            if (states[i] == LAZY) {
                headers.put("Bundle-ActivationPolicy", "lazy");
            }
            bundles[i] = (Bundle) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, a) -> switch (m.getName()) {
                        case "getState" -> state;
                        case "getHeaders" -> headers;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == a[0];
                        default -> null;
                    });
        }
        return bundles;
    }

    private LateService<String> start(BundleContext context, CountDownLatch gate, List<Exception> failures) {
        return LateService.start(
                "late-test",
                context,
                new String[] {CharSequence.class.getName()},
                new Hashtable<>(),
                () -> {
                    gate.await(10, TimeUnit.SECONDS);
                    return "service-" + made.incrementAndGet();
                },
                closed::add,
                failures::add);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertTrue("condition not reached in 5 s", condition.getAsBoolean());
    }

    @Test
    public void itIsMadeOnlyOnceTheFrameworkAndItsBundlesHaveStartedThenRegisteredThenClosedWithTheComponent()
            throws Exception {
        bundleStates = new int[] {Bundle.ACTIVE, Bundle.RESOLVED, Bundle.INSTALLED, LAZY};
        LateService<String> s = start(context(), new CountDownLatch(0), new CopyOnWriteArrayList<>());
        Thread.sleep(200);
        assertEquals("nothing made while the framework starts", 0, made.get());
        assertTrue(s.pending());
        frameworkState = Bundle.ACTIVE; // as bnd's launcher does: the framework first, then the bundles one by one
        Thread.sleep(200);
        bundleStates = new int[] {Bundle.ACTIVE, Bundle.ACTIVE, Bundle.STARTING, LAZY};
        Thread.sleep(200);
        assertEquals("nothing made while bundles start", 0, made.get());
        long t0 = System.nanoTime();
        bundleStates = new int[] {Bundle.ACTIVE, Bundle.ACTIVE, Bundle.ACTIVE, LAZY};
        await(() -> registry.contains("service-1"));
        assertTrue(
                "a lazy bundle waiting for its first class does not hold the making",
                System.nanoTime() - t0 < LateService.SETTLED_MS * 1_000_000L);
        await(() -> !s.pending());
        assertTrue(s.registered());
        s.close(1000);
        assertEquals(List.of(), registry);
        assertEquals(List.of("service-1"), closed);
    }

    @Test
    public void aBundleThatStaysInactiveHoldsTheMakingOnlyUntilNoBundleHasStartedForAWhile() throws Exception {
        frameworkState = Bundle.ACTIVE;
        bundleStates = new int[] {Bundle.ACTIVE, Bundle.RESOLVED}; // a bundle that failed to start, or was stopped
        long t0 = System.nanoTime();
        LateService<String> s = start(context(), new CountDownLatch(0), new CopyOnWriteArrayList<>());
        Thread.sleep(LateService.SETTLED_MS / 2);
        assertEquals(0, made.get());
        await(() -> registry.contains("service-1"));
        assertTrue(
                "made only once the start had settled", System.nanoTime() - t0 >= LateService.SETTLED_MS * 1_000_000L);
        s.close(1000);
    }

    @Test
    public void aServiceMadeAfterItsComponentStoppedIsClosedNotRegistered() throws Exception {
        frameworkState = Bundle.ACTIVE;
        CountDownLatch gate = new CountDownLatch(1);
        LateService<String> s = start(context(), gate, new CopyOnWriteArrayList<>());
        s.close(50); // the component stops while the making goes on
        gate.countDown();
        await(() -> closed.contains("service-1"));
        assertEquals(List.of(), registry);
        assertFalse(s.registered());
    }

    @Test
    public void aFailedMakingIsReportedAndNothingIsRegistered() throws Exception {
        frameworkState = Bundle.ACTIVE;
        List<Exception> failures = new CopyOnWriteArrayList<>();
        LateService<String> s = LateService.start(
                "late-test",
                context(),
                new String[] {CharSequence.class.getName()},
                new Hashtable<>(),
                () -> {
                    throw new java.io.IOException("no model at /nowhere");
                },
                closed::add,
                failures::add);
        await(() -> !s.pending());
        assertEquals("no model at /nowhere", failures.get(0).getMessage());
        assertEquals("no model at /nowhere", s.failure());
        assertEquals(List.of(), registry);
        s.close(1000);
        assertEquals(List.of(), closed);
    }
}
