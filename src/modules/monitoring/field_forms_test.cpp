#include "modules/monitoring/field_forms.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace monitoring {
namespace {

Cycle PseudonymousCycle() {
  Cycle cycle;
  cycle.id = 4;
  cycle.title = "Лом, 2027";
  cycle.identity_rule = "pseudonymous";
  cycle.criteria = {{"Достъпност", "Access"}, {"Качество", "Quality"}};
  return cycle;
}

std::vector<core::CsvRow> Rows(std::vector<std::vector<std::string>> rows) {
  std::vector<core::CsvRow> table;
  for (std::size_t i = 0; i < rows.size(); ++i) table.push_back({i + 1, std::move(rows[i])});
  return table;
}

bool HasRow(const std::vector<std::vector<std::string>>& sheet, std::size_t column, const std::string& value) {
  return std::ranges::any_of(sheet, [&](const auto& row) { return row.size() > column && row[column] == value; });
}

TEST(XlsForm, AsksForEachCriterionsScoreWithItsRangeAndOffersTheCyclesMeasures) {
  const XlsForm form = MakeXlsForm(PseudonymousCycle(), {{12, "1.1 Медиатори", "1.1 Mediators"}}, "20261205");
  ASSERT_EQ(form.survey.front()[0], "type");
  for (const char* name :
       {"item", "observed_status", "score_0", "reason_0", "suggestion_1", "narrative", "pseudonym"}) {
    EXPECT_TRUE(HasRow(form.survey, 1, name)) << name;
  }
  const auto score = std::ranges::find_if(form.survey, [](const auto& row) { return row[1] == "score_1"; });
  EXPECT_EQ((*score)[0], "integer");
  EXPECT_EQ((*score)[3], "Quality: score from 0 to 100");
  EXPECT_EQ((*score)[7], ". >= 0 and . <= 100");
  EXPECT_TRUE(HasRow(form.choices, 1, "12"));
  EXPECT_TRUE(HasRow(form.choices, 1, "not_visible"));
  EXPECT_EQ(form.settings[1][1], "khetane_cycle_4");
  Cycle named = PseudonymousCycle();
  named.identity_rule = "named";
  EXPECT_FALSE(HasRow(MakeXlsForm(named, {}, "1").survey, 1, "pseudonym"));
}

TEST(Submissions, AnOdkCentralExportIsReadByFieldWhateverTheGroupPath) {
  const Submissions read = ReadSubmissions(
      Rows({{"SubmissionDate", "assessment-item", "assessment-observed_status", "assessment-score_0",
             "assessment-reason_0", "assessment-score_1", "narrative", "pseudonym", "meta-instanceID", "KEY"},
            {"2027-03-01", "12", "delayed", "40", "Далеч е.", "", "Няма медиатор.", "Роза", "uuid:a1", "uuid:a1"},
            {"2027-03-02", "12", "in_progress", "seventy", "", "55", "", "Асен", "uuid:a2", "uuid:a2"}}),
      PseudonymousCycle());
  ASSERT_TRUE(read.file_problems.empty());
  ASSERT_EQ(read.rows.size(), 2u);
  const Submission& first = read.rows[0];
  EXPECT_EQ(first.instance_id, "uuid:a1");
  EXPECT_EQ(first.line, 2u);
  EXPECT_EQ(first.assessment.item_id, 12);
  EXPECT_EQ(first.assessment.observed_status, "delayed");
  ASSERT_EQ(first.assessment.scores.size(), 1u) << "criteria left empty are not scored";
  EXPECT_EQ(first.assessment.scores[0].score, 40);
  EXPECT_EQ(first.assessment.scores[0].reason, "Далеч е.");
  EXPECT_EQ(first.assessment.pseudonym, "Роза");
  ASSERT_EQ(read.rows[1].problems.size(), 1u);
  EXPECT_EQ(read.rows[1].problems[0].field, "assessment-score_0") << "the column as the file names it";
  EXPECT_EQ(read.rows[1].problems[0].value, "seventy");
}

TEST(Submissions, AKoboExportIsNamedByItsUuidAndAFileWithoutIdsOrItemsIsRefusedAsAWhole) {
  const Submissions kobo = ReadSubmissions(
      Rows({{"item", "observed_status", "_id", "_uuid"}, {"12", "completed", "301", "5b7e-11"}}), PseudonymousCycle());
  ASSERT_EQ(kobo.rows.size(), 1u);
  EXPECT_EQ(kobo.rows[0].instance_id, "5b7e-11");
  EXPECT_EQ(ReadSubmissions(Rows({{"item", "observed_status"}, {"12", "completed"}}), PseudonymousCycle())
                .file_problems.front()
                .field,
            "instanceID");
  EXPECT_EQ(ReadSubmissions(Rows({{"meta/instanceID"}, {"uuid:1"}}), PseudonymousCycle()).file_problems.front().field,
            "item");
}

TEST(Submissions, OneInstanceAlwaysGivesOneKeyAndAnotherCycleAnother) {
  Cycle other = PseudonymousCycle();
  other.id = 5;
  EXPECT_EQ(SubmissionKey(PseudonymousCycle(), "uuid:a1"), SubmissionKey(PseudonymousCycle(), "uuid:a1"));
  EXPECT_NE(SubmissionKey(PseudonymousCycle(), "uuid:a1"), SubmissionKey(PseudonymousCycle(), "uuid:a2"));
  EXPECT_NE(SubmissionKey(PseudonymousCycle(), "uuid:a1"), SubmissionKey(other, "uuid:a1"));
}

}  // namespace
}  // namespace monitoring
