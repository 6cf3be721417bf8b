-- Machine registry, profiles, groups, templates and MAC reservations.
-- Timestamps are UTC text 'yyyy-MM-ddTHH:mm:ss.fffffffZ' (fixed width, so they sort as text).
-- MACs are lowercase colon text 'aa:bb:cc:dd:ee:ff'.

CREATE TABLE machines (
    id          TEXT NOT NULL PRIMARY KEY,
    hostname    TEXT COLLATE NOCASE,
    uuid        TEXT,
    static_ip   TEXT,
    role        TEXT,
    profile_id  TEXT,
    state       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- serial, arch, firmware, features, specs, metadata, token
    doc         TEXT NOT NULL CHECK (json_valid(doc))
) STRICT;

-- NULLs do not collide in a UNIQUE index, so machines without these values coexist.
CREATE UNIQUE INDEX machines_hostname ON machines (hostname);
CREATE UNIQUE INDEX machines_uuid ON machines (uuid);
CREATE UNIQUE INDEX machines_static_ip ON machines (static_ip);
CREATE INDEX machines_role ON machines (role);
CREATE INDEX machines_profile_id ON machines (profile_id);
CREATE INDEX machines_state ON machines (state);

CREATE TABLE machine_macs (
    mac         TEXT NOT NULL PRIMARY KEY,
    machine_id  TEXT NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    UNIQUE (machine_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE machine_labels (
    machine_id  TEXT NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (machine_id, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX machine_labels_key_value ON machine_labels (key, value, machine_id);

CREATE TABLE profiles (
    id          TEXT NOT NULL PRIMARY KEY,
    updated_at  TEXT NOT NULL,
    -- description, kernel, initrds, args, rootfs, configs, files, metadata
    doc         TEXT NOT NULL CHECK (json_valid(doc))
) STRICT;

CREATE TABLE machine_groups (
    id          TEXT NOT NULL PRIMARY KEY,
    profile_id  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- description, selectors, metadata
    doc         TEXT NOT NULL CHECK (json_valid(doc))
) STRICT;

CREATE TABLE template_versions (
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    content     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (name, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE mac_reservations (
    mac         TEXT NOT NULL PRIMARY KEY,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
