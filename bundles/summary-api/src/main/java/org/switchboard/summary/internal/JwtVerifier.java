package org.switchboard.summary.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Pattern;

import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Checks a bearer JWT for one bot and one scope. The algorithm is pinned to HS256 (the token's {@code alg} is only
 * compared, never obeyed); the signature is checked by the store under the secret of the app named by {@code appId}
 * before any claim is believed; {@code exp}, {@code nbf} and {@code iat} are enforced when present, with a clock
 * skew; the app must belong to the bot of the path and hold the scope; an app that enforces {@code jti} accepts each
 * token once. Every token failure is the same 401 to the client; the reason goes to the log only.
 */
final class JwtVerifier {

    /** base64url, with or without its {@code =} padding (some JWT libraries keep it; RFC 7515 drops it). */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+={0,2}");

    private final Clock clock;
    private final long skewSeconds;
    private final int maxTokenBytes;
    private final long jtiTtlSeconds;

    JwtVerifier(Clock clock, long skewSeconds, int maxTokenBytes, long jtiTtlSeconds) {
        this.clock = clock;
        this.skewSeconds = skewSeconds;
        this.maxTokenBytes = maxTokenBytes;
        this.jtiTtlSeconds = jtiTtlSeconds;
    }

    /** The app a valid token speaks for, checked against the apps of {@code bots}. */
    BotApp verify(BotRepository bots, String token, String botId, String scope) throws ApiException {
        if (token == null || token.isBlank()) {
            throw new ApiException(401, "Missing token: send it in the 'auth' header", "no token");
        }
        token = token.trim();
        if (token.length() > maxTokenBytes) {
            throw ApiException.unauthorized("token of " + token.length() + " bytes, over " + maxTokenBytes);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw ApiException.unauthorized(parts.length + " segments");
        }
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) {
                throw ApiException.unauthorized("a segment is empty or not base64url");
            }
        }
        JsonObject header = json(parts[0], "header");
        JsonObject claims = json(parts[1], "payload");
        if (!new JsonPrimitive("HS256").equals(header.get("alg"))) {
            throw ApiException.unauthorized("alg " + header.get("alg") + " is not HS256");
        }
        if (header.has("crit")) {
            throw ApiException.unauthorized("crit header");
        }
        String appId = string(claims, "appId");
        if (appId == null || !appId.matches(BotApp.ID_PATTERN)) {
            throw ApiException.unauthorized("appId missing or not a client id");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("signature is not base64url");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!bots.verifySignature(appId, signingInput, signature)) {
            throw ApiException.unauthorized("bad signature or unknown app " + appId);
        }
        BotApp app = bots.app(appId).orElseThrow(() -> ApiException.unauthorized("app " + appId + " deleted"));
        long now = clock.millis() / 1000;
        Long exp = time(claims, "exp");
        Long nbf = time(claims, "nbf");
        Long iat = time(claims, "iat");
        if (exp != null && now > exp + skewSeconds) {
            throw ApiException.unauthorized("expired at " + exp);
        }
        if (nbf != null && now + skewSeconds < nbf) {
            throw ApiException.unauthorized("not before " + nbf);
        }
        if (iat != null && now + skewSeconds < iat) {
            throw ApiException.unauthorized("issued in the future at " + iat);
        }
        if (!app.botId().equals(botId)) {
            throw new ApiException(403, "This app is not authorized for bot " + botId, "app of bot " + app.botId());
        }
        if (!app.scopes().contains(scope)) {
            throw new ApiException(403, "This app does not have the '" + scope + "' scope", "scopes " + app.scopes());
        }
        if (app.enforceJti()) {
            once(bots, app, claims, exp, now);
        }
        return app;
    }

    private void once(BotRepository bots, BotApp app, JsonObject claims, Long exp, long now) throws ApiException {
        String jti = string(claims, "jti");
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw ApiException.unauthorized("app enforces jti; none given");
        }
        long until = Math.max(exp == null ? now + jtiTtlSeconds : exp + skewSeconds, now + 1);
        if (!bots.spendTokenId(app.clientId(), jti, java.time.Instant.ofEpochSecond(until))) {
            throw ApiException.unauthorized("jti replayed");
        }
    }

    private static JsonObject json(String segment, String what) throws ApiException {
        try {
            JsonElement e =
                    JsonParser.parseString(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw ApiException.unauthorized(what + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (RuntimeException e) {
            throw ApiException.unauthorized(what + " is not base64url JSON");
        }
    }

    private static String string(JsonObject o, String name) throws ApiException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ApiException.unauthorized(name + " is not a string");
        }
        return e.getAsString();
    }

    private static Long time(JsonObject o, String name) throws ApiException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw ApiException.unauthorized(name + " is not a number");
        }
        return (long) Math.floor(e.getAsDouble());
    }
}
