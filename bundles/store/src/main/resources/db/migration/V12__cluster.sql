-- The nodes sharing this database: each one's instance (a process start), where it runs, its state and its last
-- heartbeat. A node that stops heartbeating is declared lost by the others, which close the sessions it held.
CREATE TABLE nodes (
    node_id VARCHAR(64) PRIMARY KEY,
    instance_id VARCHAR(64) NOT NULL,
    home VARCHAR(1000) NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    state VARCHAR(16) NOT NULL,
    calls INTEGER NOT NULL,
    sip_address VARCHAR(300),
    http_address VARCHAR(300)
);

-- One row: bumped by every change of the workspace, in the change's transaction (which it also serializes), so that
-- every node sees a change by polling one row.
CREATE TABLE workspace_revision (
    id INT PRIMARY KEY,
    revision BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    changed_by VARCHAR(64)
);

INSERT INTO workspace_revision (id, revision, changed_at, changed_by) VALUES (1, 0, 0, NULL);
