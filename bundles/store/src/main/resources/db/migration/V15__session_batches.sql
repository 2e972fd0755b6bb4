-- A call's events and the tasks it visited join its SIP messages: one row per call and write batch holds all three
-- (each a JSON array in the order written, NULL when the batch had none), instead of a row and an index entry per
-- event and per task. Events and tasks written before stay in session_events and session_tasks and are read first.
ALTER TABLE session_sip_batches RENAME TO session_batches;
ALTER INDEX session_sip_batches_session RENAME TO session_batches_session;
ALTER TABLE session_batches ALTER COLUMN messages DROP NOT NULL;
ALTER TABLE session_batches ADD COLUMN events VARCHAR(1000000);
ALTER TABLE session_batches ADD COLUMN tasks VARCHAR(1000000);
