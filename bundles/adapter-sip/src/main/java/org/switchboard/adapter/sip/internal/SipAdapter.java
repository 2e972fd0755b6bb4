package org.switchboard.adapter.sip.internal;

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
 * The generic SIP adapter ({@code adapter.type=sip}) for contact centers that hand a call over with {@code X-}
 * headers and take it back by BYE or REFER with {@code X-} headers, the shape of Genesys Cloud's, Amazon Connect's
 * and Five9-style SBC integrations: the 200 OK, the agent handoff and the bot's hang-up carry configured header
 * templates, and the INVITE's {@code X-*} headers reach the bot. Each call keeps the settings in force when it began:
 * the {@link SipCallPolicy} of those settings, built (and its classes loaded) once per configuration and shared by
 * the calls, since it is immutable.
 */
@Component(
        service = ContactCenterAdapter.class,
        immediate = true,
        configurationPid = SipAdapter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ContactCenterAdapter.ADAPTER_TYPE + "=sip")
@Designate(ocd = SipAdapterConfig.class)
public class SipAdapter implements ContactCenterAdapter {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.adapter.sip";

    private static final Logger LOG = LoggerFactory.getLogger(SipAdapter.class);

    private volatile SipCallPolicy policy;

    @Activate
    public SipAdapter(SipAdapterConfig config) {
        policy = new SipCallPolicy(validated(config));
    }

    @Modified
    void modified(SipAdapterConfig config) {
        policy = new SipCallPolicy(validated(config));
        LOG.info("SIP adapter settings changed; they apply to new calls");
    }

    private static SipAdapterSettings validated(SipAdapterConfig config) {
        try {
            return SipAdapterSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("SIP adapter configuration rejected: {}", e.getMessage());
            throw e;
        }
    }

    @Override
    public String type() {
        return "sip";
    }

    @Override
    public CallPolicy policyFor(InboundCall call) {
        return policy;
    }
}
