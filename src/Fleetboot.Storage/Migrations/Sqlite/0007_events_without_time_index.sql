-- No query reads events by time alone (the time filter of ListAsync rides on the id order), while every
-- event paid for this index twice: once when written, once when pruned. The timeline is the busiest table.
DROP INDEX boot_events_time;
