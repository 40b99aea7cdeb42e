-- One-time links (invitations and password resets) and the outbox of messages. There is no mail server: the outbox
-- keeps what would be sent, and the inviter sees the link. Times are Unix seconds.
CREATE TABLE one_time_links (
  token_hash       TEXT PRIMARY KEY,  -- HashToken(token): the token itself is never stored
  purpose          TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  user_id          INTEGER NOT NULL REFERENCES users (id),
  -- The role an invitation grants when it is accepted; NULL for a password reset.
  grant_role       TEXT CHECK (grant_role IN ('community_monitor', 'cso_editor', 'municipal_official', 'coordinator',
                                              'programme_operator', 'administrator')),
  grant_scope_kind TEXT CHECK (grant_scope_kind IN ('installation', 'oblast', 'municipality', 'organisation')),
  grant_scope_code TEXT,
  created_by       INTEGER REFERENCES users (id),
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  used_at          INTEGER
);
CREATE INDEX one_time_links_user ON one_time_links (user_id);

CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  recipient  TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body_text  TEXT NOT NULL,
  purpose    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at);
