package org.switchboard.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: opened from configuration through the JDBC driver's {@link DataSourceFactory} (H2 by default; the
 * {@code driver.target} property picks another), migrated to the current schema, and shared by the store's
 * services through a small connection pool. Stopping the component closes every connection (an embedded H2
 * database is then closed cleanly).
 */
@Component(
        service = Database.class,
        immediate = true,
        configurationPid = Database.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfig.class)
public final class Database {

    /** The configuration PID. */
    public static final String PID = "org.switchboard.store";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    private final ConnectionPool pool;
    private final SecretBox secrets;
    private final Jdbc jdbc;
    private final String where;
    private final Path journalDir;
    private final long journalMaxBytes;
    private final String nodeId;
    private final boolean embeddedH2;
    private final String instanceId = java.util.UUID.randomUUID().toString();
    private final String home;
    private final String sipAddress;
    private final String httpAddress;
    private final java.time.Duration heartbeat;
    private final java.time.Duration lostAfter;

    @Activate
    public Database(
            StoreConfig config,
            BundleContext context,
            @Reference(name = "driver", target = "(osgi.jdbc.driver.class=org.h2.Driver)") DataSourceFactory driver,
            java.util.Map<String, Object> properties) {
        try {
            if (config.h2_write_delay_ms() < 0 || config.h2_write_delay_ms() > 1000) {
                throw fail(
                        "PID " + PID + ": property 'h2.write.delay.ms' = '" + config.h2_write_delay_ms()
                                + "': must be between 0 and 1000",
                        null);
            }
            String url = durable(
                    withQueryCache(
                            config.url().isBlank()
                                    ? defaultUrl(context)
                                    : config.url().trim()),
                    config.h2_write_delay_ms());
            String lower = url.toLowerCase(Locale.ROOT);
            embeddedH2 = lower.startsWith("jdbc:h2:")
                    && !lower.startsWith("jdbc:h2:mem:")
                    && !lower.startsWith("jdbc:h2:tcp:")
                    && !lower.startsWith("jdbc:h2:ssl:")
                    && !lower.matches(".*;write_delay=0(;.*)?");
            this.journalDir = config.journal_dir().isBlank()
                    ? dataDir(context).resolve("journal")
                    : Paths.get(config.journal_dir()).toAbsolutePath();
            this.journalMaxBytes = config.journal_max_mb() * 1024L * 1024L;
            where = PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
            check(config, url, properties);
            nodeId = nodeId(config, context);
            home = hostName() + ":" + dataDir(context);
            sipAddress = address(context, "switchboard.sip.address", "switchboard.sip.port");
            httpAddress = address(context, "org.apache.felix.http.host", "org.osgi.service.http.port");
            heartbeat = java.time.Duration.ofMillis(config.heartbeat_ms());
            lostAfter = java.time.Duration.ofSeconds(config.node_lost_after_s());
            try {
                secrets = config._secret_key().isBlank()
                        ? SecretBox.fromFile(keyFile(config, context))
                        : SecretBox.of(config._secret_key());
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw fail("cannot load the secret key: " + e.getMessage(), e);
            }
            Properties p = new Properties();
            p.setProperty(DataSourceFactory.JDBC_URL, url);
            if (!config.user().isBlank()) {
                p.setProperty(DataSourceFactory.JDBC_USER, config.user());
            }
            if (!config._password().isEmpty()) {
                p.setProperty(DataSourceFactory.JDBC_PASSWORD, config._password());
            }
            DataSource source;
            try {
                source = driver.createDataSource(p);
            } catch (SQLException e) {
                throw fail("cannot use " + where + ": " + e.getMessage(), e);
            }
            pool = new ConnectionPool(source, config.pool_size());
            jdbc = new Jdbc(pool);
            try {
                int version = Migrations.apply(jdbc, where);
                NodeClaim.claim(jdbc, nodeId, instanceId, home, heartbeat, sipAddress, httpAddress);
                LOG.info("Store open at {} (schema version {}) as node {}", where, version, nodeId);
            } catch (RuntimeException e) {
                pool.close();
                throw fail("cannot open " + where + ": " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            StartFailure.exitIfAsked(context, e);
            throw e;
        }
    }

    private static void check(StoreConfig config, String url, java.util.Map<String, Object> properties) {
        if (config.journal_max_mb() < 1) {
            throw fail(
                    "PID " + PID + ": property 'journal.max.mb' = '" + config.journal_max_mb()
                            + "': must be at least 1",
                    null);
        }
        if (config.heartbeat_ms() < 100 || config.heartbeat_ms() > 60_000) {
            throw fail(
                    "PID " + PID + ": property 'heartbeat.ms' = '" + config.heartbeat_ms()
                            + "': must be between 100 and 60000",
                    null);
        }
        if (config.node_lost_after_s() < 1
                || config.node_lost_after_s() > 3600
                || config.node_lost_after_s() * 1000L < 2L * config.heartbeat_ms()) {
            throw fail(
                    "PID " + PID + ": property 'node.lost.after.s' = '" + config.node_lost_after_s()
                            + "': must be between 1 and 3600 and at least two heartbeats (heartbeat.ms)",
                    null);
        }
        if (config.pool_size() < 1 || config.pool_size() > 64) {
            throw fail(
                    "PID " + PID + ": property 'pool.size' = '" + config.pool_size() + "': must be between 1 and 64",
                    null);
        }
        String target = String.valueOf(properties.getOrDefault("driver.target", ""));
        String scheme = url.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("jdbc:")) {
            throw fail(
                    "PID " + PID + ": property 'url' = '" + url.replaceAll("(?i)password=[^&;]*", "password=***")
                            + "': must be a JDBC URL (jdbc:h2:... or jdbc:postgresql://...)",
                    null);
        }
        if (scheme.startsWith("jdbc:postgresql:") && !target.contains("org.postgresql.Driver")) {
            throw fail(
                    "PID " + PID + ": property 'url' is a PostgreSQL URL but 'driver.target' selects " + target
                            + ": set driver.target=(osgi.jdbc.driver.class=org.postgresql.Driver)",
                    null);
        }
        if (scheme.startsWith("jdbc:h2:") && target.contains("org.postgresql.Driver")) {
            throw fail("PID " + PID + ": property 'url' is an H2 URL but 'driver.target' selects PostgreSQL", null);
        }
    }

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The configured node id, else the framework's {@code switchboard.node.id}, else the host name. */
    static String nodeId(StoreConfig config, BundleContext context) {
        String id = config.node_id().trim();
        String from = "property 'node.id'";
        if (id.isEmpty() && context != null && context.getProperty("switchboard.node.id") != null) {
            id = context.getProperty("switchboard.node.id").trim();
            from = "framework property 'switchboard.node.id'";
        }
        if (id.isEmpty()) {
            try {
                id = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                id = "node";
            }
            id = id.replaceAll("[^A-Za-z0-9._-]", "-");
            return id.length() > 64 ? id.substring(0, 64) : id;
        }
        if (!NODE_ID.matcher(id).matches()) {
            throw fail(
                    "PID " + PID + ": " + from + " = '" + id.replaceAll("\\p{Cntrl}", "?")
                            + "': must be 1-64 of letters, digits, '.', '_', '-'",
                    null);
        }
        return id;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** {@code host:port} from two framework properties, or null when they are not set. */
    private static String address(BundleContext context, String host, String port) {
        String h = context == null ? null : context.getProperty(host);
        String p = context == null ? null : context.getProperty(port);
        return h == null || p == null ? null : (h.contains(":") ? "[" + h + "]" : h) + ":" + p;
    }

    private static Path dataDir(BundleContext context) {
        String data = context == null ? null : context.getProperty("switchboard.data");
        return Paths.get(data == null || data.isBlank() ? "data" : data)
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Statements H2 keeps parsed per connection (its default, 8, is fewer than the store's statements, so each
     * prepare parsed its SQL again).
     */
    static final int H2_QUERY_CACHE = 64;

    /** An H2 URL with {@link #H2_QUERY_CACHE} unless it sets its own; any other URL as it is. */
    static String withQueryCache(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.contains(";query_cache_size=")
                ? url + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE
                : url;
    }

    /**
     * An H2 file database writes committed transactions to its file up to WRITE_DELAY later (500 ms by default): a
     * killed process loses what came in that time. 0 writes each commit at once, but then H2 never compacts its
     * file: every commit leaves a chunk behind, on disk and in memory (measured in the soak: 18 MiB of chunk objects
     * after 5 minutes at 400 calls/s, growing without bound). So H2 keeps a short delay, which runs its background
     * writer and compaction, and conversation records are written through at once with a CHECKPOINT after each
     * batch ({@link #writesThrough()}).
     */
    static String durable(String url, int writeDelayMs) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")
                && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:")
                && !lower.contains(";write_delay=")) {
            return url + ";WRITE_DELAY=" + writeDelayMs;
        }
        return url;
    }

    private static String defaultUrl(BundleContext context) {
        Path dir = dataDir(context).resolve("db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw fail("cannot create the database directory " + dir + ": " + e.getMessage(), e);
        }
        return "jdbc:h2:file:" + dir.resolve("switchboard") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static IllegalStateException fail(String message, Exception cause) {
        LOG.error("Store not started: {}", message);
        return new IllegalStateException(message, cause);
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Whether a commit may wait in memory (an embedded H2 database with a write delay): conversation records are then
     * followed by a CHECKPOINT, which writes them to the file before the write returns, so a killed process keeps
     * them.
     */
    boolean writesThrough() {
        return embeddedH2;
    }

    /** This gateway's node id, recorded on the sessions it holds. */
    String nodeId() {
        return nodeId;
    }

    /** This process's claim on the node id (a random id per start). */
    String instanceId() {
        return instanceId;
    }

    java.time.Duration heartbeat() {
        return heartbeat;
    }

    java.time.Duration lostAfter() {
        return lostAfter;
    }

    String sipAddress() {
        return sipAddress;
    }

    String httpAddress() {
        return httpAddress;
    }

    SecretBox secrets() {
        return secrets;
    }

    private static Path keyFile(StoreConfig config, BundleContext context) {
        if (!config.secret_key_file().isBlank()) {
            return Paths.get(config.secret_key_file()).toAbsolutePath();
        }
        return dataDir(context).resolve("secrets.key");
    }

    /** The journal that keeps conversation records while this database is unreachable. */
    Journal openJournal() {
        try {
            return new Journal(journalDir, journalMaxBytes);
        } catch (java.io.IOException e) {
            throw fail("cannot open the conversation journal in " + journalDir + ": " + e, e);
        }
    }

    @Deactivate
    void close() {
        pool.close();
        LOG.info("Store closed at {}", where);
    }
}
