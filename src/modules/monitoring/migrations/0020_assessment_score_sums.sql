-- Each assessment carries the sum and the count of its scores, written when it is filed (its scores never change
-- afterwards): the community's view of every measure in the country is then read from the assessments alone, not
-- joined with their scores, five times as many rows (docs/PERFORMANCE.md, "Dashboards at national scale").
ALTER TABLE assessments ADD COLUMN score_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessments ADD COLUMN score_count INTEGER NOT NULL DEFAULT 0;
UPDATE assessments
   SET score_total = COALESCE((SELECT SUM(s.score) FROM assessment_scores s WHERE s.assessment_id = assessments.id), 0),
       score_count = (SELECT COUNT(s.score) FROM assessment_scores s WHERE s.assessment_id = assessments.id);
