package org.switchboard.testing.fakeadapter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.switchboard.api.adapter.CallPolicy;
import org.switchboard.api.adapter.ContactCenterAdapter;
import org.switchboard.api.adapter.InboundCall;

/**
 * The adapter of type {@value #TYPE}, for trunks with {@code "adapter": "fake"}. Answers with
 * {@code X-Fake-Session: <session id>}, passes the INVITE's {@code X-Fake-*} headers to the flow, hands a call to
 * an agent with {@code X-Fake-Handoff: agent} (reason {@value FakePolicy#AGENT_REASON}) and ends a resolved one
 * with {@code X-Fake-Handoff: done} (reason {@value FakePolicy#DONE_REASON}). Registered as itself too, so a test
 * inside the container can read {@link #calls()}.
 */
@Component(
        service = {ContactCenterAdapter.class, FakeAdapter.class},
        property = ContactCenterAdapter.ADAPTER_TYPE + "=" + FakeAdapter.TYPE)
public class FakeAdapter implements ContactCenterAdapter {

    /** The trunk's {@code adapter} value this adapter serves. */
    public static final String TYPE = "fake";

    /** An INVITE header carrying this value makes {@link #policyFor} refuse the call. */
    public static final String REFUSE = "X-Fake-Refuse";

    private final List<InboundCall> calls = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CallPolicy policyFor(InboundCall call) {
        calls.add(call);
        if (call.header(REFUSE) != null) {
            throw new IllegalArgumentException("the caller asked to be refused");
        }
        return new FakePolicy(call.sessionId());
    }

    /** The calls this adapter was asked about since it started, in order. */
    public List<InboundCall> calls() {
        return List.copyOf(calls);
    }
}
