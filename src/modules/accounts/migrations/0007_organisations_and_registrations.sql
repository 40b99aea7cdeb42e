-- Organisations are found by name in either script: the key is core::SearchKey of the name.
ALTER TABLE organisations ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX organisations_by_name ON organisations (search_key);

-- Self-registration as a community monitor (when the installation allows it): the account exists at once, with no
-- role; an administrator approves the request (which grants community_monitor for the municipality) or rejects it.
CREATE TABLE registration_requests (
  id                INTEGER PRIMARY KEY,
  user_id           INTEGER NOT NULL REFERENCES users (id),
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  motivation        TEXT NOT NULL DEFAULT '',
  state             TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  created_at        INTEGER NOT NULL,
  decided_by        INTEGER REFERENCES users (id),
  decided_at        INTEGER,
  decision_note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX registration_requests_by_state ON registration_requests (state, created_at);
CREATE INDEX registration_requests_user ON registration_requests (user_id);
