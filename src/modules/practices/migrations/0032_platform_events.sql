-- The platform's events and research.
--
-- An event (a platform meeting, an exchange visit, an online working session) is a meeting of the meetings module:
-- its programme is the meeting's agenda, its report the minutes, its follow-up actions the meeting's. This adds what
-- kind of event it is, the municipality that hosts it, and the municipalities taking part with how many people each
-- sent (a count, never a list of people).
CREATE TABLE platform_events (
  meeting_id INTEGER NOT NULL PRIMARY KEY REFERENCES meetings (id),
  kind       TEXT NOT NULL CHECK (kind IN ('platform_meeting', 'exchange_visit', 'working_session')),
  host_code  TEXT REFERENCES municipalities (code),  -- NULL for a session held online
  version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE event_municipalities (
  meeting_id        INTEGER NOT NULL REFERENCES platform_events (meeting_id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  participants      INTEGER NOT NULL DEFAULT 0 CHECK (participants BETWEEN 0 AND 10000),
  PRIMARY KEY (meeting_id, municipality_code)
);
CREATE INDEX event_municipalities_by_place ON event_municipalities (municipality_code);

-- A research study (such as a comparison of three municipalities): the municipalities it studied, and its findings,
-- each of which may name the practice it found.
CREATE TABLE research_studies (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  authors    TEXT NOT NULL DEFAULT '',
  year       INTEGER CHECK (year BETWEEN 1900 AND 2200),
  summary    TEXT NOT NULL DEFAULT '',
  link       TEXT NOT NULL DEFAULT '',  -- where the whole study can be read
  demo       INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users (id)
);

CREATE TABLE study_municipalities (
  study_id          INTEGER NOT NULL REFERENCES research_studies (id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  PRIMARY KEY (study_id, municipality_code)
);
CREATE INDEX study_municipalities_by_place ON study_municipalities (municipality_code);

CREATE TABLE study_findings (
  id          INTEGER PRIMARY KEY,
  study_id    INTEGER NOT NULL REFERENCES research_studies (id),
  position    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  practice_id INTEGER REFERENCES practices (id)
);
CREATE INDEX study_findings_by_study ON study_findings (study_id, position);
CREATE INDEX study_findings_by_practice ON study_findings (practice_id);
