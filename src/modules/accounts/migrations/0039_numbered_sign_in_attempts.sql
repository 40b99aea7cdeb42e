-- Each sign-in attempt gets a number when it begins, so that an attempt counts the failures recorded before it and no
-- two attempts at once can both slip under a limit (docs/SECURITY.md, "Sign-in").
CREATE TABLE sign_in_attempts_numbered (
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  attempted_at   INTEGER NOT NULL,
  succeeded      INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
INSERT INTO sign_in_attempts_numbered (email, remote_address, attempted_at, succeeded)
  SELECT email, remote_address, attempted_at, succeeded FROM sign_in_attempts ORDER BY attempted_at;
DROP TABLE sign_in_attempts;
ALTER TABLE sign_in_attempts_numbered RENAME TO sign_in_attempts;
CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, attempted_at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (remote_address, attempted_at);
