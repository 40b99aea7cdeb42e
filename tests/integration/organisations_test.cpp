// Organisations and self-registration through the real binary, as an administrator and a visitor use them.

#include <gtest/gtest.h>

#include <regex>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/server_suite.hpp"
#include "support/test_database.hpp"

namespace {

using test_support::Get;
using test_support::HiddenCsrf;
using test_support::HttpResponse;
using test_support::PostForm;
using test_support::SignIn;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A server that lets anyone register as a community monitor, with an administrator and one other user.
class OrganisationsTest : public test_support::ServerSuite<OrganisationsTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(AddUser("admin@example.org", {"--name", "Administrator", "--role", "administrator"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("maria@example.org", {"--name", "Мария Иванова"}));
    Serve({"--allow-registration"});
    admin_ = SignIn(port(), "admin@example.org", "correct horse battery");
    ASSERT_FALSE(admin_.empty());
  }
  static HttpResponse AsAdmin(const std::string& path) { return GetAs(admin_, path); }
  static HttpResponse PostAsAdmin(const std::string& path, const std::string& body) {
    return PostAs(admin_, path, body);
  }

  static inline std::string admin_;
};

TEST_F(OrganisationsTest, AnAdministratorCreatesAnOrganisationAndManagesItsMembers) {
  const HttpResponse form = AsAdmin("/admin/organisations/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Contains(form.body, "Гражданска организация")) << "the kinds, in Bulgarian";
  EXPECT_TRUE(Contains(form.body, "<option value=\"MON24\">Лом (Монтана)</option>")) << "municipalities by name";
  EXPECT_LT(form.body.find("Долна баня"), form.body.find("Долна Митрополия"))
      << "in Bulgarian alphabetical order, where a capital М does not come before б";
  EXPECT_TRUE(Contains(form.body, ">Бяла (Русе)</option>") && Contains(form.body, ">Бяла (Варна)</option>"))
      << "two municipalities of one name are told apart by their oblast";

  // A mistake comes back with what was typed and a message in Bulgarian.
  const HttpResponse bad = PostAsAdmin("/admin/organisations", "name=%D0%90%D0%BC%D0%B0%D0%BB%D0%B8%D0%BF%D0%B5&kind=");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Contains(bad.body, "Изберете вида на организацията.")) << bad.body;
  EXPECT_TRUE(Contains(bad.body, "value=\"Амалипе\""));

  const HttpResponse created = PostAsAdmin(
      "/admin/organisations", "name=%D0%90%D0%BC%D0%B0%D0%BB%D0%B8%D0%BF%D0%B5&kind=cso&municipality=MON24");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string path = created.Header("location");
  ASSERT_TRUE(std::regex_match(path, std::regex("/admin/organisations/[0-9]+"))) << path;
  const std::string id = path.substr(path.rfind('/') + 1);

  const HttpResponse listed = AsAdmin("/admin/organisations?q=amalipe");
  EXPECT_TRUE(Contains(listed.body, ">Амалипе</a>")) << "found by its Latin spelling";
  EXPECT_TRUE(Contains(AsAdmin("/admin/organisations?kind=school").body, "Никоя организация не отговаря"));

  const HttpResponse unknown = PostAsAdmin(path + "/members", "email=nobody%40example.org");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(Contains(unknown.body, "value=\"nobody@example.org\""));
  ASSERT_EQ(PostAsAdmin(path + "/members", "email=maria%40example.org").status, 303);
  const HttpResponse page = AsAdmin(path);
  EXPECT_TRUE(Contains(page.body, "Мария Иванова"));
  EXPECT_TRUE(Contains(page.body, "organisation:" + id)) << "the scope a role for it takes";

  // The member sees it on their account page.
  const std::string maria = SignIn(port(), "maria@example.org", "correct horse battery");
  const HttpResponse account = Get(port(), "/account", {"Cookie: session=" + maria});
  EXPECT_TRUE(Contains(account.body, "Амалипе (Гражданска организация)")) << account.body;
  // Her home shows the organisation, where it works, and that municipality's plans to follow.
  const HttpResponse home = Get(port(), "/", {"Cookie: session=" + maria});
  EXPECT_TRUE(Contains(home.body, "<h2>Вашата организация</h2>")) << home.body;
  EXPECT_TRUE(Contains(home.body, "Работи в <a href=\"/places/municipalities/MON24\">Лом</a>"));
  EXPECT_TRUE(Contains(home.body, "Членове (1): вие"));
  EXPECT_TRUE(Contains(home.body, "<h2>Плановете на вашата община</h2>"));
  EXPECT_FALSE(Contains(home.body, "href=\"/policies/documents/new\"")) << "she follows the plan; she cannot write one";

  // Removing asks first; the confirmation removes.
  std::smatch remove;
  ASSERT_TRUE(
      std::regex_search(page.body, remove, std::regex(R"(href="(/admin/organisations/\d+/members/\d+/remove)\")")));
  const HttpResponse confirm = AsAdmin(remove[1].str());
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(Contains(confirm.body, "Премахване на члена"));
  EXPECT_TRUE(Contains(AsAdmin(path).body, "Мария Иванова")) << "opening the confirmation removes nothing";
  ASSERT_EQ(PostAsAdmin(remove[1].str(), "").status, 303);
  EXPECT_TRUE(Contains(AsAdmin(path).body, "Организацията още няма членове."));

  // The audit log says it in words: the action by its title, the account by its name.
  const HttpResponse audit = AsAdmin("/admin/audit");
  EXPECT_TRUE(Contains(audit.body, "<td>Вход</td>")) << audit.body;
  EXPECT_FALSE(Contains(audit.body, "<td>sign_in</td>"));
  EXPECT_TRUE(std::regex_search(audit.body, std::regex("<a href=\"/admin/users/\\d+\">Мария Иванова</a>")));
}

// A long list is read a page at a time, with where one is in it ("1–50 of 53") and the way on and back; the search
// it was narrowed by stays.
TEST_F(OrganisationsTest, TheListOfOrganisationsIsReadAPageAtATime) {
  for (int i = 1; i <= 53; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "name=%%D0%%A1%%D0%%B4%%D1%%80+Zqx+%02d&kind=cso", i);  // "Сдр Zqx 01" …
    ASSERT_EQ(PostAsAdmin("/admin/organisations", name).status, 303) << i;
  }
  const HttpResponse first = AsAdmin("/admin/organisations?q=zqx");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(Contains(first.body, "1–50 от 53")) << "where the page is, in Bulgarian";
  EXPECT_TRUE(Contains(first.body, "Сдр Zqx 50") && !Contains(first.body, "Сдр Zqx 51"));
  const std::smatch next = [&] {
    std::smatch found;
    std::regex_search(first.body, found, std::regex("<a href=\"([^\"]+)\" rel=\"next\">"));
    return found;
  }();
  ASSERT_EQ(next.size(), 2u) << "a link to the next page";
  const std::string next_url = std::regex_replace(next[1].str(), std::regex("&amp;"), "&");
  EXPECT_TRUE(Contains(next_url, "offset=50") && Contains(next_url, "q=zqx")) << next_url;
  const HttpResponse second = AsAdmin(next_url);
  EXPECT_TRUE(Contains(second.body, "51–53 от 53"));
  EXPECT_TRUE(Contains(second.body, "Сдр Zqx 53"));
  EXPECT_TRUE(Contains(second.body, "rel=\"prev\"") && !Contains(second.body, "rel=\"next\""));
}

