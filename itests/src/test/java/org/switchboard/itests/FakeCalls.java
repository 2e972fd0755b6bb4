package org.switchboard.itests;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.switchboard.api.adapter.InboundCall;
import org.switchboard.testing.fakeadapter.FakeAdapter;

/**
 * What the fake adapter remembers. A class of its own so that {@link FakeAdapterIT}, loaded before the adapter's
 * bundle is installed, never names the adapter's class itself.
 */
final class FakeCalls {

    private FakeCalls() {}

    /** The calls the fake adapter was asked about since it last started. */
    static List<InboundCall> seen(BundleContext context) {
        ServiceReference<FakeAdapter> ref = context.getServiceReference(FakeAdapter.class);
        if (ref == null) {
            throw new AssertionError("the fake adapter is not registered");
        }
        try {
            return context.getService(ref).calls();
        } finally {
            context.ungetService(ref);
        }
    }
}
