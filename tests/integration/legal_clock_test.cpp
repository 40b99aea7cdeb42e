// The legal clock in-process over the seeded reference data: what a visitor reads at /legal-clock, the calculator,
// and the rules and days as JSON.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "application/application.hpp"
#include "support/in_process_site.hpp"

namespace {

using nlohmann::json;

class LegalClockTest : public test_support::InProcessSite {};

TEST_F(LegalClockTest, EveryRuleCitesItsArticleAndSaysWhenItWasNotChecked) {
  const http::Response page = Get("/legal-clock");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("ЗДОИ, чл. 28(1)"), std::string::npos);
  EXPECT_NE(page.body.find("not checked against the law&apos;s current text"), std::string::npos)
      << "Art. 28(1) is marked ~ in the domain notes";
  EXPECT_NE(page.body.find("Good Friday"), std::string::npos) << "this year's non-working days";
  EXPECT_NE(Get("/legal-clock", "", "bg").body.find("Законови срокове"), std::string::npos);
}

TEST_F(LegalClockTest, TheCalculatorMovesADeadlineOffAHolidayAndSaysWhy) {
  const http::Response page = Get("/legal-clock", "rule=info_request_decision&start=2026-03-27");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Started on 27 March 2026, the deadline ends on 14 April 2026."), std::string::npos);
  EXPECT_NE(page.body.find("10 April 2026 is not a working day (Good Friday)"), std::string::npos);
  EXPECT_NE(page.body.find("was not checked against the law&apos;s current text"), std::string::npos)
      << "the moving rule itself is unchecked";
  EXPECT_NE(Get("/legal-clock", "rule=nonsense&start=2026-02-30").body.find("Choose a deadline and the day it starts"),
            std::string::npos);
}

TEST_F(LegalClockTest, TheRulesAndTheDaysAreOpenData) {
  const http::Response rules = Get("/api/v1/legal-clock/rules");
  ASSERT_EQ(rules.status, 200);
  const json list = json::parse(rules.body);
  EXPECT_EQ(list["rules"].size(), 14u);
  const http::Response days = Get("/api/v1/legal-clock/days", "year=2026");
  ASSERT_EQ(days.status, 200);
  EXPECT_NE(days.body.find("\"2026-05-25\""), std::string::npos) << "the day 24 May 2026 moved to";
  EXPECT_EQ(Get("/api/v1/legal-clock/days", "year=1066").status, 400);
  EXPECT_EQ(Get("/api/v1/legal-clock/rules", "format=csv").status, 200);
}

}  // namespace
