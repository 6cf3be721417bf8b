-- A machine's identical consecutive events are folded into the first: how many times it happened, and when last.
ALTER TABLE boot_events ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
ALTER TABLE boot_events ADD COLUMN last_time TEXT;
