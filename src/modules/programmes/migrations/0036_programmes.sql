-- Donor programmes and their projects (issue 17), as an operator enters them or a donor's IATI file brings them.
-- Dates are ISO days as text ("2027-01-01"), never converted; amounts are whole cents of the row's currency.
CREATE TABLE programmes (
  id              INTEGER PRIMARY KEY,
  iati_identifier TEXT UNIQUE,             -- NULL for a programme entered by hand
  title           TEXT NOT NULL,
  title_language  TEXT NOT NULL DEFAULT '',
  description     TEXT NOT NULL DEFAULT '',
  donor           TEXT NOT NULL DEFAULT '',
  operator        TEXT NOT NULL DEFAULT '',
  currency        TEXT NOT NULL,
  budget_cents    INTEGER,                 -- NULL when unknown, or its budgets are in several currencies
  period_start    TEXT,
  period_end      TEXT,
  demo            INTEGER NOT NULL DEFAULT 0,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

CREATE TABLE programme_projects (
  id                INTEGER PRIMARY KEY,
  programme_id      INTEGER NOT NULL REFERENCES programmes (id),
  iati_identifier   TEXT UNIQUE,
  title             TEXT NOT NULL,
  title_language    TEXT NOT NULL DEFAULT '',
  description       TEXT NOT NULL DEFAULT '',
  municipality_code TEXT REFERENCES municipalities (code),  -- the beneficiary municipality, once it is known
  status            TEXT NOT NULL DEFAULT 'implementation' CHECK (status IN
                      ('pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended')),
  currency          TEXT NOT NULL,
  planned_start     TEXT,
  planned_end       TEXT,
  actual_start      TEXT,
  actual_end        TEXT,
  demo              INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX programme_projects_by_programme ON programme_projects (programme_id);
CREATE INDEX programme_projects_by_place ON programme_projects (municipality_code);

-- Who takes part in a project: municipalities, schools, clinics, NGOs, universities … by role.
CREATE TABLE project_partners (
  project_id INTEGER NOT NULL REFERENCES programme_projects (id),
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  ref        TEXT NOT NULL DEFAULT '',  -- an IATI organisation identifier
  role       TEXT NOT NULL CHECK (role IN ('funding', 'accountable', 'extending', 'implementing')),
  kind       TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
               ('government', 'local_government', 'ngo', 'academic', 'private', 'multilateral', 'other')),
  PRIMARY KEY (project_id, position)
);

CREATE TABLE project_budgets (
  project_id   INTEGER NOT NULL REFERENCES programme_projects (id),
  position     INTEGER NOT NULL,
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  committed    INTEGER NOT NULL DEFAULT 0,  -- 1: committed; 0: indicative
  PRIMARY KEY (project_id, position)
);

CREATE TABLE project_transactions (
  project_id   INTEGER NOT NULL REFERENCES programme_projects (id),
  position     INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('incoming', 'commitment', 'disbursement', 'expenditure', 'other')),
  day          TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (project_id, position)
);
