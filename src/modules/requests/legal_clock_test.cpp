#include "modules/requests/legal_clock.hpp"

#include <gtest/gtest.h>

#include "support/legal_clock_rules.hpp"

namespace requests {
namespace {

using test_support::Shipped;

Day D(std::string_view iso) { return *DayOf(iso); }

TEST(LegalClock, FindsOrthodoxEaster) {
  EXPECT_EQ(IsoOf(OrthodoxEaster(2024)), "2024-05-05");
  EXPECT_EQ(IsoOf(OrthodoxEaster(2025)), "2025-04-20");
  EXPECT_EQ(IsoOf(OrthodoxEaster(2026)), "2026-04-12");
  EXPECT_EQ(IsoOf(OrthodoxEaster(2027)), "2027-05-02");
  EXPECT_EQ(IsoOf(OrthodoxEaster(2028)), "2028-04-16") << "the year both Easters fall together";
}

TEST(LegalClock, KnowsWeekendsHolidaysAndTheDaysAHolidayOnAWeekendMovesTo) {
  const Rules rules = Shipped();
  const Calendar& calendar = rules.calendar();
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-12-05"))) << "a Saturday";
  EXPECT_TRUE(calendar.IsWorkingDay(D("2026-12-07")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-03-03"))) << "Liberation Day, a Tuesday";
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-04-10"))) << "Good Friday";
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-04-13"))) << "Easter Monday";
  EXPECT_TRUE(calendar.IsWorkingDay(D("2026-04-14")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-05-25"))) << "24 May 2026 is a Sunday: the Monday after is off";
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-09-07"))) << "6 September 2026 is a Sunday";
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-12-28"))) << "26 December 2026 is a Saturday";
  EXPECT_TRUE(calendar.IsWorkingDay(D("2026-12-29")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2021-12-27")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2021-12-28"))) << "25 and 26 December 2021 fell on the weekend: two days";
  EXPECT_EQ(calendar.HolidaysOf(2026).at(D("2026-05-25"))->name_en.substr(0, 14), "Day of Saints ");
}

TEST(LegalClock, ADecreeMakesADayWorkingOrNot) {
  const Rules rules = Shipped({{"!2026-12-19", "Отработване", "Working Saturday", false, true},
                               {"2026-12-31", "Неработен ден", "Non-working day by decree", false, true}});
  EXPECT_TRUE(rules.calendar().IsWorkingDay(D("2026-12-19")));
  EXPECT_FALSE(rules.calendar().IsWorkingDay(D("2026-12-31")));
  EXPECT_EQ(IsoOf(rules.calendar().NextWorkingDay(D("2026-12-31"))), "2027-01-04")
      << "31 December by decree, New Year's Day, then the weekend";
}

// Requests under the Access to Public Information Act: 14 days from registration, moved off non-working days.
struct Case {
  const char* what;
  const char* registered;
  const char* expected_due;
};

TEST(LegalClock, TheDecisionOnARequestIsDueFourteenDaysAfterItsRegistrationOnAWorkingDay) {
  const Rules rules = Shipped();
  const Case cases[] = {
      {"an ordinary fortnight", "2026-11-02", "2026-11-16"},
      {"ending on a Saturday: the Monday", "2026-11-07", "2026-11-23"},
      {"ending on Good Friday: past Easter Monday", "2026-03-27", "2026-04-14"},
      {"ending on the day 26 December moved to", "2026-12-14", "2026-12-29"},
      {"ending on the day 24 May moved to", "2026-05-11", "2026-05-26"},
      {"across the turn of the year", "2026-12-22", "2027-01-05"},
  };
  for (const Case& each : cases) {
    const RequestClock clock = ClockOf(RequestEvents{D(each.registered)}, D(each.registered), rules);
    ASSERT_TRUE(clock.decide_by) << each.what;
    EXPECT_EQ(IsoOf(*clock.decide_by), each.expected_due) << each.what;
    EXPECT_EQ(clock.state, RequestState::kWaiting) << each.what;
  }
}

TEST(LegalClock, AClarificationRestartsTheDeadlineAndWithoutOneTheRequestLapses) {
  const Rules rules = Shipped();
  RequestEvents events{D("2026-11-02")};
  events.clarification_asked = D("2026-11-04");
  RequestClock waiting = ClockOf(events, D("2026-12-04"), rules);
  EXPECT_EQ(waiting.state, RequestState::kAwaitingClarification);
  EXPECT_EQ(IsoOf(*waiting.clarify_by), "2026-12-04");
  EXPECT_EQ(waiting.days_left, 0) << "the last day";
  EXPECT_EQ(ClockOf(events, D("2026-12-05"), rules).state, RequestState::kLeftWithoutConsideration);
  events.clarified = D("2026-11-20");
  const RequestClock restarted = ClockOf(events, D("2026-11-21"), rules);
  EXPECT_EQ(IsoOf(*restarted.decide_by), "2026-12-04") << "14 days from the clarification, not the registration";
  EXPECT_EQ(restarted.days_left, 13);
}

TEST(LegalClock, EachExtensionAddsItsDaysToTheDeadline) {
  const Rules rules = Shipped();
  RequestEvents events{D("2026-11-02")};
  events.extension = "volume";
  EXPECT_EQ(IsoOf(*ClockOf(events, D("2026-11-03"), rules).decide_by), "2026-11-26") << "16 November + 10 days";
  events.extension = "third_party";
  EXPECT_EQ(IsoOf(*ClockOf(events, D("2026-11-03"), rules).decide_by), "2026-11-30") << "16 November + 14 days";
  const RequestClock clock = ClockOf(events, D("2026-11-03"), rules);
  EXPECT_NE(std::find(clock.rules.begin(), clock.rules.end(), "info_request_extension_third_party"), clock.rules.end())
      << "the page cites the rule it used (and says it is unchecked)";
  EXPECT_FALSE(rules.Find("info_request_extension_third_party").checked);
}

TEST(LegalClock, ADecisionOpensTheAppealAndSilenceBecomesARefusalThatCanBeAppealedForAMonth) {
  const Rules rules = Shipped();
  RequestEvents events{D("2026-11-02")};
  const RequestClock silent = ClockOf(events, D("2026-11-20"), rules);
  EXPECT_EQ(silent.state, RequestState::kSilentRefusal);
  EXPECT_EQ(IsoOf(*silent.appeal_by), "2026-12-16") << "one month after 16 November";
  events.decided = D("2026-11-10");
  const RequestClock decided = ClockOf(events, D("2026-11-20"), rules);
  EXPECT_EQ(decided.state, RequestState::kDecided);
  EXPECT_FALSE(decided.decided_late);
  EXPECT_EQ(IsoOf(*decided.appeal_by), "2026-11-24");
  events.decided = D("2026-11-18");
  EXPECT_TRUE(ClockOf(events, D("2026-11-20"), rules).decided_late);
}

TEST(LegalClock, CountsMonthsToTheSameDateOrTheLastDayOfAShorterMonth) {
  const Rules rules = Shipped();
  EXPECT_EQ(IsoOf(Due(rules.Find("proposal_decision"), D("2026-12-31"), rules.calendar())), "2027-03-01")
      << "31 December + 2 months is 28 February 2027, a Sunday";
  EXPECT_EQ(IsoOf(Due(rules.Find("proposal_decision"), D("2026-10-15"), rules.calendar())), "2026-12-15");
  EXPECT_EQ(IsoOf(LatestBefore(rules.Find("council_session_notice"), D("2026-12-17"))), "2026-12-11")
      << "a session on 17 December is announced by the 11th";
}

TEST(LegalClock, ReferenceDataWithAMistakeIsRefusedNamingTheRowAndTheColumn) {
  const auto bad_count = ReadDeadlineRules({{"code", "law", "article", "days", "months", "count", "moves", "starts",
                                             "title_bg", "title_en", "checked", "checked_on"},
                                            {"x", "ЗДОИ", "чл. 1", "14", "", "weekly", "yes", "", "", "", "no", ""}});
  ASSERT_FALSE(bad_count.ok());
  EXPECT_EQ(bad_count.error().message, "row 2, column count: calendar or working (weekly)");
  const auto bad_day = ReadNonWorkingRules(
      {{"when", "name_bg", "name_en", "moves_when_on_weekend", "checked"}, {"02-30", "Х", "X", "no", "no"}});
  ASSERT_FALSE(bad_day.ok());
  EXPECT_NE(bad_day.error().message.find("row 2, column when"), std::string::npos);
  EXPECT_FALSE(ReadDeadlineRules({{"code"}}).ok()) << "a table without its columns";
  EXPECT_THROW((void)Shipped().Find("no_such_rule"), std::out_of_range);
}

}  // namespace
}  // namespace requests
