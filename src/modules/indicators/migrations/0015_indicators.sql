-- Indicators, their targets and observations (src/modules/indicators/indicators.hpp, docs/methodology.md).
-- Values are DOUBLE PRECISION on both databases (SQLite reads the name as REAL, an 8-byte float).

CREATE TABLE indicators (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name_bg     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  unit        TEXT NOT NULL CHECK (unit IN ('percent', 'points', 'people', 'count', 'years', 'score', 'number')),
  direction   TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  kind        TEXT NOT NULL CHECK (kind IN ('headline', 'secondary', 'process', 'output')),
  source      TEXT NOT NULL DEFAULT '',
  method      TEXT NOT NULL DEFAULT '',
  dimensions  TEXT NOT NULL DEFAULT '',  -- the breakdowns allowed, ';'-separated: 'sex;age'
  computation TEXT NOT NULL DEFAULT '',  -- computed from Khetane's own records when not ''
  reference   INTEGER NOT NULL DEFAULT 0,  -- shipped in data/indicators
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  created_by  INTEGER REFERENCES users (id),
  updated_at  INTEGER NOT NULL,
  updated_by  INTEGER REFERENCES users (id)
);

-- The objectives and measures of the cascade an indicator measures: an objective's page shows its indicators, and
-- the gap analysis finds objectives without one.
CREATE TABLE indicator_links (
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  item_id      INTEGER NOT NULL REFERENCES policy_items (id) ON DELETE CASCADE,
  PRIMARY KEY (indicator_id, item_id)
);
CREATE INDEX indicator_links_item ON indicator_links (item_id);

-- What a place should reach by a period, stored as its rule (progress.hpp, TargetRule) and computed when read.
CREATE TABLE indicator_targets (
  id              INTEGER PRIMARY KEY,
  indicator_id    INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  place           TEXT NOT NULL,
  period          TEXT NOT NULL,
  breakdown       TEXT NOT NULL DEFAULT 'total',
  rule            TEXT NOT NULL CHECK (rule IN ('value', 'at_least', 'at_most', 'change', 'gap')),
  value           DOUBLE PRECISION,
  factor          DOUBLE PRECISION,
  reference_value DOUBLE PRECISION,
  baseline_period TEXT NOT NULL DEFAULT '',
  baseline        DOUBLE PRECISION,
  note            TEXT NOT NULL DEFAULT '',
  verified        INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  created_by      INTEGER REFERENCES users (id),
  UNIQUE (indicator_id, place, period, breakdown)
);

-- What a source says a place reached in a period. A cell (indicator, place, period, breakdown) holds one current
-- value per series (official, authority, survey, each organisation's or person's civic monitoring); a correction is
-- a new version of its series and the old row stays, no longer current.
CREATE TABLE observations (
  id              INTEGER PRIMARY KEY,
  indicator_id    INTEGER NOT NULL REFERENCES indicators (id),
  place           TEXT NOT NULL,
  period          TEXT NOT NULL,
  period_start    TEXT NOT NULL,  -- 'YYYY-MM-DD': the order of a series
  breakdown       TEXT NOT NULL DEFAULT 'total',
  source_kind     TEXT NOT NULL CHECK (source_kind IN ('official', 'authority', 'civic', 'survey')),
  series          TEXT NOT NULL,
  value           DOUBLE PRECISION NOT NULL,
  base            INTEGER,
  confidence      TEXT NOT NULL DEFAULT 'high' CHECK (confidence IN ('high', 'medium', 'low')),
  source_title    TEXT NOT NULL DEFAULT '',
  evidence_url    TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  organisation_id INTEGER REFERENCES organisations (id),
  status          TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'recorded')),
  review_reason   TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL,
  current         INTEGER NOT NULL DEFAULT 1,
  entered_by      INTEGER REFERENCES users (id),
  entered_at      INTEGER NOT NULL,
  approved_by     INTEGER REFERENCES users (id),
  approved_at     INTEGER,
  demo            INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX observations_current
  ON observations (indicator_id, place, period, breakdown, series) WHERE current = 1;
CREATE UNIQUE INDEX observations_versions ON observations (indicator_id, place, period, breakdown, series, version);
-- A place's panel: every current value of one place.
CREATE INDEX observations_place ON observations (place, indicator_id) WHERE current = 1;
-- The national panel: the totals of 28 oblasts in ten years among a million values, read from the index alone.
CREATE INDEX observations_panel
  ON observations (place, breakdown, period, indicator_id, series, source_kind, value, base, demo) WHERE current = 1;

-- A period a coordinator closed for a place: nothing within it can be entered or changed there (nor, for an oblast,
-- in its municipalities) until they reopen it.
CREATE TABLE indicator_closures (
  place        TEXT NOT NULL,
  period       TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  closed_by    INTEGER REFERENCES users (id),
  closed_at    INTEGER NOT NULL,
  PRIMARY KEY (place, period)
);
