-- Places beyond Bulgaria. Other countries' municipalities live in the same table as Bulgaria's, so that every module
-- names any municipality by one code: a Bulgarian one keeps its EKATTE code ('VAR24'), another country's is the country
-- and its LAU code ('BE-44021', 'CZ-554821'). Their NUTS 3 regions live beside the oblasts, coded by NUTS ('BE234').
-- What Bulgaria alone has (settlements, EKATTE, the census by ethnic group) stays Bulgaria's.

CREATE TABLE countries (
  code              TEXT PRIMARY KEY,   -- as the EU writes it (ISO 3166-1 alpha-2, but 'EL' for Greece): 'BE'
  name_bg           TEXT NOT NULL,
  name_en           TEXT NOT NULL,
  name_local        TEXT NOT NULL,      -- 'België / Belgique / Belgien'
  languages         TEXT NOT NULL,      -- its official languages, space-separated: 'nl fr de'
  population_source TEXT NOT NULL       -- who published the municipalities' population, as they ask to be named
);
INSERT INTO countries (code, name_bg, name_en, name_local, languages, population_source)
VALUES ('BG', 'България', 'Bulgaria', 'България', 'bg', 'NSI');

-- SQLite cannot add a column that references another table with a default; the stores write only known countries.
ALTER TABLE oblasts ADD COLUMN country_code TEXT NOT NULL DEFAULT 'BG';
ALTER TABLE municipalities ADD COLUMN country_code TEXT NOT NULL DEFAULT 'BG';
-- The code Eurostat's LAU list gives it: Bulgaria's are their EKATTE codes.
ALTER TABLE municipalities ADD COLUMN lau_code TEXT NOT NULL DEFAULT '';
UPDATE municipalities SET lau_code = code;
CREATE INDEX oblasts_country ON oblasts (country_code);
CREATE INDEX municipalities_country ON municipalities (country_code, oblast_code);

-- A municipality's names in its country's languages, where they are more than one or differ from name_bg and
-- name_en ('Brussel' and 'Bruxelles').
CREATE TABLE municipality_names (
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  language          TEXT NOT NULL,      -- 'nl'
  name              TEXT NOT NULL,
  PRIMARY KEY (municipality_code, language)
);
