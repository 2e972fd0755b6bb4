package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;

/** Bots, their JWT apps and the secrets they keep, and spent token ids, on each real database. */
public abstract class BotsContract extends StoreContract {

    @Test
    public void aSpentTokenIdStaysSpentAcrossARestartUntilItExpires() throws Exception {
        String app = "cs-44444444-4444-4444-8444-444444444444";
        Instant later = Instant.now().plusSeconds(3600);
        Bots bots = new Bots(db);
        assertTrue(bots.spendTokenId(app, "abc", later));
        assertFalse("a replay", bots.spendTokenId(app, "abc", later));
        assertTrue(
                "another app's id of the same name",
                bots.spendTokenId("cs-55555555-5555-4555-8555-555555555555", "abc", later));
        db.close();
        db = open(url());
        Bots restarted = new Bots(db);
        assertFalse("still spent after a restart", restarted.spendTokenId(app, "abc", later));
        assertTrue(restarted.spendTokenId(app, "old", Instant.now().minusSeconds(1)));
        assertTrue("an expired id may be spent again", restarted.spendTokenId(app, "old", later));
        assertFalse(restarted.spendTokenId(app, "old", later));
    }

    @Test
    public void botsAndAppsKeepSecretsSealedAndVerifyTokens() throws Exception {
        Bots bots = new Bots(db);
        Bot bot = bots.createBot("Billing bot", true, null);
        assertTrue(bot.botId().matches(Bot.ID_PATTERN));
        assertEquals("builtin", bots.bot(bot.botId()).orElseThrow().summarizer());
        bots.saveBot(new Bot(bot.botId(), "Renamed", false, "llm", bot.createdAt()));
        assertEquals("Renamed", bots.bot(bot.botId()).orElseThrow().name());
        Bot fixed = bots.saveBot(
                new Bot("st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0", "Demo", true, "builtin", Instant.EPOCH));
        assertEquals(
                List.of("Demo", "Renamed"), bots.bots().stream().map(Bot::name).toList());

        AppCredentials creds = bots.createApp(bot.botId(), "ZCC connector", Set.of(BotApp.CHAT_HISTORY), false);
        assertTrue(creds.clientId().matches(BotApp.ID_PATTERN));
        assertEquals("32 random bytes, base64url", 43, creds.clientSecret().length());
        assertFalse(creds.toString().contains(creds.clientSecret()));
        BotApp app = bots.app(creds.clientId()).orElseThrow();
        assertEquals(Set.of(BotApp.CHAT_HISTORY), app.scopes());
        assertEquals(List.of(app), bots.apps(bot.botId()));
        String stored = db.jdbc().query("read", c -> {
            try (Statement s = c.createStatement();
                    var r = s.executeQuery("SELECT secret FROM bot_apps")) {
                r.next();
                return r.getString(1);
            }
        });
        assertFalse("the secret is not stored in clear", stored.contains(creds.clientSecret()));

        byte[] input = "header.payload".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] good = SecretBox.hmac(creds.clientSecret(), input);
        assertTrue(bots.verifySignature(creds.clientId(), input, good));
        assertFalse(bots.verifySignature(creds.clientId(), input, SecretBox.hmac("wrong", input)));
        assertFalse(bots.verifySignature("cs-00000000-0000-0000-0000-000000000000", input, good));
        AppCredentials rotated = bots.rotateSecret(creds.clientId()).orElseThrow();
        assertFalse("the old secret stops working", bots.verifySignature(creds.clientId(), input, good));
        assertTrue(bots.verifySignature(creds.clientId(), input, SecretBox.hmac(rotated.clientSecret(), input)));
        assertTrue(bots.rotateSecret("cs-00000000-0000-0000-0000-000000000000").isEmpty());

