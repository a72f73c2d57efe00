-- The hash of a load's inputs (files, mapping and options): loading the very
-- same files again is recognised before they are read.
ALTER TABLE load_batches ADD COLUMN IF NOT EXISTS source_hash String AFTER content_hash
