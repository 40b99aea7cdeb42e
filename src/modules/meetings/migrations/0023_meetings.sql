-- Bodies that meet (a council committee, a council for cooperation on ethnic and integration issues, a working group,
-- a partner network, a platform), their meetings with agendas, attendance counted by kind of participant (never a
-- list of people or of anyone's ethnicity), minutes, decisions and follow-up actions carried to the next meeting
-- until done; who registered for a meeting, and each person's secret calendar address.

CREATE TABLE meeting_bodies (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  place_code  TEXT NOT NULL,
  demo        INTEGER NOT NULL DEFAULT 0,
  created_by  INTEGER REFERENCES users (id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX meeting_bodies_by_place ON meeting_bodies (place_code);

CREATE TABLE meetings (
  id           INTEGER PRIMARY KEY,
  body_id      INTEGER NOT NULL REFERENCES meeting_bodies (id),
  title        TEXT NOT NULL,
  starts_at    TEXT NOT NULL,  -- Sofia's local time, "2027-01-14T10:00"
  ends_at      TEXT NOT NULL,
  location     TEXT NOT NULL DEFAULT '',
  link         TEXT NOT NULL DEFAULT '',
  is_public    INTEGER NOT NULL DEFAULT 1,
  announced_on TEXT NOT NULL DEFAULT '',
  minutes      TEXT NOT NULL DEFAULT '',
  minutes_html TEXT NOT NULL DEFAULT '',
  demo         INTEGER NOT NULL DEFAULT 0,
  version      INTEGER NOT NULL DEFAULT 1,
  created_by   INTEGER REFERENCES users (id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX meetings_by_body ON meetings (body_id, starts_at);

CREATE TABLE meeting_follow_ups (
  id             INTEGER PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
  agenda_item_id INTEGER,
  action         TEXT NOT NULL,
  owner          TEXT NOT NULL,
  due_on         TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('open', 'in_progress', 'done', 'dropped')),
  done_on        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE meeting_agenda_items (
  id           INTEGER PRIMARY KEY,
  meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
  position     INTEGER NOT NULL,
  title        TEXT NOT NULL,
  link         TEXT NOT NULL DEFAULT '',
  follow_up_id INTEGER REFERENCES meeting_follow_ups (id)
);
CREATE INDEX meeting_agenda_items_by_meeting ON meeting_agenda_items (meeting_id, position);
CREATE INDEX meeting_agenda_items_by_link ON meeting_agenda_items (link);

CREATE TABLE meeting_decisions (
  id             INTEGER PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
  agenda_item_id INTEGER REFERENCES meeting_agenda_items (id),
  text           TEXT NOT NULL
);

CREATE TABLE meeting_attendance (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  kind       TEXT NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, kind)
);

CREATE TABLE meeting_registrations (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  user_id    INTEGER NOT NULL REFERENCES users (id),
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE calendar_feeds (
  user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id),
  token   TEXT NOT NULL UNIQUE
);
