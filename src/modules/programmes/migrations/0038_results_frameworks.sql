-- A programme's and a project's results framework as the donor's IATI file gives it (issue 17): results, their
-- indicators with baselines, and periods with several targets and actuals each, kept as JSON
-- (src/modules/programmes/results_json.hpp) so that an export writes back what was imported; '' for none.
ALTER TABLE programmes ADD COLUMN results TEXT NOT NULL DEFAULT '';
ALTER TABLE programme_projects ADD COLUMN results TEXT NOT NULL DEFAULT '';
