-- The policy cascade: documents (EU framework → national strategy and action plans → regional strategies → municipal
-- action plans), their objectives, measures and activities, the "implements" links between levels, and the history of
-- every change. Priority areas are data with mappings between schemes, not enums. Times are Unix seconds; dates are
-- ISO 'YYYY-MM-DD' text ('' when unknown); money is in cents of the document's currency.

CREATE TABLE priority_areas (
  id            INTEGER PRIMARY KEY,
  scheme        TEXT NOT NULL,  -- 'eu2020', 'bg2021', 'platform'
  code          TEXT NOT NULL,
  name_bg       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  cross_cutting INTEGER NOT NULL DEFAULT 0,
  position      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (scheme, code)
);

CREATE TABLE area_mappings (
  area_id         INTEGER NOT NULL REFERENCES priority_areas (id),
  maps_to_area_id INTEGER NOT NULL REFERENCES priority_areas (id),
  PRIMARY KEY (area_id, maps_to_area_id)
);

CREATE TABLE policy_documents (
  id                     INTEGER PRIMARY KEY,
  reference_key          TEXT UNIQUE,  -- set on documents shipped as reference data ('bg-roma-strategy-2021')
  level                  TEXT NOT NULL CHECK (level IN ('eu', 'national', 'regional', 'municipal', 'project')),
  kind                   TEXT NOT NULL CHECK (kind IN ('framework', 'strategy', 'action_plan', 'programme')),
  title                  TEXT NOT NULL,
  title_en               TEXT NOT NULL DEFAULT '',
  period_start           INTEGER NOT NULL,
  period_end             INTEGER NOT NULL,
  oblast_code            TEXT REFERENCES oblasts (code),
  municipality_code      TEXT REFERENCES municipalities (code),
  status                 TEXT NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'in_consultation', 'adopted', 'superseded')),
  adopted_by             TEXT NOT NULL DEFAULT '',
  decision_number        TEXT NOT NULL DEFAULT '',
  decision_date          TEXT NOT NULL DEFAULT '',
  source_url             TEXT NOT NULL DEFAULT '',
  implements_document_id INTEGER REFERENCES policy_documents (id),
  progress_rule          TEXT NOT NULL DEFAULT 'equal' CHECK (progress_rule IN ('equal', 'budget')),
  currency               TEXT NOT NULL DEFAULT 'EUR',
  demo                   INTEGER NOT NULL DEFAULT 0,
  carried_over_from      INTEGER REFERENCES policy_documents (id),
  version                INTEGER NOT NULL DEFAULT 1,
  created_at             INTEGER NOT NULL,
  created_by             INTEGER REFERENCES users (id),
  updated_at             INTEGER NOT NULL,
  updated_by             INTEGER REFERENCES users (id)
);
CREATE INDEX policy_documents_place ON policy_documents (municipality_code, oblast_code);

CREATE TABLE document_areas (
  document_id INTEGER NOT NULL REFERENCES policy_documents (id),
  area_id     INTEGER NOT NULL REFERENCES priority_areas (id),
  PRIMARY KEY (document_id, area_id)
);

-- Objectives, measures and activities of a document, as one tree: a measure's parent is an objective, an
-- activity's a measure. `uid` is the stable id that export writes and a re-import matches.
CREATE TABLE policy_items (
  id                INTEGER PRIMARY KEY,
  uid               TEXT NOT NULL UNIQUE,
  document_id       INTEGER NOT NULL REFERENCES policy_documents (id),
  parent_id         INTEGER REFERENCES policy_items (id),
  kind              TEXT NOT NULL CHECK (kind IN ('objective', 'measure', 'activity')),
  code              TEXT NOT NULL DEFAULT '',
  position          INTEGER NOT NULL DEFAULT 0,
  title             TEXT NOT NULL,
  title_en          TEXT NOT NULL DEFAULT '',
  description       TEXT NOT NULL DEFAULT '',
  responsible       TEXT NOT NULL DEFAULT '',
  partners          TEXT NOT NULL DEFAULT '',
  target_group      TEXT NOT NULL DEFAULT '',
  settlement_ekatte TEXT REFERENCES settlements (ekatte),
  start_date        TEXT NOT NULL DEFAULT '',
  end_date          TEXT NOT NULL DEFAULT '',
  deadline          TEXT NOT NULL DEFAULT '',
  beneficiaries     INTEGER CHECK (beneficiaries >= 0),
  expected_result   TEXT NOT NULL DEFAULT '',
  official_status   TEXT NOT NULL DEFAULT ''
                    CHECK (official_status IN ('', 'planned', 'in_progress', 'completed', 'delayed', 'cancelled')),
  progress          INTEGER CHECK (progress BETWEEN 0 AND 100),  -- NULL: not reported, never 0
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  created_by        INTEGER REFERENCES users (id),
  updated_at        INTEGER NOT NULL,
  updated_by        INTEGER REFERENCES users (id)
);
CREATE INDEX policy_items_document ON policy_items (document_id, position);
CREATE INDEX policy_items_parent ON policy_items (parent_id);

CREATE TABLE item_areas (
  item_id INTEGER NOT NULL REFERENCES policy_items (id),
  area_id INTEGER NOT NULL REFERENCES priority_areas (id),
  PRIMARY KEY (item_id, area_id)
);

CREATE TABLE item_budgets (
  item_id       INTEGER NOT NULL REFERENCES policy_items (id),
  source        TEXT NOT NULL CHECK (source IN ('municipal', 'esf_plus', 'erdf', 'eea_norway', 'swiss', 'other')),
  planned_cents INTEGER NOT NULL DEFAULT 0 CHECK (planned_cents >= 0),
  secured_cents INTEGER NOT NULL DEFAULT 0 CHECK (secured_cents >= 0),
  spent_cents   INTEGER NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
  PRIMARY KEY (item_id, source)
);

-- Targets an objective sets (the EU 2030 minimum targets, say). `verified` = 0 marks a placeholder to check.
CREATE TABLE item_targets (
  id       INTEGER PRIMARY KEY,
  item_id  INTEGER NOT NULL REFERENCES policy_items (id),
  text_bg  TEXT NOT NULL,
  text_en  TEXT NOT NULL DEFAULT '',
  verified INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX item_targets_item ON item_targets (item_id);

-- "item_id implements implements_item_id": a lower-level objective or measure answers a higher-level objective.
CREATE TABLE item_links (
  item_id            INTEGER NOT NULL REFERENCES policy_items (id),
  implements_item_id INTEGER NOT NULL REFERENCES policy_items (id),
  created_at         INTEGER NOT NULL,
  created_by         INTEGER REFERENCES users (id),
  PRIMARY KEY (item_id, implements_item_id),
  CHECK (item_id <> implements_item_id)
);
CREATE INDEX item_links_implements ON item_links (implements_item_id);

-- Every change to a document or an item: who, when, and each changed field's value before and after (JSON).
CREATE TABLE policy_history (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES policy_documents (id),
  item_id     INTEGER REFERENCES policy_items (id),  -- NULL for a change to the document itself
  version     INTEGER NOT NULL,
  action      TEXT NOT NULL,
  changes     TEXT NOT NULL,
  changed_by  INTEGER REFERENCES users (id),
  changed_at  INTEGER NOT NULL
);
CREATE INDEX policy_history_item ON policy_history (item_id, id);
CREATE INDEX policy_history_document ON policy_history (document_id, id);
