package org.switchboard.sip.internal;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.util.log.LogText;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Server;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.Warning;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;

/**
 * The stack's message parser: every message a channel receives goes through {@link FrontDoor} first. A request
 * that fails is answered statelessly (no transaction is created) from the header lines it has, with a Warning that
 * says what is wrong, and sent back where it came from: the datagram's source over UDP, the connection over a stream.
 * Over a stream the connection is closed afterwards when the rejected request announced a body, since where that
 * body ends can no longer be trusted. Responses and ACKs that fail are dropped. Messages the stack parses for itself
 * (no channel) go to the RI's parser unchanged.
 */
final class GuardedParser implements MessageParserFactory, MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedParser.class);
    private static final StringMsgParser PLAIN = new StringMsgParser();
    /** The RI keeps a datagram's source only in this private field until after parsing (checked by the tests). */
    private static final Field UDP_PACKET = field(UDPMessageChannel.class, "incomingPacket");
    /** A connection's socket (protected in the RI). */
    private static final Field STREAM_SOCKET = field(ConnectionOrientedMessageChannel.class, "mySock");
    /** The RI learns an accepted connection's transport only from its first good request (protected field). */
    private static final Field STREAM_PROTOCOL = field(ConnectionOrientedMessageChannel.class, "peerProtocol");
    /**
     * Where the RI reconnects when a connection is gone and its first try (the source port) fails: it takes the top
     * Via's host, a name it would resolve, unless this is set first. The source address goes there instead.
     */
    private static final Field STREAM_RECONNECT_HOST =
            field(ConnectionOrientedMessageChannel.class, "peerAddressAdvertisedInHeaders");

    private static final long LOG_INTERVAL_NS = 10_000_000_000L;

    private static final long CLOSE_GRACE_MS = 1000;

    private final FrontDoor door;
    private final ScheduledExecutorService timers;
    private final Set<MessageChannel> closing = ConcurrentHashMap.newKeySet();
    private final ThrottledLog reports = new ThrottledLog(LOG, LOG_INTERVAL_NS);

    GuardedParser(FrontDoor door, ScheduledExecutorService timers) {
        this.door = door;
        this.timers = timers;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return this;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] raw, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        if (!(listener instanceof MessageChannel channel)) {
            return PLAIN.parseSIPMessage(raw, readBody, strict, listener);
        }
        if (closing.contains(channel)) {
            return null;
        }
        knowTransport(channel);
        FrontDoor.Verdict v = door.inspect(raw, readBody);
        if (v.accepted()) {
            alignVia(v.message(), channel);
            return v.message();
        }
        RawMessage message = RawMessage.of(new String(raw, StandardCharsets.ISO_8859_1));
        String method = message.method();
        String what = method == null ? "response" : FrontDoor.printable(method);
        if (v.answer() && !"ACK".equals(method)) {
            try {
                send(channel, reply(message, v.status(), v.reason(), channel.getHost()));
                reports.infoFrom(
                        sourceAddress(channel),
                        "Rejected {} from {} over {}: {} {}",
                        what,
                        source(channel),
                        channel.getTransport(),
                        v.status(),
                        LogText.escape(v.reason()));
            } catch (Exception e) {
                LOG.debug("Reply failed", e);
                reports.infoFrom(
                        sourceAddress(channel),
                        "Could not answer a malformed {} from {} with {}: {}",
                        what,
                        source(channel),
                        v.status(),
                        LogText.escape(e.toString()));
            }
            if (channel instanceof ConnectionOrientedMessageChannel stream && message.contentLength() != 0) {
                closeSoon(stream);
            }
        } else {
            LOG.debug("Dropped a malformed {} from {}: {}", what, source(channel), v.reason());
        }
        return null;
    }

    /**
     * Until a connection has carried one good request the RI does not know its transport and cannot write to it:
     * a keep-alive answer (RFC 5626 CRLF) after a rejected first request would fail. It is set from the start.
     */
    private static void knowTransport(MessageChannel channel) {
        if (channel instanceof ConnectionOrientedMessageChannel && STREAM_PROTOCOL != null) {
            try {
                if (STREAM_PROTOCOL.get(channel) == null) {
                    STREAM_PROTOCOL.set(channel, channel.getTransport());
                }
            } catch (IllegalAccessException e) {
                LOG.debug("Connection transport not set: {}", e.toString());
            }
        }
    }

    /**
     * Where a rejected request's body ends is not known, so nothing more read from its connection can be trusted:
     * it is ignored, and the connection closed once answers already under way (to earlier requests) have gone out.
     */
    private void closeSoon(ConnectionOrientedMessageChannel stream) {
        closing.add(stream);
        try {
            timers.schedule(
                    () -> {
                        try {
                            stream.close();
                        } finally {
                            closing.remove(stream);
                        }
                    },
                    CLOSE_GRACE_MS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            closing.remove(stream);
            stream.close();
        }
    }

    /**
     * A request whose top Via names another transport than the one it came over (a UDP Via on a TCP connection) is
     * answered over the transport it came on, as RFC 3261 §18.2.2 intends for the same connection: the RI would
     * otherwise try to reach the Via's host over the Via's transport and the answer would be lost.
     */
    /**
     * Makes the top Via of a request say where it really came from (RFC 3261 18.2.1, RFC 3581): {@code received} is
     * the source address when the sent-by differs from it, {@code rport} gets the source port when the client asked
     * for it, and the transport is the channel's. Responses then go back to that address (over a new connection when
     * the request's connection is gone, 18.2.2), never to a host name from the message, which is never resolved.
     */
    private static void alignVia(SIPMessage message, MessageChannel channel) {
        Via via = message.getTopmostVia();
        if (!(message instanceof SIPRequest) || via == null) {
            return;
        }
        try {
            String transport = channel.getTransport();
            if (transport != null && !transport.equalsIgnoreCase(via.getTransport())) {
                via.setTransport(transport.toUpperCase(java.util.Locale.ROOT));
            }
            InetSocketAddress from = peer(channel);
            if (from != null) {
                String ip = from.getAddress().getHostAddress();
                if (!ip.equals(via.getHost())) {
                    via.setReceived(ip);
                }
                if (via.hasParameter(Via.RPORT)) {
                    via.setParameter(Via.RPORT, Integer.toString(from.getPort()));
                }
                if (channel instanceof ConnectionOrientedMessageChannel
                        && STREAM_RECONNECT_HOST != null
                        && STREAM_RECONNECT_HOST.get(channel) == null) {
                    STREAM_RECONNECT_HOST.set(channel, ip);
                }
            }
        } catch (ParseException | IllegalAccessException e) {
            LOG.debug("Via not aligned: {}", e.toString());
        }
    }

    /** A stateless reply built from the request's own Via, From, To, Call-ID and CSeq, each kept only if it parses. */
    static SIPResponse reply(RawMessage request, int status, String reason, String host) throws Exception {
        SIPResponse r = new StatelessReply();
        r.setStatusCode(status);
        r.setReasonPhrase(SIPResponse.getReasonPhrase(status));
        for (String via : request.fields("Via", "v")) {
            copy(r, via);
        }
        copyFirst(r, request.fields("From", "f"));
        copyFirst(r, request.fields("To", "t"));
        copyFirst(r, request.fields("Call-ID", "i"));
        copyFirst(r, request.fields("CSeq", null));
        if (r.getTo() != null && r.getTo().getTag() == null) {
            ((To) r.getTo()).setTag(Responder.newTag());
        }
        Server server = new Server();
        server.addProductToken(Responder.PRODUCT);
        r.setHeader(server);
        Warning warning = new Warning();
        warning.setCode(399);
        warning.setAgent(host);
        warning.setText(FrontDoor.printable(reason, 200));
        r.setHeader(warning);
        r.setHeader(new ContentLength(0));
        return r;
    }

    private static void copyFirst(SIPResponse r, List<String> fields) {
        if (!fields.isEmpty()) {
            copy(r, fields.get(0));
        }
    }

    /** Copies a header field parsed, or as the request wrote it when it does not parse (the peer gets its own back). */
    private static void copy(SIPResponse r, String field) {
        try {
            SIPHeader h = (SIPHeader) StringMsgParser.parseSIPHeader(field + "\r\n");
            r.addHeader(h);
        } catch (ParseException | RuntimeException e) {
            r.addUnparsed(field);
        }
    }

    /** A reply that may lack the headers the RI derives a transaction id from; it belongs to no transaction. */
    private static final class StatelessReply extends SIPResponse {
        private static final long serialVersionUID = 1L;

        /** Without a Via that parses, the RI's encoder (which sets the Via's transport) cannot be used. */
        @Override
        public byte[] encodeAsBytes(String transport) {
            return getTopmostVia() == null ? encode().getBytes(StandardCharsets.UTF_8) : super.encodeAsBytes(transport);
        }

        @Override
        public String getTransactionId() {
            try {
                return super.getTransactionId();
            } catch (RuntimeException e) {
                return "stateless";
            }
        }
    }

    /** Sends a response outside any transaction: to a datagram's source, or down the request's connection. */
    static void send(MessageChannel channel, SIPResponse response) throws Exception {
        if (channel instanceof UDPMessageChannel) {
            DatagramPacket packet = UDP_PACKET == null ? null : (DatagramPacket) UDP_PACKET.get(channel);
            if (packet == null) {
                throw new IllegalStateException("the datagram's source is not known");
            }
            channel.sendMessage(response, packet.getAddress(), packet.getPort());
            return;
        }
        // The RI's own send path needs state a connection only has after its first good message (peer transport,
        // the socket in its cache): write to the connection itself, under the channel's lock as the RI does.
        Socket socket = STREAM_SOCKET == null ? null : (Socket) STREAM_SOCKET.get(channel);
        if (socket == null) {
            throw new IllegalStateException("the connection's socket is not known");
        }
        byte[] bytes = response.encodeAsBytes(channel.getTransport());
        synchronized (channel) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /** Who sent the message being parsed: for UDP the packet's source, else the connection's peer. */
    private static InetSocketAddress peer(MessageChannel channel) {
        try {
            if (channel instanceof UDPMessageChannel && UDP_PACKET != null) {
                DatagramPacket p = (DatagramPacket) UDP_PACKET.get(channel);
                return p == null || p.getAddress() == null ? null : new InetSocketAddress(p.getAddress(), p.getPort());
            }
            String address = channel.getPeerAddress(); // the connection's socket address: an IP literal, no look-up
            return address == null
                    ? null
                    : new InetSocketAddress(InetAddress.getByName(address), channel.getPeerPort());
        } catch (Exception e) {
            return null;
        }
    }

    /** The sender's address, the key of its throttled log lines. */
    private static String sourceAddress(MessageChannel channel) {
        InetSocketAddress p = peer(channel);
        return p == null ? "?" : p.getAddress().getHostAddress();
    }

    private static String source(MessageChannel channel) {
        InetSocketAddress p = peer(channel);
        return p == null ? "?" : p.getAddress().getHostAddress() + ":" + p.getPort();
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(GuardedParser.class)
                    .error(
                            "JAIN-SIP's {} has no field {}: malformed requests " + "will not be answered ({})",
                            type.getSimpleName(),
                            name,
                            e.toString());
            return null;
        }
    }
}
