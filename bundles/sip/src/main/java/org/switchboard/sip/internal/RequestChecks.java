package org.switchboard.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The inspection RFC 3261 §8.2.2 and §8.2.3 ask of a UAS before it acts on a request (method inspection, 405 and
 * 501, is the dispatcher's): a Request-URI scheme other than sip, sips or tel gets 416; a Require naming an extension
 * Switchboard does not implement gets 420 with those in Unsupported; an INVITE or UPDATE whose body is not a plain
 * SDP gets 415 with Accept, Accept-Encoding and Accept-Language; an INVITE whose Accept rules out SDP gets 406.
 */
final class RequestChecks {

    /** Extensions Switchboard implements: session timers (RFC 4028). */
    static final Set<String> SUPPORTED = Set.of("timer");

    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");
    private static final Set<String> WITH_SDP = Set.of(Request.INVITE, Request.UPDATE);

    private RequestChecks() {}

    /** Whether the request came over TLS (its top Via names the transport it came over; see GuardedParser). */
    static boolean overTls(Request request) {
        javax.sip.header.ViaHeader via =
                (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        return via != null && "TLS".equalsIgnoreCase(via.getTransport());
    }

    /** The response that must be sent instead of processing {@code request}, or {@code null} when it may go on. */
    static Response check(Request request, Responder responder) throws Exception {
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return responder.create(Response.UNSUPPORTED_URI_SCHEME, request);
        }
        if ("sips".equals(scheme) && !overTls(request) && !Request.ACK.equals(request.getMethod())) {
            Response r = responder.create(Response.FORBIDDEN, request);
            r.addHeader(responder
                    .headers()
                    .createWarningHeader("switchboard", 399, "a sips: Request-URI must arrive over TLS"));
            return r;
        }
        List<String> unsupported = new ArrayList<>();
        ListIterator<?> require = request.getHeaders("Require");
        while (require.hasNext()) {
            for (String option : SipMessages.value((Header) require.next()).split(",")) {
                String o = option.trim();
                if (!o.isEmpty() && !SUPPORTED.contains(o.toLowerCase(Locale.ROOT))) {
                    unsupported.add(o);
                }
            }
        }
        if (!unsupported.isEmpty() && !Request.CANCEL.equals(request.getMethod())) {
            Response r = responder.create(Response.BAD_EXTENSION, request);
            r.addHeader(responder.headers().createUnsupportedHeader(String.join(", ", unsupported)));
            return r;
        }
        if (!WITH_SDP.contains(request.getMethod())) {
            return null;
        }
        if (!sdpBody(request)) {
            Response r = responder.create(Response.UNSUPPORTED_MEDIA_TYPE, request);
            r.addHeader(responder.headers().createAcceptHeader("application", "sdp"));
            r.addHeader(responder.headers().createAcceptEncodingHeader("identity"));
            r.addHeader(responder.headers().createAcceptLanguageHeader(Locale.ENGLISH));
            return r;
        }
        if (Request.INVITE.equals(request.getMethod()) && !acceptsSdp(request)) {
            Response r = responder.create(Response.NOT_ACCEPTABLE, request);
            r.addHeader(responder.headers().createAcceptHeader("application", "sdp"));
            return r;
        }
        return null;
    }

    /** No body, or a body of type application/sdp with no content coding. */
    private static boolean sdpBody(Request request) {
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            return true;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type == null
                || !"application".equalsIgnoreCase(type.getContentType())
                || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return false;
        }
        ContentEncodingHeader coding = (ContentEncodingHeader) request.getHeader(ContentEncodingHeader.NAME);
        return coding == null || "identity".equalsIgnoreCase(coding.getEncoding());
    }

    /** No Accept header, or one that lists application/sdp, application/* or {@code *}/{@code *}. */
    private static boolean acceptsSdp(Request request) {
        ListIterator<?> accepts = request.getHeaders("Accept");
        if (!accepts.hasNext()) {
            return true;
        }
        while (accepts.hasNext()) {
            for (String range : SipMessages.value((Header) accepts.next()).split(",")) {
                String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (type.equals("application/sdp") || type.equals("application/*") || type.equals("*/*")) {
                    return true;
                }
            }
        }
        return false;
    }
}
