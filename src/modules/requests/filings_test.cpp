#include "modules/requests/filings.hpp"

#include <gtest/gtest.h>

#include "support/legal_clock_rules.hpp"

namespace requests {
namespace {

using test_support::Shipped;

Day D(std::string_view iso) { return *DayOf(iso); }

Filing Request(std::string registered = "2026-11-02") {
  Filing filing;
  filing.kind = std::string(kInformationRequest);
  filing.place_code = "MON24";
  filing.addressee = "Община Лом";
  filing.subject = "Здравни медиатори";
  filing.body = "Колко здравни медиатори работят в общината?";
  filing.filed_on = registered;
  filing.registered_on = registered;
  return filing;
}

FilingEvent Step(std::string kind, std::string day, std::string detail = "", std::string grounds = "") {
  FilingEvent event;
  event.kind = std::move(kind);
  event.day = std::move(day);
  event.detail = std::move(detail);
  event.grounds = std::move(grounds);
  return event;
}

std::vector<std::string> FieldsOf(const std::vector<core::FieldProblem>& problems) {
  std::vector<std::string> fields;
  for (const core::FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

TEST(Filings, RefuseADateInTheFutureAndARegistrationBeforeTheFiling) {
  const Rules rules = Shipped();
  EXPECT_TRUE(FilingProblems(Request(), D("2026-12-05"), rules).empty());
  Filing future = Request("2026-12-06");
  EXPECT_EQ(FieldsOf(FilingProblems(future, D("2026-12-05"), rules)),
            (std::vector<std::string>{"filed_on", "registered_on"}));
  Filing backwards = Request();
  backwards.registered_on = "2026-11-01";
  const auto problems = FilingProblems(backwards, D("2026-12-05"), rules);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "registered_on");
  EXPECT_EQ(problems[0].arguments.at(0).value, "2026-11-02") << "the message names the day it was filed";
  Filing empty = Request();
  empty.subject = " ";
  empty.body.clear();
  empty.channel = "pigeon";
  EXPECT_EQ(FieldsOf(FilingProblems(empty, D("2026-12-05"), rules)),
            (std::vector<std::string>{"channel", "subject", "body"}));
}

TEST(Filings, SaySoBeforeASignalAboutAViolationMoreThanTwoYearsOldIsFiled) {
  const Rules rules = Shipped();
  Filing signal = Request("2026-12-01");
  signal.kind = "signal";
  signal.violation_on = "2024-12-02";
  EXPECT_TRUE(FilingProblems(signal, D("2026-12-05"), rules).empty()) << "within two years";
  signal.violation_on = "2024-11-30";
  const auto problems = FilingProblems(signal, D("2026-12-05"), rules);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "violation_on");
  EXPECT_EQ(problems[0].arguments.at(0).value, "АПК");
  EXPECT_EQ(problems[0].arguments.at(1).value, "чл. 111(4)");
}

TEST(Filings, RefuseAnAnswerDatedBeforeTheRequestAndStepsThatDoNotFollow) {
  const Filing request = Request();
  const Day today = D("2026-12-05");
  EXPECT_EQ(FieldsOf(EventProblems(request, {}, Step("decided", "2026-11-01", "granted"), today)),
            std::vector<std::string>{"day"});
  EXPECT_EQ(FieldsOf(EventProblems(request, {}, Step("decided", "2026-12-06", "granted"), today)),
            std::vector<std::string>{"day"});
  EXPECT_EQ(FieldsOf(EventProblems(request, {}, Step("clarified", "2026-11-05"), today)),
            std::vector<std::string>{"kind"})
      << "specified before the institution asked";
  EXPECT_EQ(FieldsOf(EventProblems(request, {}, Step("decided", "2026-11-10", "refused"), today)),
            std::vector<std::string>{"grounds"})
      << "a refusal names its legal ground, or that it gives none";
  const std::vector<FilingEvent> granted{Step("decided", "2026-11-10", "granted")};
  EXPECT_FALSE(EventProblems(request, granted, Step("decided", "2026-11-11", "refused", "art37_1_1"), today).empty());
  EXPECT_EQ(FieldsOf(EventProblems(request, granted, Step("appealed", "2026-11-12"), today)),
            std::vector<std::string>{"kind"})
      << "nothing to appeal after access granted in full";
  EXPECT_EQ(FieldsOf(EventProblems(request, {}, Step("extended", "2026-11-05", "higher_body"), today)),
            std::vector<std::string>{"detail"})
      << "the higher body extends a proposal, not an information request";
}

TEST(Filings, TimeARequestThroughExtensionRefusalAndALateAppeal) {
  const Rules rules = Shipped();
  const Filing request = Request("2026-11-02");
  std::vector<FilingEvent> events{Step("extended", "2026-11-10", "volume")};
  RequestClock clock = ClockOfFiling(request, events, D("2026-11-20"), rules);
  EXPECT_EQ(clock.state, RequestState::kWaiting);
  EXPECT_EQ(IsoOf(*clock.decide_by), "2026-11-26") << "14 days to 16 November, then 10 more";
  events.push_back(Step("decided", "2026-11-27", "refused", "none_stated"));
  clock = ClockOfFiling(request, events, D("2026-12-05"), rules);
  EXPECT_EQ(clock.state, RequestState::kDecided);
  EXPECT_TRUE(clock.decided_late) << "a day after the extended deadline";
  EXPECT_EQ(IsoOf(*clock.appeal_by), "2026-12-11");
  EXPECT_TRUE(MayAppeal(request, events, clock));
  EXPECT_EQ(AppealDaysLate(events, clock), 0);
  events.push_back(Step("appealed", "2026-12-14"));
  EXPECT_FALSE(MayAppeal(request, events, clock)) << "appealed once";
  EXPECT_EQ(AppealDaysLate(events, clock), 3) << "allowed, and marked late with the days";
}

TEST(Filings, TimeAProposalBySixMonthsWhenTheHigherBodyExtendsIt) {
  const Rules rules = Shipped();
  Filing proposal = Request("2026-09-15");
  proposal.kind = "proposal";
  RequestClock clock = ClockOfFiling(proposal, {}, D("2026-12-05"), rules);
  EXPECT_EQ(clock.state, RequestState::kOverdue);
  EXPECT_EQ(IsoOf(*clock.decide_by), "2026-11-16") << "15 November 2026 is a Sunday";
  EXPECT_FALSE(MayAppeal(proposal, {}, clock)) << "no court appeal is offered for a proposal";
  const std::vector<FilingEvent> extended{Step("extended", "2026-10-01", "higher_body")};
  clock = ClockOfFiling(proposal, extended, D("2026-12-05"), rules);
  EXPECT_EQ(clock.state, RequestState::kWaiting);
  EXPECT_EQ(IsoOf(*clock.decide_by), "2027-03-15");
  std::vector<FilingEvent> decided = extended;
  decided.push_back(Step("decided", "2026-12-04", "accepted"));
  clock = ClockOfFiling(proposal, decided, D("2026-12-05"), rules);
  EXPECT_EQ(IsoOf(*clock.notify_by), "2026-12-11") << "the filer is told within seven days";
}

TEST(Filings, CountInstitutionsAnsweringOnTimeLateOrNotAtAll) {
  const Rules rules = Shipped();
  const Day today = D("2026-12-05");
  const auto filed = [](std::string registered, std::string addressee, std::vector<FilingEvent> events) {
    Filing filing = Request(std::move(registered));
    filing.addressee = std::move(addressee);
    return FilingWithEvents{filing, std::move(events)};
  };
  const std::vector<FilingWithEvents> filings{
      filed("2026-10-01", "Община Лом", {Step("decided", "2026-10-10", "granted")}),
      filed("2026-10-01", "Община Лом", {Step("decided", "2026-10-30", "granted")}),
      filed("2026-10-01", "Община Лом", {}),
      filed("2026-12-01", "Община Лом", {}),
      filed("2026-10-01", "Община Лом", {Step("clarification_asked", "2026-10-03")}),
      filed("2026-10-01", "Общински съвет Лом", {Step("decided", "2026-10-05", "refused", "art37_1_3")})};
  const std::vector<OnTime> figures = OnTimeFigures(filings, today, rules);
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_EQ(figures[0].addressee, "Община Лом");
  EXPECT_EQ(figures[0].on_time, 1);
  EXPECT_EQ(figures[0].late, 1);
  EXPECT_EQ(figures[0].silent, 1);
  EXPECT_EQ(figures[0].waiting, 1) << "the one left without consideration is not counted";
  EXPECT_NEAR(*figures[0].share(), 33.3, 0.1);
  EXPECT_EQ(*figures[1].share(), 100.0) << "a refusal in time is an answer in time";
  const OnTime place = OnTimeOfPlace(filings, "MON24", 2026, today, rules);
  EXPECT_EQ(place.on_time, 2);
  EXPECT_EQ(place.late + place.silent, 2);
  EXPECT_FALSE(OnTimeOfPlace(filings, "MON24", 2025, today, rules).share()) << "no deadline ended in 2025";
}

TEST(Filings, DraftTheLetterAsTheInstitutionReadsIt) {
  Filing request = Request();
  request.filer_name = "Роза Асенова";
  request.organisation_name = "Сдружение „Заедно“";
  request.contact = "ул. Дунав 1, Лом";
  request.access_form = "paper_copy";
  const std::string letter = LetterText(request);
  EXPECT_EQ(letter.find("До\nОбщина Лом"), 0u) << letter;
  EXPECT_NE(letter.find("ЗАЯВЛЕНИЕ\nза достъп до обществена информация"), std::string::npos);
  EXPECT_NE(letter.find("от Сдружение „Заедно“, Роза Асенова"), std::string::npos);
  EXPECT_NE(letter.find("Относно: Здравни медиатори"), std::string::npos);
  EXPECT_NE(letter.find("копия на хартиен носител"), std::string::npos);
  request.kind = "signal";
  request.violation_on = "2026-10-01";
  EXPECT_NE(LetterText(request).find("СИГНАЛ"), std::string::npos);
  EXPECT_NE(LetterText(request).find("Нарушението е извършено на 2026-10-01."), std::string::npos);
}

}  // namespace
}  // namespace requests
