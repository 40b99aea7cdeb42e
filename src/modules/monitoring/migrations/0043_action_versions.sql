-- An action of a joint plan is moved on by a form with its state and a note: with a version, a form opened before
-- someone else moved it on is refused instead of putting the old state back (docs/DEVELOPING.md, "Versions and
-- conflicts"). Every action starts at version 1.
ALTER TABLE cycle_actions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
