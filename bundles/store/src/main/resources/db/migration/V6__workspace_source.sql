-- Which workspace file the stored workspace was imported from (SHA-256 of its bytes), and whether it was edited since.
CREATE TABLE workspace_source (
    id INT PRIMARY KEY,
    file_hash VARCHAR(64) NOT NULL,
    imported_at BIGINT NOT NULL,
    edited_since BOOLEAN NOT NULL
);
