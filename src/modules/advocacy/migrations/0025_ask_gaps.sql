-- An ask for a measure a place's plan lacks: linked to the objective above (of the national strategy or the region's
-- plan) that the gap analysis finds nothing in the place's plans implementing, and to that place.
ALTER TABLE campaign_asks ADD COLUMN gap_place_code TEXT NOT NULL DEFAULT '';
