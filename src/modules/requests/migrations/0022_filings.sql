-- Information requests (Access to Public Information Act), proposals and signals (Administrative Procedure Code)
-- a community files with an institution, and what happened to each since, as dated events; the deadlines are
-- computed from them by the legal clock's rules (0021), never stored. Reminders sent are recorded so that each is
-- sent once.

CREATE TABLE filings (
  id                  INTEGER PRIMARY KEY,
  kind                TEXT NOT NULL CHECK (kind IN ('information_request', 'proposal', 'signal')),
  place_code          TEXT NOT NULL,  -- a municipality's, an oblast's code, or 'BG'
  addressee_kind      TEXT NOT NULL,
  addressee           TEXT NOT NULL,
  channel             TEXT NOT NULL,
  access_form         TEXT NOT NULL DEFAULT '',
  subject             TEXT NOT NULL,
  body                TEXT NOT NULL,
  filed_on            TEXT NOT NULL,
  registered_on       TEXT NOT NULL,
  registration_number TEXT NOT NULL DEFAULT '',
  violation_on        TEXT NOT NULL DEFAULT '',
  filed_by            INTEGER REFERENCES users (id),
  filer_name          TEXT NOT NULL DEFAULT '',
  organisation_id     INTEGER REFERENCES organisations (id),
  organisation_name   TEXT NOT NULL DEFAULT '',
  contact             TEXT NOT NULL DEFAULT '',
  is_public           INTEGER NOT NULL DEFAULT 1,
  demo                INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX filings_by_place ON filings (place_code, kind);
CREATE INDEX filings_by_filer ON filings (filed_by);

CREATE TABLE filing_events (
  id          INTEGER PRIMARY KEY,
  filing_id   INTEGER NOT NULL REFERENCES filings (id),
  kind        TEXT NOT NULL CHECK (kind IN ('clarification_asked', 'clarified', 'extended', 'decided', 'appealed')),
  day         TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '',
  grounds     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES users (id),
  recorded_by_name TEXT NOT NULL DEFAULT '',
  recorded_at INTEGER NOT NULL
);
CREATE INDEX filing_events_by_filing ON filing_events (filing_id, id);

-- A reminder before a deadline ('before') or the news that it passed ('passed'), once per deadline day.
CREATE TABLE filing_reminders (
  filing_id INTEGER NOT NULL REFERENCES filings (id),
  kind      TEXT NOT NULL CHECK (kind IN ('before', 'passed')),
  due_on    TEXT NOT NULL,
  sent_at   INTEGER NOT NULL,
  PRIMARY KEY (filing_id, kind, due_on)
);
