-- Token ids (jti) spent by apps that enforce them, kept until the token expires so that no restart, and no other
-- node on the same database, accepts a spent token again.
CREATE TABLE used_token_ids (
    client_id VARCHAR(64) NOT NULL,
    jti VARCHAR(256) NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (client_id, jti)
);

CREATE INDEX used_token_ids_expiry ON used_token_ids (expires_at);
