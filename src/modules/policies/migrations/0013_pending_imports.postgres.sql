-- A file whose dry run an official has seen, kept so that "Apply these changes" imports it without choosing it again
-- (docs/formats/action-plan.md, "Dry run"). Bound to the person and the document; the token itself is never stored,
-- only its SHA-256. It lives an hour: an apply after that, or after the file was applied, finds nothing. The file is
-- stored as base64 text, which both databases keep as it is (an XLSX is binary).
CREATE TABLE pending_imports (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  document_id BIGINT NOT NULL REFERENCES policy_documents (id) ON DELETE CASCADE,
  user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL,
  file_base64 TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX pending_imports_created_at ON pending_imports (created_at);
