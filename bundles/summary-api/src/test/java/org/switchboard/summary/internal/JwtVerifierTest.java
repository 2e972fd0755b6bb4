package org.switchboard.summary.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;
import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;
import org.switchboard.testing.Jwt;

/** The JWT attack table against the verifier (the container's HTTP tests use the real store). */
public class JwtVerifierTest {

    static final String BOT = "st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0";
    static final String OTHER_BOT = "st-00000000-0000-4000-8000-000000000001";
    static final String APP = "cs-11111111-1111-4111-8111-111111111111";
    static final String OTHER_APP = "cs-22222222-2222-4222-8222-222222222222";
    static final String NO_SCOPE_APP = "cs-33333333-3333-4333-8333-333333333333";
    static final String JTI_APP = "cs-44444444-4444-4444-8444-444444444444";
    static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-x";
    static final long NOW = 1_700_000_000L;

    /** Apps with known secrets; a fake for this unit test only. */
    static final class Apps implements BotRepository {
        final Map<String, BotApp> apps = new HashMap<>();
        final Map<String, String> secrets = new HashMap<>();
        final Map<String, Instant> spent = new HashMap<>();

        void add(String clientId, String botId, Set<String> scopes, boolean jti) {
            apps.put(clientId, new BotApp(clientId, botId, "app", scopes, jti, Instant.EPOCH));
            secrets.put(clientId, SECRET + clientId.charAt(3));
        }

        @Override
        public boolean verifySignature(String clientId, byte[] input, byte[] signature) {
            String s = secrets.get(clientId);
            return s != null && MessageDigest.isEqual(hmac(s, input), signature);
        }

        @Override
        public boolean spendTokenId(String clientId, String jti, Instant until) {
            return spent.putIfAbsent(clientId + " " + jti, until) == null;
        }

        @Override
        public Optional<BotApp> app(String clientId) {
            return Optional.ofNullable(apps.get(clientId));
        }

