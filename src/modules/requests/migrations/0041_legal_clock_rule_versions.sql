-- Two administrators correcting one deadline rule at once: the second is told it changed instead of overwriting it
-- (docs/DEVELOPING.md, "Versions and conflicts"). Every rule starts at version 1.
ALTER TABLE deadline_rules ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
