-- Boot timeline. AUTOINCREMENT: ids are never reused, even after pruning, so afterId paging is safe.
-- machine_id is not a foreign key: events outlive machines and may belong to no known machine.

CREATE TABLE boot_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    time        TEXT NOT NULL,
    machine_id  TEXT,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    mac         TEXT,
    outcome     TEXT NOT NULL,
    message     TEXT NOT NULL,
    data        TEXT CHECK (data IS NULL OR json_valid(data))
) STRICT;

CREATE INDEX boot_events_machine ON boot_events (machine_id, id);
CREATE INDEX boot_events_time ON boot_events (time);
