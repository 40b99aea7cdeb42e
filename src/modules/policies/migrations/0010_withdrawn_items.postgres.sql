-- Items taken out of a plan are withdrawn, never deleted: their history stays, and monitors can see what was dropped.
-- A withdrawn item counts in no tree, roll-up, gap list, link or export; restoring it brings it back.
ALTER TABLE policy_items ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE policy_items ADD COLUMN withdrawn_by BIGINT REFERENCES users (id);
-- The item an editor withdrew, which took this one with it (itself for that item): a restore brings back those.
ALTER TABLE policy_items ADD COLUMN withdrawn_with BIGINT REFERENCES policy_items (id);
