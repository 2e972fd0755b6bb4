package org.switchboard.adapter.zcc.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.adapter.InboundCall;

/**
 * The Zoom Contact Center adapter ({@code adapter.type=zcc}). Each accepted call gets the {@link ZccCallPolicy} of the
 * settings in force at that moment, built (and its classes loaded) once per configuration and shared by the calls,
 * since it is immutable; a configuration change applies to new calls only.
 */
@Component(
        service = ContactCenterAdapter.class,
        immediate = true,
        configurationPid = ZccAdapter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ContactCenterAdapter.ADAPTER_TYPE + "=zcc")
@Designate(ocd = ZccConfig.class)
public class ZccAdapter implements ContactCenterAdapter {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.adapter.zcc";

    private static final Logger LOG = LoggerFactory.getLogger(ZccAdapter.class);

    private volatile ZccCallPolicy policy;

    @Activate
    public ZccAdapter(ZccConfig config) {
        policy = new ZccCallPolicy(validated(config));
    }

    @Modified
    void modified(ZccConfig config) {
        policy = new ZccCallPolicy(validated(config));
        LOG.info("ZCC adapter settings changed; they apply to new calls");
    }

    private static ZccSettings validated(ZccConfig config) {
        try {
            return ZccSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("ZCC adapter configuration rejected: {}", e.getMessage());
            throw e;
        }
    }

    @Override
    public String type() {
        return "zcc";
    }

    @Override
    public CallPolicy policyFor(InboundCall call) {
        return policy;
    }
}
