-- One number that every change moves on (kernel::DataVersion). Pages kept whole for visitors are kept under it, so
-- that a change made through any server process, or a command, reaches the visitors of every process.
CREATE TABLE data_version (
  scope   TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO data_version (scope, version) VALUES ('site', 1);
