-- Per-machine values kept across reinstalls; they go when the machine is removed.
CREATE TABLE machine_data (
    machine_id  TEXT NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (machine_id, key)
) STRICT, WITHOUT ROWID;
