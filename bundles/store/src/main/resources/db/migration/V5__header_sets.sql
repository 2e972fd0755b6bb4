-- Named agent-transfer header sets of the workspace: one row per header, in document order.
CREATE TABLE header_sets (
    set_name VARCHAR(64) NOT NULL,
    set_position INTEGER NOT NULL,
    header_name VARCHAR(100) NOT NULL,
    header_position INTEGER NOT NULL,
    header_value VARCHAR(1000) NOT NULL,
    PRIMARY KEY (set_name, header_name)
);
