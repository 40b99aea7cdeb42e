-- API tokens for scripts and other systems: `Authorization: Bearer kht_…`. Only the token's SHA-256 is stored;
-- a revoked token stays listed (for the audit) and no longer works.
CREATE TABLE api_tokens (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users (id),
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL DEFAULT '',
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
