-- Good practices of local authorities in any country, in a structured template (URBACT's and the Council of Europe's
-- headings): where and when, the six areas of the platform (priority_areas, scheme 'platform'), cost and funding,
-- evidence level, contacts and sources; the texts in one or more languages, each version written by a person or
-- machine-translated; and the municipalities that took a practice up, with the measure of their plan it became.

CREATE TABLE practices (
  id                INTEGER PRIMARY KEY,
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  period_start      INTEGER CHECK (period_start BETWEEN 1900 AND 2200),  -- years; NULL when not known
  period_end        INTEGER CHECK (period_end BETWEEN 1900 AND 2200),
  evidence_level    TEXT NOT NULL CHECK (evidence_level IN ('demonstrated', 'replicated', 'promising')),
  cost_cents        INTEGER CHECK (cost_cents >= 0),                    -- NULL when not known
  currency          TEXT NOT NULL DEFAULT 'EUR',
  contacts          TEXT NOT NULL DEFAULT '',
  sources           TEXT NOT NULL DEFAULT '',
  original_language TEXT NOT NULL,                                      -- the language it was first written in
  demo              INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  created_by        INTEGER REFERENCES users (id),
  updated_at        INTEGER NOT NULL,
  updated_by        INTEGER REFERENCES users (id)
);
CREATE INDEX practices_place ON practices (municipality_code);

CREATE TABLE practice_areas (
  practice_id INTEGER NOT NULL REFERENCES practices (id),
  area_id     INTEGER NOT NULL REFERENCES priority_areas (id),
  PRIMARY KEY (practice_id, area_id)
);
CREATE INDEX practice_areas_area ON practice_areas (area_id);

-- One version of a practice's texts in one language. `origin` tells a reader who wrote it: a person, or a machine
-- (`translator` names the service) from the version in `translated_from`.
CREATE TABLE practice_texts (
  practice_id         INTEGER NOT NULL REFERENCES practices (id),
  language            TEXT NOT NULL,
  origin              TEXT NOT NULL CHECK (origin IN ('person', 'machine')),
  translator          TEXT NOT NULL DEFAULT '',
  translated_from     TEXT NOT NULL DEFAULT '',
  title               TEXT NOT NULL,
  context             TEXT NOT NULL DEFAULT '',
  problem             TEXT NOT NULL DEFAULT '',
  actions             TEXT NOT NULL DEFAULT '',
  results             TEXT NOT NULL DEFAULT '',
  success_factors     TEXT NOT NULL DEFAULT '',
  transfer_conditions TEXT NOT NULL DEFAULT '',
  funding             TEXT NOT NULL DEFAULT '',
  written_by          INTEGER REFERENCES users (id),
  written_at          INTEGER NOT NULL,
  PRIMARY KEY (practice_id, language)
);

-- A municipality that adopts a practice as it is, or adapts it; the measure of its plan the practice became, when
-- there is one, links the practice to that plan's monitoring.
CREATE TABLE practice_transfers (
  id                INTEGER PRIMARY KEY,
  practice_id       INTEGER NOT NULL REFERENCES practices (id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  kind              TEXT NOT NULL CHECK (kind IN ('adopts', 'adapts')),
  item_id           INTEGER REFERENCES policy_items (id),
  note              TEXT NOT NULL DEFAULT '',
  demo              INTEGER NOT NULL DEFAULT 0,
  recorded_at       INTEGER NOT NULL,
  recorded_by       INTEGER REFERENCES users (id),
  UNIQUE (practice_id, municipality_code)
);
CREATE INDEX practice_transfers_place ON practice_transfers (municipality_code);
