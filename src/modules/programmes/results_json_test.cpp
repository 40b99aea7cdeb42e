#include "modules/programmes/results_json.hpp"

#include <gtest/gtest.h>

namespace programmes {
namespace {

TEST(ResultsJson, KeepsEveryPartOfAResultsFrameworkAndReadsNothingFromTextItDidNotWrite) {
  IatiResult result;
  result.type = "2";
  result.title = {{"bg", "Деца в детска градина"}, {"en", "Children in kindergarten"}};
  IatiIndicator indicator;
  indicator.measure = "2";
  indicator.ascending = false;
  indicator.title = {{"", "Early leavers"}};
  indicator.baseline_year = "2025";
  indicator.baseline_value = "18.5";
  indicator.periods.push_back({"2027-01-01",
                               "2027-12-31",
                               {{"12", {{"sex", "female"}}, {{"en", "a target"}}}},
                               {{"14", {}, {}}, {"11", {{"age", "15-24"}}, {}}}});
  result.indicators = {indicator};
  const std::string text = ResultsToJson({result});
  const std::vector<IatiResult> read = ResultsFromJson(text);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(ResultsToJson(read), text);
  EXPECT_EQ(read[0].title, result.title);
  EXPECT_FALSE(read[0].indicators.at(0).ascending);
  EXPECT_EQ(read[0].indicators[0].periods.at(0).actuals.at(1).dimensions.at(0).second, "15-24");

  EXPECT_EQ(ResultsToJson({}), "");
  EXPECT_TRUE(ResultsFromJson("").empty());
  EXPECT_TRUE(ResultsFromJson("{not json").empty());
  EXPECT_TRUE(ResultsFromJson(R"([{"type": 5}])").empty()) << "a field of another kind";
}

}  // namespace
}  // namespace programmes
