-- A practice's text in a language and a municipality's take-up of a practice are each changed by a form that two
-- people may have open at once: the form carries the version it showed, and a save from an older one is refused
-- rather than written over what the other saved (docs/DEVELOPING.md, "Versions and conflicts").
ALTER TABLE practice_texts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE practice_transfers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
