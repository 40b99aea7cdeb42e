-- Funding sources are reference data rather than a fixed list: the state budget and the Recovery and Resilience Plan
-- join the six sources of 0009, and an administrator adds more (/admin/funding-sources). A source's code names its
-- columns in the action-plan file (`state_planned`, …) and its budget lines; it never changes once in use.
CREATE TABLE funding_sources (
  code       TEXT PRIMARY KEY,
  name_bg    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  position   INTEGER NOT NULL,
  created_at INTEGER NOT NULL DEFAULT 0
);

INSERT INTO funding_sources (code, name_bg, name_en, position) VALUES
  ('municipal', 'Общински бюджет', 'Municipal budget', 10),
  ('state', 'Държавен бюджет', 'State budget', 20),
  ('esf_plus', 'ЕСФ+', 'ESF+', 30),
  ('erdf', 'ЕФРР', 'ERDF', 40),
  ('eea_norway', 'Финансов механизъм на ЕИП и Норвегия', 'EEA and Norway grants', 50),
  ('swiss', 'Българо-швейцарска програма', 'Swiss–Bulgarian programme', 60),
  ('rrp', 'План за възстановяване и устойчивост', 'Recovery and Resilience Plan', 70),
  ('other', 'Друг източник', 'Other source', 1000);

-- SQLite cannot drop a CHECK: the table is built again with a reference to the sources instead. Nothing refers to it.
CREATE TABLE item_budgets_with_sources (
  item_id       INTEGER NOT NULL REFERENCES policy_items (id),
  source        TEXT NOT NULL REFERENCES funding_sources (code),
  planned_cents INTEGER NOT NULL DEFAULT 0 CHECK (planned_cents >= 0),
  secured_cents INTEGER NOT NULL DEFAULT 0 CHECK (secured_cents >= 0),
  spent_cents   INTEGER NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
  PRIMARY KEY (item_id, source)
);
INSERT INTO item_budgets_with_sources SELECT item_id, source, planned_cents, secured_cents, spent_cents FROM item_budgets;
DROP TABLE item_budgets;
ALTER TABLE item_budgets_with_sources RENAME TO item_budgets;
