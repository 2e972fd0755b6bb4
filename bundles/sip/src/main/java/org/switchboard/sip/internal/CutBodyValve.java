package org.switchboard.sip.internal;

import javax.sip.SipStack;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;

/**
 * Drops a request whose connection closed before its whole body arrived. The RI's stream framer then hands on the
 * message anyway, its body padded with zero bytes to the announced Content-Length, and answering it would open a new
 * connection to the peer's ephemeral port. Such a body is recognised by the zero bytes in a text body (SDP and the
 * other types Switchboard reads are text); the request is dropped before any transaction exists. Runs on every
 * request the stack accepts, before transaction matching.
 */
final class CutBodyValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(CutBodyValve.class);

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!(channel instanceof ConnectionOrientedMessageChannel) || !textBodyWithNul(request)) {
            return true;
        }
        LOG.info(
                "Dropped {} {} from {}: its body has zero bytes where text was due (the connection closed before "
                        + "the announced {} bytes arrived)",
                request.getMethod(),
                request.getCallId().getCallId(),
                channel.getPeerAddress(),
                request.getContentLength().getContentLength());
        return false;
    }

    private static boolean textBodyWithNul(SIPRequest request) {
        byte[] body = request.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0 || type == null) {
            return false;
        }
        String t = type.getContentType().toLowerCase(java.util.Locale.ROOT) + "/"
                + type.getContentSubType().toLowerCase(java.util.Locale.ROOT);
        if (!(t.equals("application/sdp")
                || t.startsWith("text/")
                || t.equals("message/sipfrag")
                || t.equals("application/dtmf-relay"))) {
            return false;
        }
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack stack) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
