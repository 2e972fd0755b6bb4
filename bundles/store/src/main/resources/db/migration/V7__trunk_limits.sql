-- Per-trunk overload limits: the most calls in progress at once and new calls per second (0: no limit of its own).
ALTER TABLE trunks ADD COLUMN max_calls INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE trunks ADD COLUMN max_calls_per_second INTEGER DEFAULT 0 NOT NULL;
