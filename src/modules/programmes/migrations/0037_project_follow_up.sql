-- What the partner network follows of each project (issue 17): its activities on a timeline and the plan measures
-- they implement, its budget lines and what each progress report says was spent on them, the reports themselves with
-- every step of their review, and the project's problems and risks. Dates are ISO days as text; amounts are whole
-- cents of the project's currency.

-- The body that meets as the programme's partner network: its meetings' agendas collect the projects' open problems.
ALTER TABLE programmes ADD COLUMN network_body_id INTEGER REFERENCES meeting_bodies (id);
-- How many units of the programme's currency one unit of the project's is worth, as the operator states it ("1.95583"
-- from euros to leva), and the day of that rate; "" while the currencies are the same or nobody stated it.
ALTER TABLE programme_projects ADD COLUMN exchange_rate TEXT NOT NULL DEFAULT '';
ALTER TABLE programme_projects ADD COLUMN exchange_rate_on TEXT NOT NULL DEFAULT '';

CREATE TABLE project_activities (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES programme_projects (id),
  title      TEXT NOT NULL,
  starts_on  TEXT NOT NULL,
  ends_on    TEXT NOT NULL,
  progress   INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  measure_id INTEGER REFERENCES policy_items (id),  -- the measure of a municipal plan it implements
  demo       INTEGER NOT NULL DEFAULT 0,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX project_activities_by_project ON project_activities (project_id, starts_on);
CREATE INDEX project_activities_by_measure ON project_activities (measure_id);

CREATE TABLE project_budget_lines (
  id              INTEGER PRIMARY KEY,
  project_id      INTEGER NOT NULL REFERENCES programme_projects (id),
  name            TEXT NOT NULL,  -- "Staff", "Equipment", "Training"
  funding_source  TEXT NOT NULL,  -- "Swiss contribution", "Municipal co-financing"
  year            INTEGER NOT NULL,
  planned_cents   INTEGER NOT NULL CHECK (planned_cents >= 0),
  committed_cents INTEGER NOT NULL DEFAULT 0 CHECK (committed_cents >= 0),
  UNIQUE (project_id, name, funding_source, year)
);

CREATE TABLE project_reports (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES programme_projects (id),
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  narrative    TEXT NOT NULL DEFAULT '',
  -- Why a budget line was spent above what it planned: a report that does so is refused without it.
  overspend_reason TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
  demo         INTEGER NOT NULL DEFAULT 0,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (project_id, period_start)
);

-- Every step of a report's review, in order: written, submitted, returned with the reasons, accepted.
CREATE TABLE project_report_steps (
  report_id INTEGER NOT NULL REFERENCES project_reports (id),
  position  INTEGER NOT NULL,
  state     TEXT NOT NULL,
  reason    TEXT NOT NULL DEFAULT '',
  by_user   INTEGER REFERENCES users (id),
  by_name   TEXT NOT NULL DEFAULT '',
  at        INTEGER NOT NULL,
  PRIMARY KEY (report_id, position)
);

CREATE TABLE project_report_spending (
  report_id      INTEGER NOT NULL REFERENCES project_reports (id),
  budget_line_id INTEGER NOT NULL REFERENCES project_budget_lines (id),
  spent_cents    INTEGER NOT NULL CHECK (spent_cents >= 0),
  PRIMARY KEY (report_id, budget_line_id)
);

-- The issue register: what went wrong, of what type, how badly, why, who deals with it, and when it was resolved.
CREATE TABLE project_problems (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES programme_projects (id),
  report_id   INTEGER REFERENCES project_reports (id),  -- the report that raised it
  title       TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('partners', 'staff', 'funding', 'procurement', 'community', 'legal',
                                            'schedule', 'other')),
  impact      TEXT NOT NULL DEFAULT '',
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  cause       TEXT NOT NULL DEFAULT '',
  owner       TEXT NOT NULL DEFAULT '',
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  opened_on   TEXT NOT NULL,
  resolved_on TEXT NOT NULL DEFAULT '',
  demo        INTEGER NOT NULL DEFAULT 0,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX project_problems_by_project ON project_problems (project_id, state);

-- The risk register: what may go wrong, how likely and how bad (1 to 5 each), what lessens it, what is done if it
-- happens, who watches it and when it is looked at again.
CREATE TABLE project_risks (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES programme_projects (id),
  title       TEXT NOT NULL,
  likelihood  INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  mitigation  TEXT NOT NULL DEFAULT '',
  contingency TEXT NOT NULL DEFAULT '',
  owner       TEXT NOT NULL DEFAULT '',
  review_on   TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  demo        INTEGER NOT NULL DEFAULT 0,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX project_risks_by_project ON project_risks (project_id, state);
