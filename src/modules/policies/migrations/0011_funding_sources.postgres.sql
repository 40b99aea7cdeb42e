-- Funding sources are reference data rather than a fixed list: the state budget and the Recovery and Resilience Plan
-- join the six sources of 0009, and an administrator adds more (/admin/funding-sources). A source's code names its
-- columns in the action-plan file (`state_planned`, …) and its budget lines; it never changes once in use.
CREATE TABLE funding_sources (
  code       TEXT PRIMARY KEY,
  name_bg    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  position   INTEGER NOT NULL,
  created_at BIGINT NOT NULL DEFAULT 0
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

ALTER TABLE item_budgets DROP CONSTRAINT item_budgets_source_check;
ALTER TABLE item_budgets ADD FOREIGN KEY (source) REFERENCES funding_sources (code);
