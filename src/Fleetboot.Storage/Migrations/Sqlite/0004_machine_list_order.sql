-- The order ListAsync pages in: by hostname (case-insensitive, from the column's collation),
-- machines without a hostname last, then id. Lets a page be read from the index without sorting every machine.
CREATE INDEX machines_list_order ON machines (hostname IS NULL, hostname, id);
