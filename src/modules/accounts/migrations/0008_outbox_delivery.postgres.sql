-- Delivery of the outbox by SMTP, when a mail server is configured (`khetane serve --smtp-url`). A message is never
-- deleted for failing: it stays here with its attempts, its last error and when it will be tried again. Times are Unix
-- seconds.
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
-- Not tried before this time: after a failure, the back-off; while a process sends it, that process's claim.
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
-- Set when Khetane stops trying: too many failures, or the link in it expired first.
ALTER TABLE outbox ADD COLUMN given_up_at BIGINT;
-- After this time the message is not worth sending (its link no longer works); NULL: no limit.
ALTER TABLE outbox ADD COLUMN expires_at BIGINT;

-- Messages written before this migration carry links of the usual lifetimes: 2 hours for a reset, 7 days otherwise.
-- Switching a mail server on must not send links that expired long ago.
UPDATE outbox SET expires_at = created_at + CASE purpose WHEN 'password_reset' THEN 7200 ELSE 604800 END;

CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
