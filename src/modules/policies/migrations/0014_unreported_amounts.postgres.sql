-- What is secured and what is spent are reported after a line is planned; until someone reports them they are NULL
-- ("not reported"), not 0. Before this, an empty box or cell was stored as 0, so a stored 0 cannot be told from one
-- never given: it becomes NULL, and the few who meant a real 0 enter it again (a 0 typed from now on stays 0).
ALTER TABLE item_budgets ALTER COLUMN secured_cents DROP NOT NULL;
ALTER TABLE item_budgets ALTER COLUMN secured_cents DROP DEFAULT;
ALTER TABLE item_budgets ALTER COLUMN spent_cents DROP NOT NULL;
ALTER TABLE item_budgets ALTER COLUMN spent_cents DROP DEFAULT;
UPDATE item_budgets SET secured_cents = NULLIF(secured_cents, 0), spent_cents = NULLIF(spent_cents, 0);
