-- Bulgarian administrative units from the NSI's EKATTE classifier, with population by year and boundaries.
-- A municipality's population is never stored: it is the sum over its settlements.

CREATE TABLE oblasts (
  code       TEXT PRIMARY KEY,          -- 'BLG'
  ekatte     TEXT NOT NULL,             -- EKATTE code of the administrative centre
  name_bg    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  nuts2      TEXT NOT NULL,             -- 'BG41'
  nuts3      TEXT NOT NULL,             -- 'BG413'
  search_key TEXT NOT NULL
);

CREATE TABLE municipalities (
  code        TEXT PRIMARY KEY,         -- obstina code as in Ek_obst.csv, also the LAU code: 'BLG03'
  oblast_code TEXT NOT NULL REFERENCES oblasts (code),
  ekatte      TEXT NOT NULL,            -- EKATTE code of the administrative centre
  name_bg     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  nuts3       TEXT NOT NULL,
  search_key  TEXT NOT NULL
);
CREATE INDEX municipalities_oblast ON municipalities (oblast_code);

CREATE TABLE settlements (
  ekatte            TEXT PRIMARY KEY,   -- '04279'
  municipality_code TEXT NOT NULL REFERENCES municipalities (code),
  kind              TEXT NOT NULL CHECK (kind IN ('city', 'village', 'monastery')),
  name_bg           TEXT NOT NULL,
  name_en           TEXT NOT NULL,
  search_key        TEXT NOT NULL
);
CREATE INDEX settlements_municipality ON settlements (municipality_code);

CREATE TABLE settlement_population (
  ekatte     TEXT NOT NULL REFERENCES settlements (ekatte),
  year       INTEGER NOT NULL CHECK (year BETWEEN 1800 AND 2200),
  population INTEGER NOT NULL CHECK (population >= 0),
  PRIMARY KEY (ekatte, year)
);
-- Pages show the latest year with figures: MAX(year) reads this index, not the whole table.
CREATE INDEX settlement_population_year ON settlement_population (year);

-- GeoJSON geometry (Polygon or MultiPolygon, lon/lat) keyed by oblast or municipality code;
-- administrators may replace the shipped simplified boundaries with official ones.
CREATE TABLE place_boundaries (
  code     TEXT PRIMARY KEY,
  level    TEXT NOT NULL CHECK (level IN ('oblast', 'municipality')),
  geometry TEXT NOT NULL
);
