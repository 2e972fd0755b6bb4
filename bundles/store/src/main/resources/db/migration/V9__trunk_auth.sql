-- SIP digest authentication a trunk's peer must pass: the user name, the realm, the file on the gateway host that
-- holds the password (never the password), and the algorithms offered, comma-separated. NULL user name: none.
ALTER TABLE trunks ADD COLUMN auth_username VARCHAR(64);
ALTER TABLE trunks ADD COLUMN auth_realm VARCHAR(64);
ALTER TABLE trunks ADD COLUMN auth_password_file VARCHAR(1024);
ALTER TABLE trunks ADD COLUMN auth_algorithms VARCHAR(64);
