-- Two administrators editing one organisation at once: the second is told it changed instead of overwriting it
-- (docs/DEVELOPING.md, "Versions and conflicts"). Every organisation starts at version 1.
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
