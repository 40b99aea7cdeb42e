-- What is secured and what is spent are reported after a line is planned; until someone reports them they are NULL
-- ("not reported"), not 0. Before this, an empty box or cell was stored as 0, so a stored 0 cannot be told from one
-- never given: it becomes NULL, and the few who meant a real 0 enter it again (a 0 typed from now on stays 0).
-- SQLite cannot drop NOT NULL: the table is built again. Nothing refers to it.
CREATE TABLE item_budgets_reported (
  item_id       INTEGER NOT NULL REFERENCES policy_items (id),
  source        TEXT NOT NULL REFERENCES funding_sources (code),
  planned_cents INTEGER NOT NULL DEFAULT 0 CHECK (planned_cents >= 0),
  secured_cents INTEGER CHECK (secured_cents >= 0),
  spent_cents   INTEGER CHECK (spent_cents >= 0),
  PRIMARY KEY (item_id, source)
);
INSERT INTO item_budgets_reported
  SELECT item_id, source, planned_cents, NULLIF(secured_cents, 0), NULLIF(spent_cents, 0) FROM item_budgets;
DROP TABLE item_budgets;
ALTER TABLE item_budgets_reported RENAME TO item_budgets;
