-- DHCP subnets created through the API (the config file's subnets are not stored). doc: every field but the name.
CREATE TABLE dhcp_subnets (
    name        TEXT NOT NULL PRIMARY KEY,
    updated_at  TEXT NOT NULL,
    doc         TEXT NOT NULL CHECK (json_valid(doc))
) STRICT, WITHOUT ROWID;