        assertThrows(IllegalArgumentException.class, () -> bots.createApp(bot.botId(), "x", Set.of("admin"), false));
        assertThrows(
                IllegalArgumentException.class,
                () -> bots.createApp("st-00000000-0000-0000-0000-000000000000", "x", Set.of(), false));
        AppCredentials other =
                bots.createApp(fixed.botId(), "other", Set.of(BotApp.CHAT_HISTORY, BotApp.CONVERSATION_SUMMARY), true);
        assertTrue(bots.app(other.clientId()).orElseThrow().enforceJti());
        BotApp changed = bots.updateApp(other.clientId(), "renamed", Set.of(BotApp.CONVERSATION_SUMMARY), false)
                .orElseThrow();
        assertEquals(changed, bots.app(other.clientId()).orElseThrow());
        assertEquals(Set.of(BotApp.CONVERSATION_SUMMARY), changed.scopes());
        assertEquals("renamed", changed.name());
        assertFalse(changed.enforceJti());
        assertTrue(bots.updateApp("cs-00000000-0000-0000-0000-000000000000", "x", Set.of(), false)
                .isEmpty());
        assertThrows(
                IllegalArgumentException.class, () -> bots.updateApp(other.clientId(), "x", Set.of("admin"), false));
        assertTrue(bots.deleteBot(bot.botId()));
        assertTrue("a bot's apps go with it", bots.app(creds.clientId()).isEmpty());
        assertTrue(bots.deleteApp(other.clientId()));
        assertFalse(bots.deleteApp(other.clientId()));
    }

    @Test
    public void anAppFromKoreKeepsItsClientIdAndSecret() throws Exception {
        Bots bots = new Bots(db);
        Bot bot = bots.createBot("Moved from Kore", true, null);
        String id = "cs-0f8e6a1c-52b3-4d7e-9a10-6c2f3b4d5e6f";
        String secret = "Kore+Secret/With=Base64Chars0123456789";
        BotApp app =
                bots.importApp(bot.botId(), "ZCC", Set.of(BotApp.CHAT_HISTORY), false, new AppCredentials(id, secret));
        assertEquals(id, app.clientId());
        assertEquals(app, bots.app(id).orElseThrow());
        byte[] input = "header.payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        assertTrue(
                "a token signed with the imported secret verifies",
                bots.verifySignature(id, input, mac.doFinal(input)));
        assertThrows(
                IllegalStateException.class,
                () -> bots.importApp(bot.botId(), "again", Set.of(), false, new AppCredentials(id, secret)));
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> bots.importApp(bot.botId(), "x", Set.of(), false, new AppCredentials("cs-not-a-uuid", secret)));
        assertTrue(bad.getMessage(), bad.getMessage().contains("is not cs-<uuid>"));
        bad = assertThrows(
                IllegalArgumentException.class,
                () -> bots.importApp(
                        bot.botId(),
                        "x",
                        Set.of(),
                        false,
                        new AppCredentials("cs-1f8e6a1c-52b3-4d7e-9a10-6c2f3b4d5e6f", "short")));
        assertTrue(bad.getMessage(), bad.getMessage().contains("16 to 512 printable"));
        assertFalse("the secret is not in the message", bad.getMessage().contains("short"));
        assertThrows(
                IllegalArgumentException.class,
                () -> bots.importApp(
                        "st-00000000-0000-0000-0000-000000000000",
                        "x",
                        Set.of(),
                        false,
                        new AppCredentials("cs-2f8e6a1c-52b3-4d7e-9a10-6c2f3b4d5e6f", secret)));
    }

    @Test
    public void anotherKeyCannotOpenTheSecrets() throws Exception {
        Bots bots = new Bots(db);
        Bot bot = bots.createBot("b", false, null);
        AppCredentials creds = bots.createApp(bot.botId(), "a", Set.of(), false);
        String url = url();
        db.close();
        db = new Database(
                config(url, keyFile.resolveSibling("other.key").toString()),
                null,
                driver(),
                Map.of("driver.target", driverTarget()));
        Bots reopened = new Bots(db);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> reopened.verifySignature(creds.clientId(), new byte[1], new byte[32]));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot be decrypted with this key"));
        assertFalse("the message names no secret", e.getMessage().contains(creds.clientSecret()));
    }
}
