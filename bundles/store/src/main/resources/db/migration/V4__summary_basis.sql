-- The fingerprint of the conversation a summary was written from: a summary is regenerated when it changes.
ALTER TABLE session_summaries ADD COLUMN basis VARCHAR(400);
