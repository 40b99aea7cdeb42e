-- A follow-up's form sends its owner and due day back with its state: with a version, a form opened before someone
-- changed them is refused instead of putting the old ones back (docs/DEVELOPING.md, "Versions and conflicts").
ALTER TABLE meeting_follow_ups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
