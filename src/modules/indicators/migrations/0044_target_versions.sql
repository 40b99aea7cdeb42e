-- A coordinator sets a target through a form: with a version, a form opened before someone else set or changed the
-- target for the same place and period is refused instead of overwriting it (docs/DEVELOPING.md, "Versions and
-- conflicts"). Every target starts at version 1.
ALTER TABLE indicator_targets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
