-- DHCP leases, one row per address. Builds before this migration created the table themselves (same columns, not
-- STRICT) when DHCP first ran: create it in that shape if it is missing, then rebuild it STRICT keeping every row.
CREATE TABLE IF NOT EXISTS dhcp_leases (
    address     TEXT    NOT NULL PRIMARY KEY,
    client_id   TEXT    NOT NULL,
    mac         TEXT    NOT NULL,
    subnet      TEXT    NOT NULL,
    start_ms    INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL,
    state       INTEGER NOT NULL,
    host_name   TEXT    NULL
) WITHOUT ROWID;

CREATE TABLE dhcp_leases_0003 (
    address     TEXT    NOT NULL PRIMARY KEY,
    client_id   TEXT    NOT NULL,
    mac         TEXT    NOT NULL,
    subnet      TEXT    NOT NULL,
    start_ms    INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL,
    state       INTEGER NOT NULL,
    host_name   TEXT    NULL
) STRICT, WITHOUT ROWID;

INSERT INTO dhcp_leases_0003 (address, client_id, mac, subnet, start_ms, expires_ms, state, host_name)
SELECT address, client_id, mac, subnet, start_ms, expires_ms, state, host_name FROM dhcp_leases;

DROP TABLE dhcp_leases;
ALTER TABLE dhcp_leases_0003 RENAME TO dhcp_leases;