        @Override
        public Bot createBot(String n, boolean e, String s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Bot saveBot(Bot bot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Bot> bot(String botId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Bot> bots() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteBot(String botId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AppCredentials createApp(String b, String n, Set<String> s, boolean j) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BotApp importApp(String b, String n, Set<String> s, boolean j, AppCredentials c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<BotApp> updateApp(String clientId, String name, Set<String> scopes, boolean enforceJti) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AppCredentials> rotateSecret(String clientId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<BotApp> apps(String botId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteApp(String clientId) {
            throw new UnsupportedOperationException();
        }
    }

    static byte[] hmac(String secret, byte[] input) {
        return Jwt.hmac(secret, input);
    }

    static String b64(String s) {
        return Jwt.b64(s);
    }

    static String token(String header, String payload, String secret) {
        return Jwt.sign(header, payload, secret);
    }

    static String hs256(String payload, String clientId) {
        return token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, SECRET + clientId.charAt(3));
    }

    private final Apps apps = new Apps();
    private final JwtVerifier verifier;

    public JwtVerifierTest() {
        apps.add(APP, BOT, Set.of(BotApp.CHAT_HISTORY), false);
        apps.add(OTHER_APP, OTHER_BOT, Set.of(BotApp.CHAT_HISTORY), false);
        apps.add(NO_SCOPE_APP, BOT, Set.of(), false);
        apps.add(JTI_APP, BOT, Set.of(BotApp.CHAT_HISTORY), true);
        verifier = new JwtVerifier(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), 30, 4096, 600);
    }

    private int status(String token) {
        ApiException e = assertThrows(ApiException.class, () -> verifier.verify(apps, token, BOT, BotApp.CHAT_HISTORY));
        if (e.status() == 401 && token != null && !token.isBlank()) {
            assertEquals("a 401 says nothing of why", "Invalid SDK credentials", e.getMessage());
        }
        assertFalse(e.getMessage().contains(SECRET));
        return e.status();
    }

    @Test
    public void aGoodTokenNamesItsApp() throws Exception {
        String t = hs256(
                "{\"sub\":\"zoom\",\"appId\":\"" + APP + "\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 60) + "}", APP);
        assertEquals(APP, verifier.verify(apps, t, BOT, BotApp.CHAT_HISTORY).clientId());
        assertEquals(
                "the exact shape of the product document",
                APP,
                verifier.verify(
                                apps,
                                hs256("{\"sub\":\"1234\",\"appId\":\"" + APP + "\"}", APP),
                                BOT,
                                BotApp.CHAT_HISTORY)
                        .clientId());
    }

    @Test
    public void aTokenEncodedWithBase64PaddingIsAccepted() throws Exception {
        Base64.Encoder padded = Base64.getUrlEncoder();
        String input = padded.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + padded.encodeToString(("{\"appId\":\"" + APP + "\",\"x\":1}").getBytes(StandardCharsets.UTF_8));
        String t = input + "."
                + padded.encodeToString(hmac(SECRET + APP.charAt(3), input.getBytes(StandardCharsets.US_ASCII)));
        org.junit.Assert.assertTrue("the test token has padding: " + t, t.contains("="));
        assertEquals(APP, verifier.verify(apps, t, BOT, BotApp.CHAT_HISTORY).clientId());
    }

    @Test
    public void theAttackTable() {
        String claims = "{\"appId\":\"" + APP + "\"}";
        String good = hs256(claims, APP);
        String[] p = good.split("\\.");
        Map<String, String> table = new java.util.LinkedHashMap<>();
        table.put("missing", null);
        table.put("alg none", b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".");
        table.put("alg None, signature kept", b64("{\"alg\":\"None\"}") + "." + b64(claims) + "." + p[2]);
        table.put("alg NONE", b64("{\"alg\":\"NONE\"}") + "." + b64(claims) + ".x");
        table.put("alg hs256 lower case", token("{\"alg\":\"hs256\"}", claims, SECRET + "1"));
        table.put("alg HS512", token("{\"alg\":\"HS512\"}", claims, SECRET + "1"));
        table.put("alg RS256 (key confusion)", token("{\"alg\":\"RS256\"}", claims, SECRET + "1"));
        table.put("signature stripped", p[0] + "." + p[1] + ".");
        table.put(
                "signature altered", p[0] + "." + p[1] + "." + (p[2].charAt(0) == 'A' ? 'B' : 'A') + p[2].substring(1));
        table.put("payload altered", p[0] + "." + b64("{\"appId\":\"" + APP + "\",\"admin\":true}") + "." + p[2]);
        table.put("wrong secret", token("{\"alg\":\"HS256\"}", claims, "not-the-secret"));
        table.put("unknown app", hs256("{\"appId\":\"cs-99999999-9999-4999-8999-999999999999\"}", "cs-9"));
        table.put("no appId", hs256("{\"sub\":\"x\"}", APP));
        table.put("appId not a string", hs256("{\"appId\":42}", APP));
        table.put("expired", hs256("{\"appId\":\"" + APP + "\",\"exp\":" + (NOW - 31) + "}", APP));
        table.put("nbf in the future", hs256("{\"appId\":\"" + APP + "\",\"nbf\":" + (NOW + 31) + "}", APP));
        table.put("iat in the future", hs256("{\"appId\":\"" + APP + "\",\"iat\":" + (NOW + 3600) + "}", APP));
        table.put("exp not a number", hs256("{\"appId\":\"" + APP + "\",\"exp\":\"tomorrow\"}", APP));
        table.put("1 segment", b64("{\"alg\":\"HS256\"}"));
        table.put("2 segments", p[0] + "." + p[1]);
        table.put("4 segments", good + ".x");
        table.put("bad base64", p[0] + ".!!!." + p[2]);
        table.put("padding", p[0] + "=." + p[1] + "." + p[2]);
        table.put("non-JSON payload", b64("{\"alg\":\"HS256\"}") + "." + b64("not json") + "." + p[2]);
        table.put("JSON array payload", token("{\"alg\":\"HS256\"}", "[1,2]", SECRET + "1"));
        table.put("oversized", hs256("{\"appId\":\"" + APP + "\",\"pad\":\"" + "x".repeat(5000) + "\"}", APP));
        table.put("crit header", token("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", claims, SECRET + "1"));
        table.put("other bot's app", hs256("{\"appId\":\"" + OTHER_APP + "\"}", OTHER_APP));
        table.put("missing scope", hs256("{\"appId\":\"" + NO_SCOPE_APP + "\"}", NO_SCOPE_APP));
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        table.keySet().forEach(k -> expected.put(k, 401));
        expected.put("other bot's app", 403);
        expected.put("missing scope", 403);
        Map<String, Integer> got = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : table.entrySet()) {
            got.put(e.getKey(), status(e.getValue()));
        }
        assertEquals(expected, got);
    }

    @Test
    public void withinTheSkewIsAccepted() throws Exception {
        verifier.verify(
                apps,
                hs256("{\"appId\":\"" + APP + "\",\"exp\":" + (NOW - 29) + ",\"nbf\":" + (NOW + 29) + "}", APP),
                BOT,
                BotApp.CHAT_HISTORY);
    }

    @Test
    public void anEnforcedJtiIsAcceptedOnce() throws Exception {
        String t = hs256("{\"appId\":\"" + JTI_APP + "\",\"jti\":\"abc\",\"exp\":" + (NOW + 60) + "}", JTI_APP);
        verifier.verify(apps, t, BOT, BotApp.CHAT_HISTORY);
        assertEquals("replayed", 401, status(t));
        assertEquals("no jti", 401, status(hs256("{\"appId\":\"" + JTI_APP + "\"}", JTI_APP)));
        verifier.verify(
                apps, hs256("{\"appId\":\"" + JTI_APP + "\",\"jti\":\"abd\"}", JTI_APP), BOT, BotApp.CHAT_HISTORY);
    }
}
