-- Sessions live in the database, so several server processes share them. The cookie holds a random token;
-- only its SHA-256 is stored, so a copy of the database does not let anyone sign in as the users in it.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,          -- Unix seconds
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Sign-in attempts, for rate limiting per account and per address. Only the outcome is kept, never the password.
CREATE TABLE sign_in_attempts (
  email          TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  attempted_at   INTEGER NOT NULL,
  succeeded      INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, attempted_at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (remote_address, attempted_at);

-- Append-only: nothing updates or deletes a row of it.
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor_user_id  INTEGER REFERENCES users (id),
  action         TEXT NOT NULL,           -- 'sign_in', 'sign_in_failed', 'sign_out', 'csrf_rejected', …
  subject        TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL DEFAULT '',
  request_id     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
