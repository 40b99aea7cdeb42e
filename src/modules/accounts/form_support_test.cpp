#include "modules/accounts/form_support.hpp"

#include <gtest/gtest.h>

namespace {

TEST(FormStatusOf, AFormToCorrectIs422AndOtherRefusalsKeepTheStatusOfTheirKind) {
  EXPECT_EQ(accounts::FormStatusOf(core::Error::InvalidInput("Write the organisation's name.")), 422);
  EXPECT_EQ(accounts::FormStatusOf(core::Error::NotFound("There is no user with this email address.")), 422)
      << "what the form named does not exist: the form is to be corrected";
  EXPECT_EQ(accounts::FormStatusOf(core::Error::Conflict("A user with this email address exists already.")), 409);
  EXPECT_EQ(accounts::FormStatusOf(core::Error::Unauthenticated("The email address or the password is not right.")),
            401);
  EXPECT_EQ(accounts::FormStatusOf(core::Error::RateLimited("Too many unsuccessful sign-ins.")), 429);
  EXPECT_EQ(accounts::FormStatusOf(core::Error::Forbidden("Only an administrator of the installation may do this.")),
            403);
  EXPECT_EQ(accounts::FormStatusOf(core::Error::Gone("This link has expired. Ask for a new one.")), 410);
}

}  // namespace