// Two administrators open one organisation's form; the first saves. The second's save is refused with a 409 in
// Bulgarian, keeps what they typed, shows what is saved now beside it, and the first one's change stays.
TEST_F(OrganisationsTest, ASaveFromAFormSomeoneElseSavedMeanwhileIsRefusedKeepingWhatWasTyped) {
  const auto added = test_support::AddUser(database_->target(), "anna@example.org", "correct horse battery",
                                           {"--name", "Anna", "--role", "administrator"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const std::string anna = SignIn(port(), "anna@example.org", "correct horse battery");
  ASSERT_FALSE(anna.empty());
  const HttpResponse created = PostAsAdmin("/admin/organisations", "name=Romani+Baht&kind=cso&municipality=MON24");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string path = created.Header("location");

  EXPECT_TRUE(Contains(AsAdmin(path).body, "name=\"version\" value=\"1\""));
  EXPECT_TRUE(Contains(GetAs(anna, path).body, "name=\"version\" value=\"1\""));
  ASSERT_EQ(PostAsAdmin(path, "version=1&name=Romani+Baht+Lom&kind=cso&municipality=MON24").status, 303);
  const HttpResponse stale = PostAs(anna, path, "version=1&name=Romani+Baht+Vidin&kind=initiative_group&municipality=");
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(Contains(stale.body, "Някой промени организацията, докато я редактирахте.")) << stale.body;
  EXPECT_TRUE(Contains(stale.body, "value=\"Romani Baht Vidin\"")) << "what she typed";
  EXPECT_TRUE(Contains(stale.body, "<option value=\"initiative_group\" selected>"));
  EXPECT_TRUE(Contains(stale.body, "Записано в момента: Romani Baht Lom")) << "what is saved, beside it";
  EXPECT_TRUE(Contains(stale.body, "Записано в момента: Лом (Монтана)"));
  EXPECT_TRUE(Contains(stale.body, "name=\"version\" value=\"2\"")) << "she has seen version 2 now";
  const HttpResponse kept = AsAdmin(path);
  EXPECT_TRUE(Contains(kept.body, "<h1>Romani Baht Lom</h1>")) << "the first change stays";
  EXPECT_TRUE(Contains(kept.body, "value=\"Romani Baht Lom\""));
}

TEST_F(OrganisationsTest, AnOfficialCannotManageOrganisations) {
  const auto result = test_support::AddUser(database_->target(), "official@lom.bg", "correct horse battery",
                                            {"--role", "municipal_official", "--scope", "municipality:MON24"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string official = SignIn(port(), "official@lom.bg", "correct horse battery");
  EXPECT_EQ(Get(port(), "/admin/organisations", {"Cookie: session=" + official}).status, 403);
  EXPECT_EQ(Get(port(), "/admin/registrations", {"Cookie: session=" + official}).status, 403);
}

TEST_F(OrganisationsTest, AVisitorRegistersAndAnAdministratorApprovesBeforeTheRoleHolds) {
  const HttpResponse signin = Get(port(), "/signin");
  EXPECT_TRUE(Contains(signin.body, "href=\"/register\"")) << "registration is open on this server";
  const HttpResponse form = Get(port(), "/register");
  ASSERT_EQ(form.status, 200);
  const std::string cookie = "csrf=" + test_support::CookieFrom(form, "csrf");
  const std::string csrf = HiddenCsrf(form.body);

  const HttpResponse bad = PostForm(port(), "/register",
                                    "csrf=" + csrf +
                                        "&email=petar%40example.org&name=Petar&password=short&municipality=MON24"
                                        "&motivation=I+live+in+Lom",
                                    cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Contains(bad.body, "Паролата трябва")) << bad.body;
  EXPECT_TRUE(Contains(bad.body, "value=\"petar@example.org\""));
  EXPECT_TRUE(Contains(bad.body, "<option value=\"MON24\" selected>"));
  EXPECT_TRUE(Contains(bad.body, ">I live in Lom</textarea>"));
  EXPECT_FALSE(Contains(bad.body, "value=\"short\"")) << "a password is never sent back";

  const HttpResponse sent = PostForm(port(), "/register",
                                     "csrf=" + csrf +
                                         "&email=petar%40example.org&name=Petar&password=a+long+enough+password"
                                         "&municipality=MON24&motivation=I+live+in+Lom",
                                     cookie);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(Contains(sent.body, "Заявката ви е записана"));

  // Signed in, the person has no role yet and sees the request waiting.
  const std::string petar = SignIn(port(), "petar@example.org", "a long enough password");
  ASSERT_FALSE(petar.empty());
  HttpResponse account = Get(port(), "/account", {"Cookie: session=" + petar});
  EXPECT_TRUE(Contains(account.body, "чака преглед")) << account.body;
  EXPECT_TRUE(Contains(account.body, "Все още нямате роли.")) << account.body;

  // The administrator's home says a request waits, and leads to where it is decided.
  const HttpResponse home = AsAdmin("/");
  EXPECT_TRUE(Contains(home.body, "<h2>Чака администратор</h2>")) << home.body;
  EXPECT_TRUE(Contains(home.body, "petar@example.org"));
  EXPECT_TRUE(Contains(home.body, "href=\"/admin/registrations\""));
  EXPECT_FALSE(Contains(Get(port(), "/", {"Cookie: session=" + petar}).body, "Чака администратор"))
      << "only an administrator's home";

  const HttpResponse pending = AsAdmin("/admin/registrations");
  ASSERT_EQ(pending.status, 200);
  EXPECT_TRUE(Contains(pending.body, "petar@example.org"));
  EXPECT_TRUE(Contains(pending.body, "I live in Lom"));
  std::smatch approve;
  ASSERT_TRUE(std::regex_search(pending.body, approve, std::regex(R"(action="(/admin/registrations/\d+/approve)\")")));
  ASSERT_EQ(PostAsAdmin(approve[1].str(), "").status, 303);
  EXPECT_EQ(PostAsAdmin(approve[1].str(), "").status, 409) << "a request is decided once";

  account = Get(port(), "/account", {"Cookie: session=" + petar});
  EXPECT_TRUE(Contains(account.body, "одобрена"));
  EXPECT_TRUE(Contains(account.body, "Лом (община)")) << "the role holds for Лом";
}

TEST_F(OrganisationsTest, ARegistrationForAnAddressWithAnAccountLooksTheSameAndChangesNothing) {
  const HttpResponse form = Get(port(), "/register");
  const HttpResponse sent = PostForm(
      port(), "/register",
      "csrf=" + HiddenCsrf(form.body) + "&email=maria%40example.org&password=someone+else+typing&municipality=MON24",
      "csrf=" + test_support::CookieFrom(form, "csrf"));
  EXPECT_EQ(sent.status, 200);
  EXPECT_TRUE(Contains(sent.body, "Заявката ви е записана"));
  EXPECT_FALSE(SignIn(port(), "maria@example.org", "correct horse battery").empty()) << "her password stays";
}

TEST(RegistrationClosed, ByDefaultNobodyCanRegister) {
  test_support::TestDatabase database;
  test_support::ServerProcess server(database.target());
  const HttpResponse form = Get(server.port(), "/register");
  EXPECT_EQ(form.status, 404);
  EXPECT_TRUE(Contains(form.body, "Регистрацията тук е затворена")) << form.body;
  EXPECT_FALSE(Contains(Get(server.port(), "/signin").body, "href=\"/register\""));
}

TEST(OrganisationCommand, AddsAnOrganisationAndAMemberFromTheCommandLine) {
  test_support::TestDatabase database;
  ASSERT_EQ(test_support::AddUser(database.target(), "maria@example.org", "correct horse battery").exit_code, 0);
  const auto refused =
      test_support::RunKhetane({"organisation", "add", "Амалипе", "--kind", "party", "--database", database.target()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_TRUE(Contains(refused.output, "Choose what kind of organisation it is.")) << refused.output;

  const auto added = test_support::RunKhetane(
      {"organisation", "add", "Амалипе", "--kind", "cso", "--municipality", "MON24", "--database", database.target()});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(added.output, id, std::regex(R"(added organisation (\d+))")));
  const auto member = test_support::RunKhetane(
      {"organisation", "add-member", id[1].str(), "maria@example.org", "--database", database.target()});
  EXPECT_EQ(member.exit_code, 0) << member.output;
  EXPECT_EQ(database->Acquire()->QueryOne("SELECT COUNT(*) FROM organisation_members")->Int(0), 1);
  // The organisation can now be a role's scope.
  EXPECT_EQ(test_support::AddUser(database.target(), "editor@example.org", "correct horse battery",
                                  {"--role", "cso_editor", "--scope", "organisation:" + id[1].str()})
                .exit_code,
            0);
}

}  // namespace
