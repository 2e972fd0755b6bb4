package org.switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.call.Handoff;
import org.switchboard.api.call.TransferResult;
import org.switchboard.api.conversation.EndedBy;

/**
 * One REFER (RFC 3515) and its implicit subscription: 202, then NOTIFYs carrying {@code message/sipfrag}. A final
 * 2xx sipfrag is success (Switchboard then ends its leg with a BYE, unless the peer already did); a non-2xx REFER
 * response, a failed sipfrag or no final NOTIFY in time is failure, and the call stays up for the flow's failure
 * branch.
 */
final class ReferTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(ReferTransfer.class);
    private static final Pattern SIPFRAG = Pattern.compile("^SIP/2\\.0\\s+(\\d{3})\\s*([^\\r\\n]*)");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#][0-9*#\\-.() ]*");
    /** A bare user id (some bots' transfer functions take one): a SIP user part without scheme or host. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~!*'()&=+$,;?/-]{0,127}");

    private final SipCall call;
    private final Handoff handoff;
    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean accepted;
    private volatile ScheduledFuture<?> timeout;
    private volatile String target;

    ReferTransfer(SipCall call, Handoff handoff) {
        this.call = call;
        this.handoff = handoff;
    }

    CompletableFuture<TransferResult> result() {
        return result;
    }

    boolean accepted() {
        return accepted;
    }

    void start() {
        try {
            URI uri = target(handoff.referTo());
            Map<String, String> notEmbedded = embed(uri, handoff.referToHeaders());
            target = uri.toString();
            SipContext ctx = call.ctx;
            Request refer = call.dialog().createRequest(Request.REFER);
            refer.setHeader(ctx.responder.headers().createReferToHeader(ctx.addresses.createAddress(uri)));
            refer.setHeader(ctx.responder
                    .headers()
                    .createHeader("Referred-By", "<sip:" + call.setup().did() + "@" + ctx.settings.address() + ">"));
            Headers.add(ctx.responder.headers(), refer, handoff.headers());
            Headers.add(ctx.responder.headers(), refer, notEmbedded);
            int ms = ctx.settings.referTimeoutMs();
            timeout = ctx.timers.schedule(
                    () -> fail(0, "no final NOTIFY within " + ms / 1000 + " s"), ms, TimeUnit.MILLISECONDS);
            call.event("transfer.refer", CallSession.withHeaders(Map.of("referTo", target), handoff.headers()));
            try {
                call.send(refer, this::referAnswered);
            } catch (javax.sip.SipException e) {
                // the stack can report a failure for a request that did go out (seen over TCP): the REFER's answer,
                // its NOTIFYs or the timeout decide
                LOG.warn(
                        "Session {}: REFER may not have been sent: {}{}",
                        call.sessionId(),
                        e.getMessage(),
                        e.getCause() == null ? "" : ": " + e.getCause());
            }
        } catch (IllegalArgumentException e) {
            fail(0, e.getMessage());
        } catch (Exception e) {
            fail(0, "REFER not sent: " + e.getMessage());
        }
    }

    /**
     * Puts {@code headers} in a SIP target's URI, escaped (RFC 3261 section 19.1.1); a tel URI has no place for them,
     * so they are returned to go on the REFER itself.
     */
    static Map<String, String> embed(URI uri, Map<String, String> headers) throws java.text.ParseException {
        if (headers.isEmpty()) {
            return Map.of();
        }
        if (!(uri instanceof SipURI sip)) {
            return headers;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            sip.setHeader(h.getKey(), UriHeaders.escape(h.getValue()));
        }
        return Map.of();
    }

    /**
     * A number becomes {@code sip:<number>@<peer host>}, a bare user id {@code sip:<user>@<peer host>}; a SIP or tel
     * URI is used as given.
     */
    private URI target(String referTo) throws java.text.ParseException {
        String t = referTo.trim();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:")) {
            try {
                return call.ctx.addresses.createURI(t);
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException(
                        "REFER target '" + referTo + "' is not a valid URI: " + e.getMessage());
            }
        }
        boolean number = NUMBER.matcher(t).matches();
        if (!number && !USER.matcher(t).matches()) {
            throw new IllegalArgumentException(
                    "REFER target '" + referTo + "' is neither a number, a user id nor a " + "SIP URI");
        }
        String user = number ? t.replaceAll("[\\-.() ]", "") : t;
        URI remote = call.dialog().getRemoteTarget().getURI();
        String host = remote instanceof SipURI s ? s.getHost() : call.setup().source();
        return call.ctx.addresses.createSipURI(user, host);
    }

    private void referAnswered(Response response) {
        int code = response.getStatusCode();
        if (code < 300) {
            accepted = true;
            call.event("transfer.refer.accepted", Map.of("status", Integer.toString(code)));
        } else {
            fail(code, "REFER answered " + code + " " + response.getReasonPhrase());
        }
    }

    void notifyReceived(Request notify) {
        String state = SipMessages.value(notify, "Subscription-State");
        if (state == null) {
            state = SipMessages.value(notify, "o");
        }
        boolean terminated =
                state != null && state.trim().toLowerCase(java.util.Locale.ROOT).startsWith("terminated");
        byte[] body = notify.getRawContent();
        Matcher m = SIPFRAG.matcher(body == null ? "" : new String(body, StandardCharsets.UTF_8).trim());
        if (!m.find()) {
            call.event("transfer.notify", Map.of("sipfrag", "(none)", "subscription", String.valueOf(state)));
            if (terminated) {
                fail(0, "subscription terminated without a final status");
            }
            return;
        }
        int status = Integer.parseInt(m.group(1));
        call.event("transfer.notify", Map.of("sipfrag", m.group(0), "subscription", String.valueOf(state)));
        if (status < 200 && !terminated) {
            return;
        }
        if (status >= 200 && status < 300) {
            succeed(status, m.group(0));
        } else {
            fail(status, "transfer failed: " + m.group(0));
        }
    }

    /** Success: Switchboard's leg ends (the BYE goes first, so the flow sees an ended call) and the result completes. */
    private void succeed(int status, String sipfrag) {
        if (!settle()) {
            return;
        }
        call.ctx.recorder.handedOff(call.sessionId(), Instant.now());
        call.event("transfer.succeeded", Map.of("referTo", String.valueOf(target), "status", Integer.toString(status)));
        LOG.info("Session {}: REFER to {} succeeded ({})", call.sessionId(), target, sipfrag);
        call.sendBye(Map.of(), EndedBy.TRANSFER, "REFER to " + target, false);
        result.complete(new TransferResult(true, status, sipfrag));
    }

    private void fail(int status, String reason) {
        if (!settle()) {
            return;
        }
        result.complete(new TransferResult(false, status, reason));
        call.event(
                "transfer.failed",
                Map.of("referTo", String.valueOf(target), "status", Integer.toString(status), "reason", reason));
        LOG.info("Session {}: REFER to {} failed: {}", call.sessionId(), target, reason);
    }

    /** The peer sent BYE while the REFER was pending: after a 202 that is how many peers report success. */
    void peerEnded() {
        if (accepted) {
            if (settle()) {
                call.ctx.recorder.handedOff(call.sessionId(), Instant.now());
                result.complete(new TransferResult(true, 0, "peer ended the dialog after accepting the REFER"));
            }
        } else {
            fail(0, "caller hung up during the transfer");
        }
    }

    void callEnded() {
        fail(0, "the call ended during the transfer");
    }

    /** Claims the outcome once (the NOTIFY, the timeout and the peer's BYE may race); stops the timeout. */
    private boolean settle() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        return true;
    }
}
