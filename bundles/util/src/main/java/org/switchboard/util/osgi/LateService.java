package org.switchboard.util.osgi;

import java.util.Dictionary;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleRevision;

/**
 * A service that takes long to make (a speech model to load, processes to start), made on a thread of its own and
 * registered once made, so that it does not hold up the framework's start (every bundle after it waits while a
 * component activates). While the framework and its bundles are starting the making waits for them (at most a
 * minute): on a small machine it would otherwise take the cores the start needs. A component makes one when it
 * activates and {@link #close() closes} it when it deactivates:
 * the service is unregistered, the making waited for, and what was made closed.
 *
 * @param <S> the service object's type
 */
public final class LateService<S> {

    /** What the maker threw: logged by the component with what to do about it. */
    public interface Failure {
        /** Called once, on the making thread, when the maker failed. */
        void failed(Exception e);
    }

    /** How long no bundle may have become active before a start with bundles left inactive counts as over. */
    static final long SETTLED_MS = 2_000;

    private final Thread maker;
    private final Consumer<S> closer;
    private S made;
    private ServiceRegistration<?> registration;
    private boolean closed;
    private volatile boolean pending = true;
    private volatile String failure;

    private LateService(
            String threadName,
            BundleContext context,
            String[] classes,
            Dictionary<String, ?> properties,
            Callable<S> make,
            Consumer<S> closer,
            Failure failure) {
        this.closer = closer;
        this.maker = new Thread(() -> make(context, classes, properties, make, failure), threadName);
        maker.setDaemon(true);
    }

    /**
     * Starts making the service on a thread named {@code threadName}; once made it is registered under {@code
     * classes} with {@code properties}. A maker that fails is reported to {@code failure} and nothing is registered.
     */
    public static <S> LateService<S> start(
            String threadName,
            BundleContext context,
            String[] classes,
            Dictionary<String, ?> properties,
            Callable<S> make,
            Consumer<S> closer,
            Failure failure) {
        LateService<S> s = new LateService<>(threadName, context, classes, properties, make, closer, failure);
        s.maker.start();
        return s;
    }

    private void make(
            BundleContext context,
            String[] classes,
            Dictionary<String, ?> properties,
            Callable<S> make,
            Failure failure) {
        try {
            S s;
            try {
                awaitStartOver(context);
                s = make.call();
            } catch (Exception e) {
                this.failure = e.getMessage() == null ? e.toString() : e.getMessage();
                failure.failed(e);
                return;
            }
            synchronized (this) {
                if (closed) {
                    closer.accept(s);
                    return;
                }
                made = s;
                try {
                    registration = context.registerService(classes, s, properties);
                } catch (IllegalStateException e) { // the bundle is stopping
                    made = null;
                    closer.accept(s);
                }
            }
        } finally {
            pending = false;
        }
    }

    /**
     * Waits until the framework's start is over: the framework active and every bundle but fragments started. A launcher
     * such as bnd's starts the framework first and the bundles after it, so the framework's own state says little. A
     * bundle that stays inactive (it failed, or an operator stopped it) ends the wait once no bundle has become active
     * for {@value #SETTLED_MS} ms. At most a minute in all.
     */
    private void awaitStartOver(BundleContext context) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int lastActive = -1;
        long settledSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                if (context.getBundle(0).getState() == Bundle.ACTIVE) {
                    int active = 0;
                    int waiting = 0;
                    for (Bundle b : context.getBundles()) {
                        if (started(b)) {
                            active++;
                        } else if (!isFragment(b)) {
                            waiting++;
                        }
                    }
                    if (waiting == 0) {
                        return;
                    }
                    if (active != lastActive) {
                        lastActive = active;
                        settledSince = System.nanoTime();
                    } else if (System.nanoTime() - settledSince >= SETTLED_MS * 1_000_000L) {
                        return;
                    }
                }
            } catch (IllegalStateException e) {
                return; // the bundle is stopping: the maker's result is closed
            }
            Thread.sleep(20);
        }
    }

    /** Active, or started with lazy activation (it stays STARTING until a class of it is first loaded). */
    private static boolean started(Bundle b) {
        return b.getState() == Bundle.ACTIVE
                || (b.getState() == Bundle.STARTING
                        && Constants.ACTIVATION_LAZY.equals(
                                String.valueOf(b.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY))
                                        .split(";")[0]
                                        .trim()));
    }

    private static boolean isFragment(Bundle b) {
        BundleRevision r = b.adapt(BundleRevision.class);
        return r != null && (r.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** Whether the service is still being made. */
    public boolean pending() {
        return pending;
    }

    /** Why the maker failed, or {@code null} while it has not. */
    public String failure() {
        return failure;
    }

    /** Whether the service was made and is registered. */
    public synchronized boolean registered() {
        return registration != null;
    }

    /**
     * Unregisters the service, waits for a making still going on (at most {@code waitMs}), and closes what was made.
     */
    public void close(long waitMs) {
        synchronized (this) {
            closed = true;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // gone with the bundle
                }
                registration = null;
            }
        }
        try {
            maker.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        S s;
        synchronized (this) {
            s = made;
            made = null;
        }
        if (s != null) {
            closer.accept(s);
        }
    }
}
