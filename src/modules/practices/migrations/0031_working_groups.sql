-- Working groups of the practice platform (issue 21, part 5): one for an area of the platform (priority_areas, scheme
-- 'platform'), whose members work for municipalities of several countries; their threads of plain-text posts, the
-- documents they share (checked as monitoring evidence is, kept here by the SHA-256 of the stored bytes), the
-- practices of the library that are the group's outputs, and when each member was last sent a digest of new posts.

CREATE TABLE working_groups (
  id               INTEGER PRIMARY KEY,
  area_id          INTEGER NOT NULL REFERENCES priority_areas (id),
  name             TEXT NOT NULL,
  purpose          TEXT NOT NULL DEFAULT '',
  demo             INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  created_by       INTEGER REFERENCES users (id),
  last_activity_at INTEGER NOT NULL  -- its newest thread or post, else its creation
);
CREATE INDEX working_groups_area ON working_groups (area_id);

-- A person is a member for one municipality a role of theirs covers. user_id is NULL for the demo's invented members,
-- who name nobody (NULLs are distinct, so a group may have several).
CREATE TABLE group_members (
  id                INTEGER PRIMARY KEY,
  group_id          INTEGER NOT NULL REFERENCES working_groups (id),
  user_id           INTEGER REFERENCES users (id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  demo              INTEGER NOT NULL DEFAULT 0,
  joined_at         INTEGER NOT NULL,
  UNIQUE (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE group_threads (
  id           INTEGER PRIMARY KEY,
  group_id     INTEGER NOT NULL REFERENCES working_groups (id),
  title        TEXT NOT NULL,
  started_by   INTEGER REFERENCES users (id),
  demo         INTEGER NOT NULL DEFAULT 0,
  started_at   INTEGER NOT NULL,
  last_post_at INTEGER NOT NULL
);
CREATE INDEX group_threads_group ON group_threads (group_id, last_post_at);

-- The author's name is read from users when shown, so that an erased account shows its pseudonym. municipality_code
-- is the one the author was a member for when writing: what a reader who is no member sees instead of the name; NULL
-- for an administrator of the installation who is no member.
CREATE TABLE group_posts (
  id                INTEGER PRIMARY KEY,
  thread_id         INTEGER NOT NULL REFERENCES group_threads (id),
  author_id         INTEGER REFERENCES users (id),
  municipality_code TEXT REFERENCES municipalities (code),
  body              TEXT NOT NULL,
  demo              INTEGER NOT NULL DEFAULT 0,
  posted_at         INTEGER NOT NULL
);
CREATE INDEX group_posts_thread ON group_posts (thread_id, posted_at);
CREATE INDEX group_posts_posted ON group_posts (posted_at);

-- The bytes as monitoring::PrepareEvidenceFile left them (photos re-encoded without metadata), by their SHA-256. Kept
-- apart from monitoring's evidence_files, whose clean-up deletes the files no assessment holds.
CREATE TABLE group_files (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE group_documents (
  id            INTEGER PRIMARY KEY,
  group_id      INTEGER NOT NULL REFERENCES working_groups (id),
  file_sha256   TEXT NOT NULL REFERENCES group_files (sha256),
  kind          TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
  original_name TEXT NOT NULL DEFAULT '',
  added_by      INTEGER REFERENCES users (id),
  added_at      INTEGER NOT NULL,
  UNIQUE (group_id, file_sha256)
);

CREATE TABLE group_outputs (
  group_id    INTEGER NOT NULL REFERENCES working_groups (id),
  practice_id INTEGER NOT NULL REFERENCES practices (id),
  kind        TEXT NOT NULL CHECK (kind IN ('concept', 'method')),
  demo        INTEGER NOT NULL DEFAULT 0,
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER REFERENCES users (id),
  PRIMARY KEY (group_id, practice_id)
);
CREATE INDEX group_outputs_practice ON group_outputs (practice_id);

-- Each member's digest: the language they read the site in when they last joined a group (users hold none), and up
-- to when they have been told.
CREATE TABLE group_digests (
  user_id  INTEGER NOT NULL PRIMARY KEY REFERENCES users (id),  -- not an identity: the user's
  language TEXT NOT NULL DEFAULT 'bg',
  sent_at  INTEGER
);
