package org.switchboard.sip.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.message.Request;

import org.switchboard.api.store.TrunkAuth;

/**
 * SIP digest authentication of a trunk's INVITEs (RFC 3261 section 22, RFC 7616 and RFC 8760): the challenge to send,
 * and the verdict on a request's credentials. {@code qop=auth} is offered; an answer without qop (RFC 2069) is taken
 * once per nonce. Nonces expire ({@code auth.nonce.s}) and a nonce count that does not grow is a replay. The password
 * is read from the trunk's file at each check (a few bytes), so rewriting the file rotates it at once; it is never
 * part of a message or a log line.
 */
final class DigestAuthenticator {

    /** The outcome of looking at a request's credentials. */
    enum Kind {
        ACCEPTED,
        CHALLENGE,
        BAD_REQUEST,
        UNAVAILABLE
    }

    /**
     * @param kind what to do with the request
     * @param stale whether the challenge says {@code stale=true} (the credentials were right, the nonce too old)
     * @param reason why, for the log; never contains a secret
     * @param label a short metrics label
     */
    record Verdict(Kind kind, boolean stale, String reason, String label) {
        static final Verdict ACCEPTED = new Verdict(Kind.ACCEPTED, false, "accepted", "accepted");

        static final String NO_CREDENTIALS = "no_credentials";

        static Verdict challenge(String label, String reason) {
            return new Verdict(Kind.CHALLENGE, false, reason, label);
        }

        static Verdict malformed(String reason) {
            return new Verdict(Kind.BAD_REQUEST, false, reason, "malformed");
        }

        /** Whether this is the first challenge of a call (no credentials yet), not a failure. */
        boolean firstChallenge() {
            return NO_CREDENTIALS.equals(label);
        }
    }

    private final DigestNonces nonces;

    DigestAuthenticator(long nonceLifetimeS, LongSupplier clockS) {
        this.nonces = new DigestNonces(nonceLifetimeS, clockS);
    }

    DigestAuthenticator(long nonceLifetimeS) {
        this(nonceLifetimeS, () -> System.currentTimeMillis() / 1000);
    }

    /** The WWW-Authenticate values of a challenge, one per algorithm of the trunk, in its order of preference. */
    List<String> challenges(TrunkAuth auth, boolean stale) {
        List<String> values = new ArrayList<>();
        for (String algorithm : auth.algorithms()) {
            values.add("Digest realm=\"" + auth.realm() + "\", nonce=\"" + nonces.issue(auth.realm()) + "\", algorithm="
                    + algorithm + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return values;
    }

    /** The verdict on {@code request}'s credentials for a trunk with {@code auth}. */
    Verdict verify(Request request, TrunkAuth auth, AddressFactory addresses) {
        AuthorizationHeader h = credentials(request, auth.realm());
        if (h == null) {
            return Verdict.challenge(Verdict.NO_CREDENTIALS, "no credentials for realm " + auth.realm());
        }
        for (String p : List.of("username", "nonce", "uri", "response")) {
            if (h.getParameter(p) == null) {
                return Verdict.malformed("the Authorization header has no " + p);
            }
        }
        String algorithm =
                h.getAlgorithm() == null ? TrunkAuth.MD5 : h.getAlgorithm().toUpperCase(Locale.ROOT);
        if (!auth.algorithms().contains(algorithm)) {
            return Verdict.challenge("algorithm", "algorithm " + h.getAlgorithm() + " was not offered");
        }
        String qop = h.getParameter("qop");
        String cnonce = h.getParameter("cnonce");
        String ncText = h.getParameter("nc");
        long nc = 1;
        if (qop != null) {
            if (!qop.equalsIgnoreCase("auth")) {
                return Verdict.challenge("qop", "qop " + qop + " was not offered");
            }
            if (cnonce == null || ncText == null || !ncText.matches("[0-9a-fA-F]{8}")) {
                return Verdict.malformed("qop=auth needs cnonce and an 8-digit hex nc");
            }
            nc = Long.parseLong(ncText, 16);
        }
        String uri = h.getParameter("uri");
        if (!sameUri(uri, request, addresses)) {
            return Verdict.malformed("the digest uri " + uri + " is not the Request-URI");
        }
        DigestNonces.State state = nonces.check(h.getNonce(), auth.realm());
        if (state == DigestNonces.State.FORGED) {
            return Verdict.challenge("nonce", "a nonce this gateway did not issue");
        }
        if (!auth.username().equals(h.getUsername())) {
            return Verdict.challenge("username", "user name '" + h.getUsername() + "' is not the trunk's");
        }
        String password;
        try {
            password = org.switchboard.util.files.PasswordFile.read(auth.passwordFile());
        } catch (IOException e) {
            return new Verdict(
                    Kind.UNAVAILABLE,
                    false,
                    "the trunk's password cannot be read: " + e.getMessage(),
                    "password_unreadable");
        }
        String ha1 = hash(algorithm, auth.username() + ":" + auth.realm() + ":" + password);
        String ha2 = hash(algorithm, request.getMethod() + ":" + uri);
        String expected = qop == null
                ? hash(algorithm, ha1 + ":" + h.getNonce() + ":" + ha2)
                : hash(algorithm, ha1 + ":" + h.getNonce() + ":" + ncText + ":" + cnonce + ":" + qop + ":" + ha2);
        String given = h.getResponse() == null ? "" : h.getResponse().toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.challenge("wrong_response", "the response does not match (wrong password?)");
        }
        if (state == DigestNonces.State.EXPIRED) {
            return new Verdict(Kind.CHALLENGE, true, "the nonce has expired", "stale");
        }
        if (!nonces.use(h.getNonce(), nc)) {
            return Verdict.challenge("replay", "nonce count " + ncText + " was used before with this nonce");
        }
        return Verdict.ACCEPTED;
    }

    /** The first Digest Authorization for {@code realm}; a request may carry some for other realms. */
    private static AuthorizationHeader credentials(Request request, String realm) {
        ListIterator<?> all = request.getHeaders(AuthorizationHeader.NAME);
        while (all.hasNext()) {
            AuthorizationHeader h = (AuthorizationHeader) all.next();
            if ("Digest".equalsIgnoreCase(h.getScheme()) && realm.equals(h.getRealm())) {
                return h;
            }
        }
        return null;
    }

    /**
     * Whether the digest was computed for this request: its uri is the Request-URI, or (as sipp and some gateways
     * send) a SIP URI of the same host and port without a user part.
     */
    private static boolean sameUri(String uri, Request request, AddressFactory addresses) {
        if (uri.equals(request.getRequestURI().toString())) {
            return true;
        }
        try {
            javax.sip.address.URI given = addresses.createURI(uri);
            if (given.equals(request.getRequestURI())) {
                return true;
            }
            return given instanceof SipURI g
                    && request.getRequestURI() instanceof SipURI r
                    && g.getUser() == null
                    && g.getHost().equalsIgnoreCase(r.getHost())
                    && port(g) == port(r);
        } catch (ParseException e) {
            return false;
        }
    }

    private static int port(SipURI uri) {
        return uri.getPort() > 0 ? uri.getPort() : uri.isSecure() ? 5061 : 5060;
    }

    static String hash(String algorithm, String text) {
        try {
            MessageDigest d = MessageDigest.getInstance(TrunkAuth.MD5.equals(algorithm) ? "MD5" : "SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
