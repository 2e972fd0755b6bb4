package org.switchboard.sip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.switchboard.api.store.TrunkAuth;

/** Digest verdicts on parsed INVITEs, the digests checked against the RFCs' own examples. */
public class DigestAuthenticatorTest {

    private static final String URI = "sip:+15550100@127.0.0.1:5060";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final AtomicLong clock = new AtomicLong(1_800_000_000L);
    private DigestAuthenticator digest;
    private MessageFactory messages;
    private AddressFactory addresses;
    private Path passwordFile;
    private TrunkAuth auth;

    @Before
    public void setUp() throws Exception {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        messages = f.createMessageFactory();
        addresses = f.createAddressFactory();
        digest = new DigestAuthenticator(300, clock::get);
        passwordFile = tmp.newFile("zcc.password").toPath();
        Files.writeString(passwordFile, "s3cret pass\n");
        auth = new TrunkAuth("zcc", "switchboard", passwordFile.toString(), List.of("SHA-256", "MD5"));
    }

    /** RFC 2617 section 3.5, and RFC 7616 section 3.9.1 with MD5 and with SHA-256. */
    @Test
    public void theDigestsAreTheRfcExamples() {
        assertEquals(
                "6629fae49393a05397450978507c4ef1",
                response(
                        "MD5",
                        "Mufasa",
                        "testrealm@host.com",
                        "Circle Of Life",
                        "GET",
                        "/dir/index.html",
                        "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                        "00000001",
                        "0a4f113b"));
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertEquals(
                "8ca523f5e9506fed4657c9700eebdbec",
                response(
                        "MD5",
                        "Mufasa",
                        "http-auth@example.org",
                        "Circle of Life",
                        "GET",
                        "/dir/index.html",
                        nonce,
                        "00000001",
                        cnonce));
        assertEquals(
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                response(
                        "SHA-256",
                        "Mufasa",
                        "http-auth@example.org",
                        "Circle of Life",
                        "GET",
                        "/dir/index.html",
                        nonce,
                        "00000001",
                        cnonce));
    }

    @Test
    public void anInviteWithoutCredentialsIsChallengedWithEachAlgorithmSha256First() throws Exception {
        DigestAuthenticator.Verdict v = digest.verify(invite(null), auth, addresses);
        assertEquals(DigestAuthenticator.Kind.CHALLENGE, v.kind());
        assertEquals("no_credentials", v.label());
        List<String> c = digest.challenges(auth, false);
        assertEquals(2, c.size());
        assertTrue(
                c.get(0),
                c.get(0)
                        .matches("Digest realm=\"switchboard\", nonce=\"[A-Za-z0-9_-]{48}\", "
                                + "algorithm=SHA-256, qop=\"auth\""));
        assertTrue(c.get(1), c.get(1).contains("algorithm=MD5"));
        assertFalse("each challenge has its own nonce", nonce(c.get(0)).equals(nonce(c.get(1))));
    }

