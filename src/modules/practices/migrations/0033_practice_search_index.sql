-- Nothing to do on SQLite: its FTS5 table has no pending list (see the PostgreSQL twin of this file).
SELECT 1;
