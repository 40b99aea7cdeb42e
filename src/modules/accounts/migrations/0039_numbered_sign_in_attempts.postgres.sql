-- Each sign-in attempt gets a number when it begins, so that an attempt counts the failures recorded before it and no
-- two attempts at once can both slip under a limit (docs/SECURITY.md, "Sign-in").
ALTER TABLE sign_in_attempts ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
