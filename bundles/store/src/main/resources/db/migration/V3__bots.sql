-- Bots and their JWT apps. Client secrets are stored encrypted (AES-GCM, key outside the database).
CREATE TABLE bots (
    bot_id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(400) NOT NULL,
    summary_enabled BOOLEAN NOT NULL,
    summarizer VARCHAR(100) NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE bot_apps (
    client_id VARCHAR(64) PRIMARY KEY,
    bot_id VARCHAR(64) NOT NULL REFERENCES bots (bot_id) ON DELETE CASCADE,
    name VARCHAR(400) NOT NULL,
    secret VARCHAR(400) NOT NULL,
    enforce_jti BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX bot_apps_bot ON bot_apps (bot_id);

CREATE TABLE bot_app_scopes (
    client_id VARCHAR(64) NOT NULL REFERENCES bot_apps (client_id) ON DELETE CASCADE,
    scope VARCHAR(64) NOT NULL,
    PRIMARY KEY (client_id, scope)
);
