-- Test only (StateSchemaTest): a version after this build's last, to show an in-place upgrade of a store
-- with data in it: a new column, filled for the rows already there, and an index.
ALTER TABLE backfill_dead_letter ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE backfill_dead_letter ADD COLUMN replays INTEGER NOT NULL DEFAULT 0;
UPDATE backfill_dead_letter SET replays = 1 WHERE http_status = 400;
CREATE INDEX backfill_dead_letter_replayed_idx ON backfill_dead_letter (replayed_at);
