package org.switchboard.store.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.api.bot.AppCredentials;
import org.switchboard.api.bot.Bot;
import org.switchboard.api.bot.BotApp;
import org.switchboard.api.bot.BotRepository;

/** Bots and JWT apps on their tables; client secrets sealed with the store's key and only ever opened to verify. */
@Component(service = BotRepository.class)
public final class Bots implements BotRepository {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbc jdbc;
    private final SecretBox secrets;
    private final TokenIds tokenIds;

    @Activate
    public Bots(@Reference Database database) {
        this.jdbc = database.jdbc();
        this.secrets = database.secrets();
        this.tokenIds = new TokenIds(jdbc);
    }

    @Override
    public boolean spendTokenId(String clientId, String jti, Instant until) {
        return tokenIds.spend(clientId, jti, until, Instant.now());
    }

    @Override
    public Bot createBot(String name, boolean summaryEnabled, String summarizer) {
        return saveBot(new Bot("st-" + UUID.randomUUID(), name, summaryEnabled, summarizer, now()));
    }

    @Override
    public Bot saveBot(Bot bot) {
        return jdbc.transaction("save bot " + bot.botId(), c -> {
            int updated;
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE bots SET name = ?, summary_enabled = ?, summarizer = ? WHERE bot_id = ?")) {
                p.setString(1, bot.name());
                p.setBoolean(2, bot.summaryEnabled());
                p.setString(3, bot.summarizer());
                p.setString(4, bot.botId());
                updated = p.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO bots (bot_id, name, summary_enabled, "
                        + "summarizer, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    p.setString(1, bot.botId());
                    p.setString(2, bot.name());
                    p.setBoolean(3, bot.summaryEnabled());
                    p.setString(4, bot.summarizer());
                    p.setLong(5, bot.createdAt().toEpochMilli());
                    p.executeUpdate();
                }
            }
            return bot;
        });
    }

    @Override
    public Optional<Bot> bot(String botId) {
        List<Bot> found =
                bots("SELECT bot_id, name, summary_enabled, summarizer, created_at FROM bots WHERE bot_id = ?", botId);
        return found.stream().findFirst();
    }

    @Override
    public List<Bot> bots() {
        return bots(
                "SELECT bot_id, name, summary_enabled, summarizer, created_at FROM bots ORDER BY name, bot_id", null);
    }

    private List<Bot> bots(String sql, String key) {
        return jdbc.query("read bots", c -> {
            List<Bot> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                if (key != null) {
                    p.setString(1, key);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Bot(
                                r.getString(1),
                                r.getString(2),
                                r.getBoolean(3),
                                r.getString(4),
                                Instant.ofEpochMilli(r.getLong(5))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean deleteBot(String botId) {
        return jdbc.update("delete bot", "DELETE FROM bots WHERE bot_id = ?", botId) > 0;
    }

    @Override
    public AppCredentials createApp(String botId, String name, Set<String> scopes, boolean enforceJti) {
        BotApp app = new BotApp("cs-" + UUID.randomUUID(), botId, name, scopes, enforceJti, now());
        String secret = newSecret();
        insert(app, secret);
        return new AppCredentials(app.clientId(), secret);
    }

    @Override
    public BotApp importApp(
            String botId, String name, Set<String> scopes, boolean enforceJti, AppCredentials credentials) {
        String id = credentials.clientId();
        if (!id.matches(BotApp.ID_PATTERN)) {
            throw new IllegalArgumentException(
                    "client id '" + id.replaceAll("[^\\x20-\\x7e]", "?") + "' is not cs-<uuid> in lower case");
        }
        String secret = credentials.clientSecret();
        if (secret.length() < 16 || secret.length() > 512 || !secret.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException(
                    "the client secret must be 16 to 512 printable ASCII characters " + "without spaces");
        }
        if (app(id).isPresent()) {
            throw new IllegalStateException("an app with client id " + id + " exists");
        }
        BotApp app = new BotApp(id, botId, name, scopes, enforceJti, now());
        insert(app, secret);
        return app;
    }

    private void insert(BotApp app, String secret) {
        String botId = app.botId();
        String name = app.name();
        boolean enforceJti = app.enforceJti();
        if (bot(botId).isEmpty()) {
            throw new IllegalArgumentException("no bot '" + botId + "'");
        }
        jdbc.transaction("create app for " + botId, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bot_apps (client_id, bot_id, name, secret, "
                    + "enforce_jti, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, app.clientId());
                p.setString(2, botId);
                p.setString(3, name);
                p.setString(4, secrets.seal(secret));
                p.setBoolean(5, enforceJti);
                p.setLong(6, app.createdAt().toEpochMilli());
                p.executeUpdate();
            }
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO bot_app_scopes (client_id, scope) VALUES (?, ?)")) {
                for (String s : new TreeSet<>(app.scopes())) {
                    p.setString(1, app.clientId());
                    p.setString(2, s);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public Optional<BotApp> updateApp(String clientId, String name, Set<String> scopes, boolean enforceJti) {
        Optional<BotApp> before = app(clientId);
        if (before.isEmpty()) {
            return before;
        }
        BotApp after = new BotApp(
                clientId,
                before.get().botId(),
                name,
                scopes,
                enforceJti,
                before.get().createdAt());
        jdbc.transaction("update app " + clientId, c -> {
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE bot_apps SET name = ?, enforce_jti = ? WHERE client_id = ?")) {
                p.setString(1, name);
                p.setBoolean(2, enforceJti);
                p.setString(3, clientId);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM bot_app_scopes WHERE client_id = ?")) {
                p.setString(1, clientId);
                p.executeUpdate();
            }
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO bot_app_scopes (client_id, scope) VALUES (?, ?)")) {
                for (String s : new TreeSet<>(after.scopes())) {
                    p.setString(1, clientId);
                    p.setString(2, s);
                    p.executeUpdate();
                }
            }
            return null;
        });
        return Optional.of(after);
    }

    @Override
    public Optional<AppCredentials> rotateSecret(String clientId) {
        String secret = newSecret();
        boolean found = jdbc.update(
                        "rotate secret",
                        "UPDATE bot_apps SET secret = ? WHERE client_id = ?",
                        secrets.seal(secret),
                        clientId)
                > 0;
        return found ? Optional.of(new AppCredentials(clientId, secret)) : Optional.empty();
    }

    @Override
    public Optional<BotApp> app(String clientId) {
        return apps(
                        "SELECT client_id, bot_id, name, enforce_jti, created_at FROM bot_apps WHERE client_id = ?",
                        clientId)
                .stream()
                .findFirst();
    }

    @Override
    public List<BotApp> apps(String botId) {
        return apps(
                "SELECT client_id, bot_id, name, enforce_jti, created_at FROM bot_apps WHERE bot_id = ? "
                        + "ORDER BY created_at, client_id",
                botId);
    }

    private List<BotApp> apps(String sql, String key) {
        return jdbc.query("read apps", c -> {
            List<BotApp> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, key);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new BotApp(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                scopes(c, r.getString(1)),
                                r.getBoolean(4),
                                Instant.ofEpochMilli(r.getLong(5))));
                    }
                }
            }
            return out;
        });
    }

    private static Set<String> scopes(Connection c, String clientId) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT scope FROM bot_app_scopes WHERE client_id = ?")) {
            p.setString(1, clientId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public boolean deleteApp(String clientId) {
        return jdbc.update("delete app", "DELETE FROM bot_apps WHERE client_id = ?", clientId) > 0;
    }

    @Override
    public boolean verifySignature(String clientId, byte[] signingInput, byte[] signature) {
        String sealed = jdbc.query("read app secret", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT secret FROM bot_apps WHERE client_id = ?")) {
                p.setString(1, clientId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
        if (sealed == null) {
            return false;
        }
        return MessageDigest.isEqual(SecretBox.hmac(secrets.open(sealed), signingInput), signature);
    }

    private static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
