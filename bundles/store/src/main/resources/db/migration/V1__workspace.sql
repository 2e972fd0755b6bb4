-- Trunks, their DIDs, flows and attachments (the workspace). Portable between H2 2.x and PostgreSQL.
CREATE TABLE trunks (
    id VARCHAR(200) PRIMARY KEY,
    position INTEGER NOT NULL,
    name VARCHAR(400),
    adapter VARCHAR(64) NOT NULL,
    peers VARCHAR(8000) NOT NULL,
    fqdn VARCHAR(255),
    resolve VARCHAR(8) NOT NULL,
    inbound BOOLEAN NOT NULL,
    outbound BOOLEAN NOT NULL,
    transport VARCHAR(8) NOT NULL,
    sip_uri VARCHAR(1000)
);

CREATE TABLE trunk_dids (
    trunk_id VARCHAR(200) NOT NULL REFERENCES trunks (id) ON DELETE CASCADE,
    did VARCHAR(40) NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (trunk_id, did)
);

CREATE TABLE flows (
    id VARCHAR(200) PRIMARY KEY,
    position INTEGER NOT NULL,
    name VARCHAR(400) NOT NULL,
    bot_id VARCHAR(64),
    document VARCHAR(1000000) NOT NULL
);

CREATE TABLE attachments (
    trunk_id VARCHAR(200) NOT NULL REFERENCES trunks (id) ON DELETE CASCADE,
    did VARCHAR(40) NOT NULL,
    flow_id VARCHAR(200) NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    PRIMARY KEY (trunk_id, did)
);
