package org.switchboard.api.routing;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Routes inbound calls: the trunk by the source address, the flow by the DID attached on that trunk, and the
 * contact-center adapter by the trunk's type. Registered as an OSGi service by the flow bundle; the SIP bundle reaches
 * it with a dynamic reference, so a call arriving while it is away is refused or retried by the SIP bundle.
 */
@ProviderType
public interface CallRouting {

    /**
     * Routes a new call.
     *
     * @param sourceAddress the IP address the INVITE came from (or the one a trusted proxy vouched for)
     * @param did the Request-URI user part, with or without a leading {@code +}
     */
    CallRoute route(String sourceAddress, String did);

    /** Whether any inbound trunk takes calls from {@code sourceAddress} (an IP literal; anything else is not). */
    boolean admits(String sourceAddress);
}