    @Test
    public void theRightAnswerIsAcceptedOncePerNonceCount() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        assertEquals(DigestAuthenticator.Kind.ACCEPTED, verify("SHA-256", "zcc", "s3cret pass", nonce, "00000001"));
        assertEquals(
                "replay",
                digest.verify(
                                invite(authorization("SHA-256", "zcc", "s3cret pass", nonce, "00000001")),
                                auth,
                                addresses)
                        .label());
        assertEquals(DigestAuthenticator.Kind.ACCEPTED, verify("SHA-256", "zcc", "s3cret pass", nonce, "00000002"));
        assertEquals(
                "a count below the highest seen",
                "replay",
                digest.verify(
                                invite(authorization("SHA-256", "zcc", "s3cret pass", nonce, "00000001")),
                                auth,
                                addresses)
                        .label());
        String md5 = nonce(digest.challenges(auth, false).get(1));
        assertEquals(DigestAuthenticator.Kind.ACCEPTED, verify("MD5", "zcc", "s3cret pass", md5, "00000001"));
    }

    @Test
    public void aWrongPasswordUserNameOrAlgorithmIsChallengedAgain() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        assertEquals("wrong_response", label("SHA-256", "zcc", "s3cret pass ", nonce));
        assertEquals("username", label("SHA-256", "zoom", "s3cret pass", nonce));
        TrunkAuth sha256Only = new TrunkAuth("zcc", null, passwordFile.toString(), List.of("sha-256"));
        assertEquals(List.of("SHA-256"), sha256Only.algorithms());
        assertEquals(
                "algorithm",
                digest.verify(
                                invite(authorization("MD5", "zcc", "s3cret pass", nonce, "00000001")),
                                sha256Only,
                                addresses)
                        .label());
        assertEquals(
                "the failures used up nothing",
                DigestAuthenticator.Kind.ACCEPTED,
                verify("SHA-256", "zcc", "s3cret pass", nonce, "00000001"));
    }

    @Test
    public void aNonceFromElsewhereOrAnotherRealmIsNotTaken() throws Exception {
        String foreign = nonce(
                new DigestAuthenticator(300, clock::get).challenges(auth, false).get(0));
        assertEquals("nonce", label("SHA-256", "zcc", "s3cret pass", foreign));
        assertEquals("nonce", label("SHA-256", "zcc", "s3cret pass", "not-a-nonce"));
        TrunkAuth other = new TrunkAuth("zcc", "other", passwordFile.toString(), List.of("SHA-256"));
        assertEquals("MD5 by default", List.of("MD5"), new TrunkAuth("zcc", null, "/f", null).algorithms());
        String otherRealms = nonce(digest.challenges(other, false).get(0));
        String forged = authorization("SHA-256", "zcc", "s3cret pass", otherRealms, "00000001");
        assertEquals("nonce", digest.verify(invite(forged), auth, addresses).label());
    }

    @Test
    public void anExpiredNonceWithTheRightAnswerIsStaleAndWithAWrongOneIsNot() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        clock.addAndGet(301);
        DigestAuthenticator.Verdict right = digest.verify(
                invite(authorization("SHA-256", "zcc", "s3cret pass", nonce, "00000001")), auth, addresses);
        assertEquals(DigestAuthenticator.Kind.CHALLENGE, right.kind());
        assertTrue(right.stale());
        assertTrue(digest.challenges(auth, true).get(0).endsWith(", stale=true"));
        DigestAuthenticator.Verdict wrong =
                digest.verify(invite(authorization("SHA-256", "zcc", "nope", nonce, "00000001")), auth, addresses);
        assertFalse(wrong.stale());
        assertEquals("wrong_response", wrong.label());
    }

    @Test
    public void withoutQopANonceIsGoodOnce() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(1));
        String ha1 = DigestAuthenticator.hash("MD5", "zcc:switchboard:s3cret pass");
        String ha2 = DigestAuthenticator.hash("MD5", "INVITE:" + URI);
        String header = "Digest username=\"zcc\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + DigestAuthenticator.hash("MD5", ha1 + ":" + nonce + ":" + ha2) + "\"";
        assertEquals(
                DigestAuthenticator.Kind.ACCEPTED,
                digest.verify(invite(header), auth, addresses).kind());
        assertEquals("replay", digest.verify(invite(header), auth, addresses).label());
    }

    @Test
    public void aDigestForTheGatewaysAddressWithoutAUserIsForThisRequest() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        String ha1 = DigestAuthenticator.hash("SHA-256", "zcc:switchboard:s3cret pass");
        String hostOnly = "sip:127.0.0.1:5060";
        String ha2 = DigestAuthenticator.hash("SHA-256", "INVITE:" + hostOnly);
        String header = "Digest username=\"zcc\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + hostOnly
                + "\", response=\"" + DigestAuthenticator.hash("SHA-256", ha1 + ":" + nonce + ":00000001:c:auth:" + ha2)
                + "\", algorithm=SHA-256, cnonce=\"c\", qop=auth, nc=00000001";
        assertEquals(
                DigestAuthenticator.Kind.ACCEPTED,
                digest.verify(invite(header), auth, addresses).kind());
    }

    @Test
    public void malformedCredentialsAreABadRequest() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        String good = authorization("SHA-256", "zcc", "s3cret pass", nonce, "00000001");
        DigestAuthenticator.Verdict otherUri =
                digest.verify(invite(good.replace(URI, "sip:+15550199@127.0.0.1:5060")), auth, addresses);
        assertEquals(DigestAuthenticator.Kind.BAD_REQUEST, otherUri.kind());
        assertTrue(otherUri.reason(), otherUri.reason().contains("is not the Request-URI"));
        assertEquals(
                DigestAuthenticator.Kind.BAD_REQUEST,
                digest.verify(invite(good.replace(URI, "sip:127.0.0.1:5070")), auth, addresses)
                        .kind());
        assertEquals(
                DigestAuthenticator.Kind.BAD_REQUEST,
                digest.verify(invite(good.replaceAll(", response=\"[^\"]*\"", "")), auth, addresses)
                        .kind());
        assertEquals(
                DigestAuthenticator.Kind.BAD_REQUEST,
                digest.verify(invite(good.replace("nc=00000001", "nc=1")), auth, addresses)
                        .kind());
        assertEquals(
                "credentials for another realm are none",
                "no_credentials",
                digest.verify(invite(good.replace("realm=\"switchboard\"", "realm=\"elsewhere\"")), auth, addresses)
                        .label());
    }

    @Test
    public void thePasswordIsReadFromItsFileAtEachCheck() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        Files.writeString(passwordFile, "rotated\r\n");
        assertEquals("wrong_response", label("SHA-256", "zcc", "s3cret pass", nonce));
        assertEquals(DigestAuthenticator.Kind.ACCEPTED, verify("SHA-256", "zcc", "rotated", nonce, "00000001"));
        Files.delete(passwordFile);
        DigestAuthenticator.Verdict gone =
                digest.verify(invite(authorization("SHA-256", "zcc", "rotated", nonce, "00000002")), auth, addresses);
        assertEquals(DigestAuthenticator.Kind.UNAVAILABLE, gone.kind());
        assertTrue(gone.reason(), gone.reason().contains(passwordFile + " is not a file"));
    }

    @Test
    public void theRecordedLadderLeavesTheDigestResponseOut() throws Exception {
        String nonce = nonce(digest.challenges(auth, false).get(0));
        String header = authorization("SHA-256", "zcc", "s3cret pass", nonce, "00000001");
        String response = header.replaceAll(".*response=\"([^\"]*)\".*", "$1");
        String recorded = String.join("\n", SipMessages.headers(invite(header)).get("Authorization"));
        assertFalse(recorded, recorded.contains(response));
        assertTrue(recorded, recorded.contains("response=\"(redacted)\""));
        assertTrue(recorded, recorded.contains("username=\"zcc\""));
    }

    private DigestAuthenticator.Kind verify(String algorithm, String user, String password, String nonce, String nc)
            throws Exception {
        return digest.verify(invite(authorization(algorithm, user, password, nonce, nc)), auth, addresses)
                .kind();
    }

    private String label(String algorithm, String user, String password, String nonce) throws Exception {
        return digest.verify(invite(authorization(algorithm, user, password, nonce, "00000001")), auth, addresses)
                .label();
    }

    /** What a UAC would send, computed here from RFC 7616's definitions. */
    private static String authorization(String algorithm, String user, String password, String nonce, String nc) {
        String cnonce = "0a4f113b";
        return "Digest username=\"" + user + "\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\""
                + response(algorithm, user, "switchboard", password, "INVITE", URI, nonce, nc, cnonce)
                + "\", algorithm=" + algorithm + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + nc;
    }

    private static String response(
            String algorithm,
            String user,
            String realm,
            String password,
            String method,
            String uri,
            String nonce,
            String nc,
            String cnonce) {
        String ha1 = h(algorithm, user + ":" + realm + ":" + password);
        String ha2 = h(algorithm, method + ":" + uri);
        return h(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    private static String h(String algorithm, String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance(algorithm)
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String nonce(String challenge) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertTrue(challenge, m.find());
        return m.group(1);
    }

    private Request invite(String authorization) throws Exception {
        String text = "INVITE " + URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:zcc@127.0.0.1:5070>;tag=1\r\nTo: <" + URI + ">\r\n"
                + "Call-ID: digest-test\r\nCSeq: 2 INVITE\r\nContact: <sip:zcc@127.0.0.1:5070>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        return messages.createRequest(text);
    }
}
