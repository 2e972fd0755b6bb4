package org.switchboard.api.adapter;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of contact center (Zoom Contact Center first): decides how calls from its trunks are answered and
 * handed back. Adapters are OSGi services with the property {@value #ADAPTER_TYPE} (e.g. {@code zcc}); a trunk
 * names the type it uses. The SIP bundle's router picks the adapter per call (highest service ranking wins) and
 * takes a {@link CallPolicy} from it; nothing else looks adapters up directly. Adapters may come and go at any
 * time: calls in progress keep their policy.
 *
 * <p>Implemented by adapter bundles.
 */
@ConsumerType
public interface ContactCenterAdapter {

    /** The service property naming the contact-center kind, e.g. {@code zcc}. */
    String ADAPTER_TYPE = "adapter.type";

    /** The contact-center kind this adapter serves; equal to its {@value #ADAPTER_TYPE} property. */
    String type();

    /**
     * The policy for one inbound call, asked for when the call is accepted; the call keeps it to its end. An adapter
     * may give the same immutable policy to many calls.
     *
     * @throws IllegalArgumentException when the adapter cannot serve this call; the caller gets 503
     */
    CallPolicy policyFor(InboundCall call);
}
