#include "modules/advocacy/advocacy.hpp"

#include <gtest/gtest.h>

namespace advocacy {
namespace {

std::vector<std::string> FieldsOf(const std::vector<core::FieldProblem>& problems) {
  std::vector<std::string> fields;
  for (const core::FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

Stakeholder Person() {
  Stakeholder person;
  person.kind = "person";
  person.name = "Учителка М.";
  person.consent_basis = "consent";
  person.consent_purpose = "Кампанията за медиатори";
  person.consent_on = "2026-11-01";
  return person;
}

TEST(Advocacy, APersonIsKeptOnlyOnARecordedBasis) {
  EXPECT_TRUE(StakeholderProblems(Person(), "2026-12-05").empty());
  Stakeholder without = Person();
  without.consent_basis.clear();
  EXPECT_EQ(FieldsOf(StakeholderProblems(without, "2026-12-05")), std::vector<std::string>{"consent_basis"});
  Stakeholder no_purpose = Person();
  no_purpose.consent_purpose = " ";
  no_purpose.consent_on = "2026-12-06";
  EXPECT_EQ(FieldsOf(StakeholderProblems(no_purpose, "2026-12-05")),
            (std::vector<std::string>{"consent_on", "consent_purpose"}));
  Stakeholder mayor = Person();
  mayor.consent_basis = "public_role";
  mayor.consent_purpose.clear();
  EXPECT_TRUE(StakeholderProblems(mayor, "2026-12-05").empty()) << "a public role needs no stated purpose";
  Stakeholder organisation;
  organisation.kind = "organization";
  organisation.name = "Местен вестник";
  organisation.sector = "press";
  organisation.email = "not an address";
  EXPECT_EQ(FieldsOf(StakeholderProblems(organisation, "2026-12-05")), (std::vector<std::string>{"email", "sector"}));
}

TEST(Advocacy, AMembershipDoesNotEndBeforeItStarts) {
  Membership membership{0, 1, 2, "учител", "", std::nullopt, "2019-09", "2026"};
  EXPECT_TRUE(MembershipProblems(membership).empty());
  membership.end_date = "2019";
  EXPECT_TRUE(MembershipProblems(membership).empty()) << "the same year: not before";
  membership.end_date = "2018-12-31";
  const auto problems = MembershipProblems(membership);
  ASSERT_EQ(FieldsOf(problems), std::vector<std::string>{"end_date"});
  EXPECT_EQ(problems[0].arguments.at(0).value, "2019-09");
  membership.end_date = "31.12.2026";
  EXPECT_EQ(FieldsOf(MembershipProblems(membership)), std::vector<std::string>{"end_date"});
  EXPECT_TRUE(IsPopoloDate("2026"));
  EXPECT_TRUE(IsPopoloDate("2026-02"));
  EXPECT_FALSE(IsPopoloDate("2026-02-30"));
  EXPECT_FALSE(IsPopoloDate("2026-13"));
}

TEST(Advocacy, InfluenceAndInterestAreScoredFromOneToFive) {
  EXPECT_TRUE(PositionProblems({1, 5, 1, "ally", "", std::nullopt}).empty());
  EXPECT_EQ(FieldsOf(PositionProblems({1, 9, 0, "friend", "", std::nullopt})),
            (std::vector<std::string>{"influence", "interest", "stance"}));
}

TEST(Advocacy, APetitionCountsItsSupportersAndAnActionLinksOnlyToKhetane) {
  Action petition{0, 1, "petition", "2026-11-20", "Подписка", "", "", std::nullopt};
  EXPECT_EQ(FieldsOf(ActionProblems(petition, "2026-12-05")), std::vector<std::string>{"supporters"});
  petition.supporters = 312;
  EXPECT_TRUE(ActionProblems(petition, "2026-12-05").empty());
  Action meeting{0, 1, "meeting", "2026-11-20", "Среща с кмета", "", "https://evil.example/", std::nullopt};
  EXPECT_EQ(FieldsOf(ActionProblems(meeting, "2026-12-05")), std::vector<std::string>{"link"});
  meeting.link = "/meetings/3";
  EXPECT_TRUE(ActionProblems(meeting, "2026-12-05").empty());
}

}  // namespace
}  // namespace advocacy
