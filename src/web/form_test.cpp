#include "web/form.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

TEST(FormStatusOf, AFormToCorrectIs422AndOtherRefusalsKeepTheStatusOfTheirKind) {
  EXPECT_EQ(web::FormStatusOf(core::Error::InvalidInput("Write the organisation's name.")), 422);
  EXPECT_EQ(web::FormStatusOf(core::Error::NotFound("There is no user with this email address.")), 422)
      << "what the form named does not exist: the form is to be corrected";
  EXPECT_EQ(web::FormStatusOf(core::Error::Conflict("A user with this email address exists already.")), 409);
  EXPECT_EQ(web::FormStatusOf(core::Error::Unauthenticated("The email address or the password is not right.")), 401);
  EXPECT_EQ(web::FormStatusOf(core::Error::RateLimited("Too many unsuccessful sign-ins.")), 429);
  EXPECT_EQ(web::FormStatusOf(core::Error::Forbidden("Only an administrator of the installation may do this.")), 403);
  EXPECT_EQ(web::FormStatusOf(core::Error::Gone("This link has expired. Ask for a new one.")), 410);
}

TEST(Refusal, AFormComesBackWithEachFieldsProblemBesideItAndEveryProblemListedAboveIt) {
  // Built by the test target into the build folder (CMakeLists.txt, khetane_library).
  const web::Translations translations(std::getenv("KHETANE_LOCALE_DIR"));
  const web::Reader reader(translations, web::Language::kEnglish, nullptr);
  const web::Refusal refusal = web::Refusal::Of(core::Error::InvalidFields(
      {{"title", "Write a title.", ""}, {"start", "This is not a date.", "2026-13-01"}, {"title", "Too long.", ""}}));
  EXPECT_EQ(refusal.Status(), 422);
  const auto data = refusal.Data(reader, [](std::string_view field) { return "item-" + std::string(field); });
  EXPECT_TRUE(data["has_refusal"]);
  EXPECT_EQ(data["error"], "") << "every problem has its field: none is the whole form's";
  ASSERT_EQ(data["problem_list"].size(), 3u);
  EXPECT_EQ(data["problem_list"][1]["field_id"], "item-start");
  EXPECT_EQ(data["problems"]["title"], "Write a title.") << "beside a field, its first problem";

  const web::Refusal stale = web::Refusal::Of(core::Error::Conflict("Someone changed this meanwhile."));
  EXPECT_EQ(stale.Status(), 409);
  EXPECT_EQ(stale.Data(reader, [](std::string_view) { return std::string(); })["error"],
            "Someone changed this meanwhile.");
  EXPECT_TRUE(web::Refusal().Empty());
}

}  // namespace
