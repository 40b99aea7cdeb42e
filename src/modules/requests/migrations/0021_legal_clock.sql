-- The legal clock as data (data/requests/SOURCES.md): each deadline rule with its law, article and whether its text
-- was checked, and the country's non-working days. Loaded from the shipped tables once; an administrator corrects a
-- rule (audited, with who and when).

CREATE TABLE deadline_rules (
  code        TEXT PRIMARY KEY,
  law         TEXT NOT NULL,
  article     TEXT NOT NULL,
  days        INTEGER NOT NULL DEFAULT 0,
  months      INTEGER NOT NULL DEFAULT 0,
  day_count   TEXT NOT NULL CHECK (day_count IN ('calendar', 'working')),
  moves       INTEGER NOT NULL DEFAULT 1,   -- an end on a non-working day moves to the next working day
  starts      TEXT NOT NULL DEFAULT '',
  title_bg    TEXT NOT NULL,
  title_en    TEXT NOT NULL,
  checked     INTEGER NOT NULL DEFAULT 0,
  checked_on  TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL,
  changed_at  INTEGER,
  changed_by  INTEGER REFERENCES users (id)
);

CREATE TABLE non_working_days (
  day_rule              TEXT PRIMARY KEY,     -- "01-01", "easter-2", "2026-12-31", "!2026-12-19"
  name_bg               TEXT NOT NULL,
  name_en               TEXT NOT NULL,
  moves_when_on_weekend INTEGER NOT NULL DEFAULT 0,
  checked               INTEGER NOT NULL DEFAULT 0,
  position              INTEGER NOT NULL
);
