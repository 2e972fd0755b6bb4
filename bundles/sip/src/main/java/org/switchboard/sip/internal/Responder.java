package org.switchboard.sip.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.sip.ServerTransaction;
import javax.sip.header.AllowHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds and sends responses with the headers every Switchboard response carries. */
final class Responder {

    static final String PRODUCT = "Switchboard/0.1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final Collection<String> allowed;

    Responder(MessageFactory messages, HeaderFactory headers, Collection<String> allowed) {
        this.messages = messages;
        this.headers = headers;
        this.allowed = List.copyOf(allowed);
    }

    HeaderFactory headers() {
        return headers;
    }

    /** A response to {@code request} with a Server header and, above 100, a To tag. */
    Response create(int status, Request request) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.setHeader(headers.createServerHeader(List.of(PRODUCT)));
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to != null && to.getTag() == null) {
            to.setTag(newTag());
        }
        return response;
    }

    /** Adds one Allow header listing the methods Switchboard implements. */
    void addAllow(Response response) throws ParseException {
        AllowHeader allow = headers.createAllowHeader(String.join(", ", allowed));
        response.setHeader(allow);
    }

    /** Creates and sends a response in {@code tx}. */
    void send(ServerTransaction tx, int status, String reason) throws Exception {
        Response response = create(status, tx.getRequest());
        if (reason != null) {
            response.setReasonPhrase(reason);
        }
        if (status == Response.NOT_IMPLEMENTED || status == Response.METHOD_NOT_ALLOWED) {
            addAllow(response);
        }
        tx.sendResponse(response);
    }

    static String newTag() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
