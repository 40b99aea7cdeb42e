-- The NSI's population figures for municipalities themselves (31 December of each year, from 2023), and the Census
-- 2021 of each municipality, oblast and the country (population on 7 September 2021).

-- A year with a figure here gives the municipality's population that year; other years keep the sum over its
-- settlements (0001). An oblast's population is the sum of its municipalities'.
CREATE TABLE municipality_population (
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  year              INTEGER NOT NULL CHECK (year BETWEEN 1800 AND 2200),
  population        INTEGER NOT NULL CHECK (population >= 0),
  PRIMARY KEY (municipality_code, year)
);
CREATE INDEX municipality_population_year ON municipality_population (year);

-- Published aggregates, never data about a person. The ethnic question was voluntary: the last three columns count
-- those who did not answer it. Counts below the small-count threshold are suppressed where they are shown, not here.
CREATE TABLE census_2021 (
  code                         TEXT PRIMARY KEY,  -- 'MON24' (municipality), 'MON' (oblast) or 'BG' (the country)
  level                        TEXT NOT NULL CHECK (level IN ('country', 'oblast', 'municipality')),
  population                   INTEGER NOT NULL CHECK (population >= 0),
  male                         INTEGER NOT NULL CHECK (male >= 0),
  female                       INTEGER NOT NULL CHECK (female >= 0),
  age_0_14                     INTEGER NOT NULL CHECK (age_0_14 >= 0),
  age_15_29                    INTEGER NOT NULL CHECK (age_15_29 >= 0),
  age_30_44                    INTEGER NOT NULL CHECK (age_30_44 >= 0),
  age_45_64                    INTEGER NOT NULL CHECK (age_45_64 >= 0),
  age_65_plus                  INTEGER NOT NULL CHECK (age_65_plus >= 0),
  ethnic_bulgarian             INTEGER NOT NULL CHECK (ethnic_bulgarian >= 0),
  ethnic_turkish               INTEGER NOT NULL CHECK (ethnic_turkish >= 0),
  ethnic_roma                  INTEGER NOT NULL CHECK (ethnic_roma >= 0),
  ethnic_other                 INTEGER NOT NULL CHECK (ethnic_other >= 0),
  ethnic_cannot_determine      INTEGER NOT NULL CHECK (ethnic_cannot_determine >= 0),
  ethnic_not_willing_to_answer INTEGER NOT NULL CHECK (ethnic_not_willing_to_answer >= 0),
  ethnic_not_stated            INTEGER NOT NULL CHECK (ethnic_not_stated >= 0)
);
