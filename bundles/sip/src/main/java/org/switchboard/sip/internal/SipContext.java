package org.switchboard.sip.internal;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.switchboard.api.flow.FlowRunner;
import org.switchboard.sip.internal.sdp.RtpPorts;

/** What every call shares: the provider and factories, timers, the recorder, the live calls and the RTP ports. */
final class SipContext {

    final SipProvider provider;
    final Responder responder;
    final AddressFactory addresses;
    final SipSettings settings;
    final ScheduledExecutorService timers;
    final Executor workers;
    final CallRecorder recorder;
    final RtpPorts rtpPorts;
    final Supplier<FlowRunner> runner;
    final Supplier<org.switchboard.api.media.MediaEngine> media;
    final SipMetrics metrics;
    final CallAdmission admission;
    final DigestAuthenticator digest;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();

    SipContext(
            SipProvider provider,
            Responder responder,
            AddressFactory addresses,
            SipSettings settings,
            ScheduledExecutorService timers,
            Executor workers,
            CallRecorder recorder,
            Supplier<FlowRunner> runner,
            Supplier<org.switchboard.api.media.MediaEngine> media,
            SipMetrics metrics,
            CallAdmission admission) {
        this.provider = provider;
        this.responder = responder;
        this.addresses = addresses;
        this.settings = settings;
        this.timers = timers;
        this.workers = workers;
        this.recorder = recorder;
        this.runner = runner;
        this.media = media;
        this.metrics = metrics;
        this.admission = admission;
        this.rtpPorts = new RtpPorts(settings.rtpPortMin(), settings.rtpPortMax());
        this.digest = new DigestAuthenticator(settings.authNonceS());
    }

    /** Registers a new call; {@code false} when a call with its Call-ID is already up (a merged request). */
    boolean add(SipCall call) {
        return calls.putIfAbsent(call.callId(), call) == null;
    }

    void remove(SipCall call) {
        calls.remove(call.callId(), call);
    }

    Iterable<SipCall> calls() {
        return calls.values();
    }

    /** The call with this Call-ID, if it is still known. */
    Optional<SipCall> byCallId(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    /** The call a request belongs to, by Call-ID, checking the dialog's tags once the request has a To tag. */
    Optional<SipCall> find(Request request) {
        String callId =
                ((javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        SipCall call = calls.get(callId);
        if (call == null) {
            return Optional.empty();
        }
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        if (toTag == null) {
            return Request.CANCEL.equals(request.getMethod()) || Request.ACK.equals(request.getMethod())
                    ? Optional.of(call)
                    : Optional.empty();
        }
        return call.matches(toTag, fromTag) ? Optional.of(call) : Optional.empty();
    }

    /**
     * Switchboard's Contact for a transport ({@code udp}/{@code tcp}/{@code tls}); {@code secure} (the call's
     * Request-URI was {@code sips:}) gives a {@code sips:} URI, as RFC 3261 §12.1.1 asks.
     */
    ContactHeader contact(String transport, boolean secure) throws ParseException {
        String t = transport == null ? "udp" : transport.toLowerCase(java.util.Locale.ROOT);
        SipURI uri = addresses.createSipURI(null, settings.address());
        switch (t) {
            case "tcp" -> {
                uri.setPort(settings.tcpPort());
                uri.setTransportParam("tcp");
            }
            case "tls" -> {
                uri.setPort(settings.tlsPort());
                if (secure) {
                    uri.setSecure(true);
                } else {
                    uri.setTransportParam("tls");
                }
            }
            default -> uri.setPort(settings.udpPort());
        }
        return responder.headers().createContactHeader(addresses.createAddress(uri));
    }
}
