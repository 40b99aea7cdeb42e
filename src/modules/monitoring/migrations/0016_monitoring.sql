-- Community monitoring: cycles, their criteria, assessments with scores and evidence, moderation and the authority's
-- replies, every step in an assessment's history, and the discrepancies people resolved.

CREATE TABLE monitoring_cycles (
  id                INTEGER PRIMARY KEY,
  title             TEXT NOT NULL,
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  document_id       INTEGER REFERENCES policy_documents (id),  -- one plan; NULL: every plan of the municipality
  period_start      TEXT NOT NULL,
  period_end        TEXT NOT NULL,
  method            TEXT NOT NULL CHECK (method IN ('scorecard', 'plan_review')),
  identity_rule     TEXT NOT NULL CHECK (identity_rule IN ('named', 'pseudonymous', 'anonymous')),
  participation     TEXT NOT NULL CHECK (participation IN ('organisation', 'any_monitor')),
  organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  demo              INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL,
  created_by        INTEGER REFERENCES users (id)
);
CREATE INDEX monitoring_cycles_municipality ON monitoring_cycles (municipality_code, period_start);

CREATE TABLE cycle_criteria (
  cycle_id INTEGER NOT NULL REFERENCES monitoring_cycles (id),
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  name_en  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (cycle_id, position)
);

-- filed_by is NULL in an anonymous cycle: nothing here, in the history or in the audit log names who filed.
-- key_hash is the hash of the form's idempotency key, which is also the monitor's receipt: whoever holds the receipt
-- link (the monitor, on their phone) comes back to it to read the moderators' questions and add evidence.
CREATE TABLE assessments (
  id              INTEGER PRIMARY KEY,
  cycle_id        INTEGER NOT NULL REFERENCES monitoring_cycles (id),
  item_id         INTEGER NOT NULL REFERENCES policy_items (id),
  observed_status TEXT NOT NULL
                  CHECK (observed_status IN ('not_started', 'in_progress', 'completed', 'delayed', 'not_visible')),
  narrative       TEXT NOT NULL DEFAULT '',
  filed_by        INTEGER REFERENCES users (id),
  pseudonym       TEXT NOT NULL DEFAULT '',
  state           TEXT NOT NULL DEFAULT 'submitted'
                  CHECK (state IN ('submitted', 'needs_evidence', 'verified', 'rejected')),
  state_reason    TEXT NOT NULL DEFAULT '',
  key_hash        TEXT NOT NULL UNIQUE,
  content_digest  TEXT NOT NULL,
  demo            INTEGER NOT NULL DEFAULT 0,
  filed_at        INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assessments_item ON assessments (item_id, state);
CREATE INDEX assessments_cycle ON assessments (cycle_id, state);

CREATE TABLE assessment_scores (
  assessment_id INTEGER NOT NULL REFERENCES assessments (id),
  position      INTEGER NOT NULL,
  score         INTEGER CHECK (score BETWEEN 0 AND 100),
  reason        TEXT NOT NULL DEFAULT '',
  suggestion    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, position)
);

-- Files by the SHA-256 of what is stored (a photo after it was downscaled and stripped): one copy of a file however
-- often it is sent. In the database, so that every process serves every file (ARCHITECTURE.md, "Scaling out").
CREATE TABLE evidence_files (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE assessment_evidence (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments (id),
  kind          TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'link', 'authority_letter')),
  visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'moderators', 'authority')),
  url           TEXT NOT NULL DEFAULT '',
  file_sha256   TEXT REFERENCES evidence_files (sha256),
  original_name TEXT NOT NULL DEFAULT '',
  added_at      INTEGER NOT NULL
);
CREATE INDEX assessment_evidence_assessment ON assessment_evidence (assessment_id);
CREATE INDEX assessment_evidence_file ON assessment_evidence (file_sha256);

-- Every step, in order. actor_id is NULL for what an anonymous monitor did.
-- Files of a form the server refused (a score of 140): kept, downscaled and stripped, under the form's key, so that
-- the monitor need not take the photos again; attached when the form is sent again with the same key.
CREATE TABLE pending_uploads (
  key_hash      TEXT NOT NULL,
  file_sha256   TEXT NOT NULL REFERENCES evidence_files (sha256),
  kind          TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'authority_letter')),
  original_name TEXT NOT NULL DEFAULT '',
  added_at      INTEGER NOT NULL,
  PRIMARY KEY (key_hash, file_sha256)
);

CREATE TABLE assessment_events (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments (id),
  action        TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  actor_id      INTEGER REFERENCES users (id),
  at            INTEGER NOT NULL
);
CREATE INDEX assessment_events_assessment ON assessment_events (assessment_id, id);

CREATE TABLE assessment_replies (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments (id),
  body          TEXT NOT NULL,
  replied_by    INTEGER REFERENCES users (id),  -- NULL only in the demo data
  replied_at    INTEGER NOT NULL
);
CREATE INDEX assessment_replies_assessment ON assessment_replies (assessment_id, id);

-- A discrepancy is computed from the two views when read; what people said to resolve one is kept here, by measure
-- and cycle, and the newest note stands.
CREATE TABLE discrepancy_resolutions (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES policy_items (id),
  cycle_id    INTEGER NOT NULL REFERENCES monitoring_cycles (id),
  note        TEXT NOT NULL,
  side        TEXT NOT NULL CHECK (side IN ('community', 'authority')),
  resolved_by INTEGER NOT NULL REFERENCES users (id),
  resolved_at INTEGER NOT NULL
);
CREATE INDEX discrepancy_resolutions_item ON discrepancy_resolutions (item_id, cycle_id);

-- A cycle closes with an interface meeting: what it agreed is a joint action plan, items with an owner, a due date
-- and a status, which later cycles of the municipality follow up until each is done or dropped.
CREATE TABLE cycle_outcomes (
  cycle_id     INTEGER NOT NULL PRIMARY KEY REFERENCES monitoring_cycles (id),  -- not an identity: the cycle's
  meeting_date TEXT NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  closed_by    INTEGER REFERENCES users (id),
  closed_at    INTEGER NOT NULL
);

CREATE TABLE cycle_actions (
  id         INTEGER PRIMARY KEY,
  cycle_id   INTEGER NOT NULL REFERENCES monitoring_cycles (id),
  title      TEXT NOT NULL,
  owner      TEXT NOT NULL,
  due_date   TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  note       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users (id)
);
CREATE INDEX cycle_actions_cycle ON cycle_actions (cycle_id, id);
