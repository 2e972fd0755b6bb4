-- The node (gateway instance) that held each call, so that a node starting again closes the sessions it left open,
-- and only those. NULL: recorded before nodes were named (closed by any node).
ALTER TABLE sessions ADD COLUMN node_id VARCHAR(64);
CREATE INDEX sessions_open ON sessions (ended_at, node_id);
