-- Whether a trunk's calls must use SRTP: 'optional' (SRTP when offered) or 'required'.
ALTER TABLE trunks ADD COLUMN srtp VARCHAR(16) DEFAULT 'optional' NOT NULL;
