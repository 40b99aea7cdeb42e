-- People follow a measure (or activity), a plan or a municipality, and get a weekly digest of what changed in it
-- through the outbox: verified community assessments, the authority's answers, resolved discrepancies, cycles opened
-- and closed, joint action plan items moved on. digest_sent_at says up to when each person has been told.
CREATE TABLE follows (
  user_id    INTEGER NOT NULL REFERENCES users (id),
  kind       TEXT NOT NULL CHECK (kind IN ('item', 'document', 'municipality')),
  target     TEXT NOT NULL,  -- the item's or the plan's id, the municipality's code
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind, target)
);

CREATE TABLE digests_sent (
  user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id),  -- not an identity: the user's
  sent_at INTEGER NOT NULL
);
