-- Advocacy the ROMA-UP way: the register of stakeholders an organisation keeps (people with the basis of their consent,
-- or a pseudonym; organisations by sector), their memberships and posts (the Popolo model), the coalitions it leads with
-- their members and activity log, stakeholder maps per issue (each kept when a newer one is drawn), and campaigns whose
-- asks are linked to measures of the plans, with their targets, actions and results linked to the plan's history.

CREATE TABLE stakeholders (
  id                   INTEGER PRIMARY KEY,
  keeper_id            INTEGER NOT NULL REFERENCES organisations (id),  -- the organisation whose register it is
  kind                 TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
  name                 TEXT NOT NULL,
  pseudonym            INTEGER NOT NULL DEFAULT 0,   -- a person registered under a name that is not theirs
  sector               TEXT NOT NULL DEFAULT '',     -- an organisation's: social, professional, business, media …
  place_code           TEXT NOT NULL DEFAULT '',
  summary              TEXT NOT NULL DEFAULT '',
  email                TEXT NOT NULL DEFAULT '',     -- contact details: for the keeper's editors only
  phone                TEXT NOT NULL DEFAULT '',
  consent_basis        TEXT NOT NULL DEFAULT '',     -- a person's: consent, public_role, legitimate_interest
  consent_purpose      TEXT NOT NULL DEFAULT '',
  consent_on           TEXT NOT NULL DEFAULT '',
  consent_recorded_by  INTEGER REFERENCES users (id),
  consent_withdrawn_on TEXT NOT NULL DEFAULT '',
  erased_on            TEXT NOT NULL DEFAULT '',     -- erased on request (GDPR Art. 17): the row keeps the history's shape
  demo                 INTEGER NOT NULL DEFAULT 0,
  created_at           INTEGER NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stakeholders_by_keeper ON stakeholders (keeper_id, kind);

-- A person or an organisation in an organisation (Popolo's membership), with a role or a post, on behalf of another.
CREATE TABLE stakeholder_memberships (
  id              INTEGER PRIMARY KEY,
  member_id       INTEGER NOT NULL REFERENCES stakeholders (id),
  organization_id INTEGER NOT NULL REFERENCES stakeholders (id),
  role            TEXT NOT NULL DEFAULT '',
  post            TEXT NOT NULL DEFAULT '',
  on_behalf_of_id INTEGER REFERENCES stakeholders (id),
  start_date      TEXT NOT NULL DEFAULT '',
  end_date        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stakeholder_memberships_by_member ON stakeholder_memberships (member_id);
CREATE INDEX stakeholder_memberships_by_organization ON stakeholder_memberships (organization_id);

CREATE TABLE coalitions (
  id             INTEGER PRIMARY KEY,
  keeper_id      INTEGER NOT NULL REFERENCES organisations (id),
  name           TEXT NOT NULL,
  goals          TEXT NOT NULL DEFAULT '',
  place_code     TEXT NOT NULL DEFAULT '',
  members_public INTEGER NOT NULL DEFAULT 0,
  demo           INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL
);

CREATE TABLE coalition_members (
  coalition_id   INTEGER NOT NULL REFERENCES coalitions (id),
  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders (id),
  joined_on      TEXT NOT NULL,
  PRIMARY KEY (coalition_id, stakeholder_id)
);

CREATE TABLE coalition_log (
  id           INTEGER PRIMARY KEY,
  coalition_id INTEGER NOT NULL REFERENCES coalitions (id),
  day          TEXT NOT NULL,
  text         TEXT NOT NULL,
  recorded_by  INTEGER REFERENCES users (id),
  recorded_at  INTEGER NOT NULL
);
CREATE INDEX coalition_log_by_coalition ON coalition_log (coalition_id, day);

CREATE TABLE stakeholder_maps (
  id           INTEGER PRIMARY KEY,
  coalition_id INTEGER NOT NULL REFERENCES coalitions (id),
  issue        TEXT NOT NULL,
  drawn_on     TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);

CREATE TABLE stakeholder_positions (
  map_id         INTEGER NOT NULL REFERENCES stakeholder_maps (id),
  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders (id),
  influence      INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
  interest       INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
  stance         TEXT NOT NULL CHECK (stance IN ('ally', 'neutral', 'opponent')),
  wants          TEXT NOT NULL DEFAULT '',
  known_by_id    INTEGER REFERENCES stakeholders (id),  -- who in the coalition knows them
  PRIMARY KEY (map_id, stakeholder_id)
);

CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  coalition_id INTEGER NOT NULL REFERENCES coalitions (id),
  title        TEXT NOT NULL,
  goal         TEXT NOT NULL,
  stage        TEXT NOT NULL CHECK (stage IN ('empowerment', 'coalition', 'action', 'follow_up')),
  demo         INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);

-- What a campaign asks: a change to a measure or objective of a plan, or a measure the plan lacks.
CREATE TABLE campaign_asks (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  text        TEXT NOT NULL,
  item_id     INTEGER REFERENCES policy_items (id)
);
CREATE INDEX campaign_asks_by_item ON campaign_asks (item_id);

CREATE TABLE campaign_targets (
  campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders (id),
  PRIMARY KEY (campaign_id, stakeholder_id)
);

CREATE TABLE campaign_actions (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  kind        TEXT NOT NULL CHECK (kind IN ('meeting', 'letter', 'information_request', 'media', 'public_event',
                                            'petition')),
  day         TEXT NOT NULL,
  title       TEXT NOT NULL,
  outcome     TEXT NOT NULL DEFAULT '',
  link        TEXT NOT NULL DEFAULT '',  -- its page in Khetane: "/meetings/3", "/requests/12"
  supporters  INTEGER                    -- a petition's
);

-- What came of it, linked to the change in the plan's history it was (the item and its version after the change).
CREATE TABLE campaign_results (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns (id),
  kind         TEXT NOT NULL CHECK (kind IN ('measure_adopted', 'budget_line_added', 'activity_restarted', 'other')),
  day          TEXT NOT NULL,
  text         TEXT NOT NULL,
  item_id      INTEGER REFERENCES policy_items (id),
  item_version INTEGER
);
CREATE INDEX campaign_results_by_item ON campaign_results (item_id);
