-- The INVITE headers a call's adapter passed to its bot (JSON object, name -> value); NULL when none were.
ALTER TABLE sessions ADD COLUMN sip_headers VARCHAR(100000);
