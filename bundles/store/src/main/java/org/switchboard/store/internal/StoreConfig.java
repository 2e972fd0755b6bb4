package org.switchboard.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the store, PID {@value JdbcStore#PID}. */
@ObjectClassDefinition(
        name = "Switchboard store",
        description =
                "The database behind the workspace and the conversations: embedded H2 by default, PostgreSQL by URL.")
public @interface StoreConfig {

    @AttributeDefinition(
            name = "JDBC URL",
            description = "jdbc:h2:... or jdbc:postgresql://host:port/db; empty: "
                    + "an embedded H2 database in <data>/db. A PostgreSQL URL also needs driver.target set to "
                    + "(osgi.jdbc.driver.class=org.postgresql.Driver).")
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database user (empty for the embedded default).")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "Database password.")
    String _password() default "";

    @AttributeDefinition(name = "Pool size", description = "Most connections open at once (1-64).")
    int pool_size() default 8;

    @AttributeDefinition(
            name = "Secret key",
            type = AttributeType.PASSWORD,
            description =
                    "Base64 of 32 random bytes "
                            + "that encrypt client secrets at rest; share it between nodes on one PostgreSQL. Empty: the key file.")
    String _secret_key() default "";

    @AttributeDefinition(
            name = "Secret key file",
            description = "Where the generated key is kept when no key is "
                    + "configured; empty: <data>/secrets.key (owner-only).")
    String secret_key_file() default "";

    @AttributeDefinition(
            name = "JDBC driver",
            description = "Which registered JDBC driver to use (an LDAP filter on "
                    + "the DataSourceFactory services), e.g. (osgi.jdbc.driver.class=org.postgresql.Driver).")
    String driver_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";

    @AttributeDefinition(
            name = "Journal directory",
            description =
                    "Where conversation records wait while the "
                            + "database is unreachable (forced to disk, replayed in order when it is back); empty: <data>/journal.")
    String journal_dir() default "";

    @AttributeDefinition(
            name = "Journal limit (MB)",
            description = "Most disk the journal may use; past it, records " + "of an outage are refused and logged.")
    int journal_max_mb() default 256;

    @AttributeDefinition(
            name = "H2 write delay (ms)",
            description = "For the embedded H2 database: how long a commit "
                    + "may wait before it is written to the file (0-1000). A killed process loses at most this much; 0 writes "
                    + "every commit at once but stops H2 from compacting its file, which then grows with every commit.")
    int h2_write_delay_ms() default 50;

    @AttributeDefinition(
            name = "Node id",
            description =
                    "This gateway's name on the sessions it records (1-64 of "
                            + "letters, digits, '.', '_', '-'); each node of a cluster needs its own. At start, the sessions this node "
                            + "left open (a crash) are closed. Empty: the framework property switchboard.node.id, else the host name.")
    String node_id() default "";

    @AttributeDefinition(
            name = "Heartbeat (ms)",
            description = "How often this node writes its heartbeat, state and "
                    + "call count to the database (100-60000), and looks for nodes that stopped heartbeating.")
    int heartbeat_ms() default 1000;

    @AttributeDefinition(
            name = "Node lost after (s)",
            description = "How long another node's heartbeat may stand "
                    + "still before it is declared lost and the sessions it held are closed (ended by system, 'node lost'); "
                    + "1-3600 and at least two heartbeats.")
    int node_lost_after_s() default 10;
}
