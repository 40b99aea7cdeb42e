#include "kernel/module.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

class RoutesTest : public ::testing::Test {
 protected:
  web::Site site_{{KHETANE_SOURCE_DIR_FOR_KERNEL, std::getenv("KHETANE_LOCALE_DIR")}};
  http::Router router_;
  web::App app_{site_, router_};
  kernel::Routes routes_{router_, app_, "indicators"};
};

TEST_F(RoutesTest, ARouteForTheSignedInCannotTakeAHandlerWithoutTheUser) {
  EXPECT_THROW(routes_.Get("/indicators/new", core::Access::SignedIn(),
                           [](http::Request&) { return http::Response::Text("form"); }),
               std::logic_error);
  EXPECT_THROW(routes_.Get("/indicators", core::Access::Anyone(),
                           [](http::Request&, const core::SignedIn&) { return http::Response::Text("list"); }),
               std::logic_error);
  EXPECT_EQ(router_.Find(http::Method::kGet, "/indicators").route, nullptr) << "nothing refused is registered";
}

TEST_F(RoutesTest, AHandlerForTheSignedInRunsWithTheUserAndNeverWithoutOne) {
  routes_.Post("/indicators", core::Access::SignedIn(), [](http::Request&, const core::SignedIn& user) {
    return http::Response::Text("created by " + std::to_string(user.user_id()));
  });
  const auto match = router_.Find(http::Method::kPost, "/indicators");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->module, "indicators");
  EXPECT_EQ(match.route->access, core::Access::SignedIn());

  http::Request visitor;
  EXPECT_EQ(match.route->handler(visitor).status, 401) << "even if the access check were skipped";

  http::Request signed_in;
  signed_in.context[core::kSignedInContext] = core::SignedIn(7, "Мария", {}, {"127.0.0.1", "r1"});
  EXPECT_EQ(match.route->handler(signed_in).body, "created by 7");
  EXPECT_EQ(kernel::ActorOf(signed_in).user_id, 7);
  EXPECT_FALSE(kernel::ActorOf(visitor).user_id.has_value());
}

TEST(Access, AdmitsWhomItNamesAndNoOneElse) {
  const core::Actor visitor{};
  const core::Actor official{12, {{core::Role::kMunicipalOfficial, {core::ScopeKind::kMunicipality, "MON24"}}}, {}};
  const core::Actor administrator{1, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, {}};
  const core::Actor oblast_administrator{2, {{core::Role::kAdministrator, {core::ScopeKind::kOblast, "MON"}}}, {}};
  EXPECT_TRUE(core::Access::Anyone().Allows(nullptr));
  EXPECT_FALSE(core::Access::SignedIn().Allows(nullptr));
  EXPECT_FALSE(core::Access::SignedIn().Allows(&visitor)) << "an actor without a user is not signed in";
  EXPECT_TRUE(core::Access::SignedIn().Allows(&official));
  EXPECT_FALSE(core::Access::Administrator().Allows(&official));
  EXPECT_FALSE(core::Access::Administrator().Allows(&oblast_administrator)) << "the installation, not an oblast";
  EXPECT_TRUE(core::Access::Administrator().Allows(&administrator));
  EXPECT_TRUE(core::Access::RoleFor(core::Role::kMunicipalOfficial, core::ScopeKind::kMunicipality).Allows(&official));
  EXPECT_FALSE(core::Access{}.Allows(&official)) << "an access left unset admits administrators only";
}

TEST(Services, NamesTheServiceNoModuleProvided) {
  kernel::Services services;
  services.Make<std::string>("provided");
  EXPECT_EQ(services.Get<std::string>(), "provided");
  EXPECT_THROW(services.Make<std::string>("twice"), std::logic_error);
  try {
    services.Get<int>();
    FAIL() << "a missing service was found";
  } catch (const std::logic_error& error) {
    EXPECT_NE(std::string(error.what()).find("no module provides"), std::string::npos);
  }
  services.Keep<double>(1.5);
  EXPECT_FALSE(services.Has<double>()) << "a module's private part is owned, not found";
}

}  // namespace
