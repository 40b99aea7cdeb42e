#include "modules/practices/groups_service.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "db/migrator.hpp"
#include "kernel/data_version.hpp"
#include "support/policies_fixture.hpp"

namespace practices {
namespace {

using core::Role;
using core::ScopeKind;

constexpr std::int64_t kNow = 1'796'000'000;  // December 2026

// The working groups on the policies' fixture (Лом and Благоевград), with Gent loaded as `khetane import places` loads
// it; an official of Gent, one of Лом, one of Благоевград, a coordinator, and a person without any role.
class GroupsServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"meetings", "src/modules/meetings/migrations"},
                             {"practices", "src/modules/practices/migrations"}});
    ASSERT_NO_FATAL_FAILURE(ImportBelgianMunicipalities("44021,Gent,BE234,Arr. Gent,265086,2022\n"));
    gent_ = Person("official@gent.be", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BE-44021"}});
    lom_ = Person("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    blagoevgrad_ = Person("official@blg.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
    coordinator_ = Person("coordinator@example.org", {Role::kCoordinator, {ScopeKind::kInstallation, ""}});
    const auto nobody = users_.AddUser("nobody@example.org", "nobody", "correct horse battery");
    ASSERT_TRUE(nobody.ok());
    no_role_.emplace(nobody->id, "nobody", std::vector<core::RoleAssignment>{}, kOrigin);
    const auto education = service_groups_.Create(*coordinator_, Education());
    ASSERT_TRUE(education.ok()) << education.error().message;
    education_ = *education;
  }

  static GroupFields Education() {
    return {"education", "Early childhood education",
            "How municipalities bring children of Roma families to kindergarten and keep them in school."};
  }

  void Later() { clock_groups_.Advance(std::chrono::seconds(60)); }

  std::int64_t Outbox() { return CountRows("outbox"); }

  core::FixedClock clock_groups_{kNow};
  kernel::DataVersion version_{*database_};
  PracticesStore store_practices_{*database_};
  PracticesService service_practices_{store_practices_, places_, audit_, clock_groups_, version_};
  GroupsStore store_groups_{*database_};
  GroupsService service_groups_{store_groups_, service_practices_, audit_, clock_groups_, outbox_};
  std::optional<core::SignedIn> gent_, lom_, blagoevgrad_, coordinator_, no_role_;
  std::int64_t education_ = 0;
};

TEST_F(GroupsServiceTest, AGentOfficialJoinsTheEducationGroupAndAPersonWithoutARoleCannot) {
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  const auto view = service_groups_.Read(*gent_, education_, "en");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->membership, std::optional<std::string>("BE-44021"));
  ASSERT_EQ(view->members.size(), 1u);
  EXPECT_EQ(view->members[0].country_code, "BE");
  EXPECT_EQ(view->group.countries, (std::vector<std::string>{"BE"}));

  const auto refused = service_groups_.Join(*no_role_, education_, "BE-44021", "en");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kInvalidInput);
  EXPECT_EQ(refused.error().problems.at(0).field, "municipality");
  // An official of Лом is a member for Лом, not for Gent.
  const auto elsewhere = service_groups_.Join(*lom_, education_, "BE-44021", "bg");
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().problems.at(0).field, "municipality");
  EXPECT_EQ(service_groups_.Read(*gent_, education_, "en")->members.size(), 1u);
  // An official works in the groups there are; a coordinator made this one.
  const auto created = service_groups_.Create(*gent_, Education());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().kind, core::ErrorKind::kForbidden);
}

TEST_F(GroupsServiceTest, AMembersNameShowsOnlyToMembersAndTheMemberLeavesWhenTheyWish) {
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  ASSERT_TRUE(service_groups_.Join(*lom_, education_, "MON24", "bg").ok());
  const auto visitor = service_groups_.Read(core::Actor{}, education_, "en");
  ASSERT_TRUE(visitor.ok());
  ASSERT_EQ(visitor->members.size(), 2u);
  for (const GroupMember& member : visitor->members) EXPECT_EQ(member.name, "") << member.municipality_code;
  EXPECT_FALSE(visitor->sees_names);
  const auto member = service_groups_.Read(*lom_, education_, "en");
  EXPECT_TRUE(member->sees_names);
  EXPECT_NE(member->members[0].name, "");

  const auto thread = service_groups_.StartThread(*lom_, education_, {"Родители", "Как ги привличате?"});
  ASSERT_TRUE(thread.ok());
  ASSERT_TRUE(service_groups_.Leave(*lom_, education_).ok());
  EXPECT_EQ(service_groups_.Read(*gent_, education_, "en")->members.size(), 1u);
  const auto after = service_groups_.Reply(*lom_, education_, *thread, "Още нещо.");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().kind, core::ErrorKind::kForbidden);
  // What they wrote stays, and a member still reads their name on it.
  EXPECT_EQ(service_groups_.ReadThread(*gent_, education_, *thread)->posts.at(0).author_name, "official");
}

TEST_F(GroupsServiceTest, ANonMemberCannotPostOrReadTheDocuments) {
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  const auto thread = service_groups_.StartThread(*gent_, education_, {"Ouders bereiken", "Hoe doen jullie dat?"});
  ASSERT_TRUE(thread.ok()) << thread.error().message;

  const auto started = service_groups_.StartThread(*lom_, education_, {"Родители", "Как го правите?"});
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().kind, core::ErrorKind::kForbidden);
  const auto replied = service_groups_.Reply(*lom_, education_, *thread, "Ние също.");
  ASSERT_FALSE(replied.ok());
  EXPECT_EQ(replied.error().kind, core::ErrorKind::kForbidden);

  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  const auto shared = service_groups_.Share(*gent_, education_, "notulen.pdf", pdf);
  ASSERT_TRUE(shared.ok()) << shared.error().message;
  const auto listed = service_groups_.Read(*gent_, education_, "en");
  ASSERT_EQ(listed->documents.size(), 1u);
  EXPECT_EQ(listed->documents[0].media_type, "application/pdf");
  EXPECT_EQ(listed->documents[0].original_name, "notulen.pdf");
  const std::string sha256 = listed->documents[0].sha256;
  const auto file = service_groups_.FileFor(*gent_, education_, sha256);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->content, pdf);

  EXPECT_EQ(service_groups_.FileFor(*lom_, education_, sha256).error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(service_groups_.FileFor(core::Actor{}, education_, sha256).error().kind, core::ErrorKind::kForbidden);
  EXPECT_TRUE(service_groups_.Read(*lom_, education_, "en")->documents.empty());
  EXPECT_EQ(service_groups_.Share(*lom_, education_, "x.pdf", pdf).error().kind, core::ErrorKind::kForbidden);
  // A page of HTML is no document to share, whatever its name says.
  const auto script = service_groups_.Share(*gent_, education_, "notes.pdf", "<html><script>alert(1)</script></html>");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.error().problems.at(0).field, "file");
  // Anyone reads the thread, and sees the author's municipality instead of the name.
  const auto read = service_groups_.ReadThread(core::Actor{}, education_, *thread);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->posts.size(), 1u);
  EXPECT_EQ(read->posts[0].author_name, "");
  EXPECT_EQ(read->posts[0].municipality_code, "BE-44021");
  EXPECT_FALSE(read->may_write);
}

TEST_F(GroupsServiceTest, APostOfTenThousandAndOneCharactersOrAnEmptyOneIsRefusedBesideItsField) {
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  const auto thread = service_groups_.StartThread(*gent_, education_, {"Ouders bereiken", "Hoe doen jullie dat?"});
  ASSERT_TRUE(thread.ok());
  for (const std::string& body : {std::string(10001, 'a'), std::string("  \n "), std::string("\xff\xfe")}) {
    const auto refused = service_groups_.Reply(*gent_, education_, *thread, body);
    ASSERT_FALSE(refused.ok()) << body.size();
    EXPECT_EQ(refused.error().kind, core::ErrorKind::kInvalidInput);
    ASSERT_EQ(refused.error().problems.size(), 1u);
    EXPECT_EQ(refused.error().problems[0].field, "body");
  }
  const auto long_one = service_groups_.Reply(*gent_, education_, *thread, std::string(10001, 'a'));
  EXPECT_EQ(long_one.error().problems[0].message, "Write at most {max} characters; this text has {count}.");
  // Ten thousand characters, of two bytes each, are within the limit; and a thread without a title is refused too.
  std::string cyrillic;
  for (int i = 0; i < 10000; ++i) cyrillic += "я";
  EXPECT_TRUE(service_groups_.Reply(*gent_, education_, *thread, cyrillic).ok());
  const auto untitled = service_groups_.StartThread(*gent_, education_, {"", ""});
  ASSERT_FALSE(untitled.ok());
  EXPECT_EQ(untitled.error().problems.size(), 2u);
  EXPECT_EQ(service_groups_.ReadThread(*gent_, education_, *thread)->posts.size(), 2u);
}

TEST_F(GroupsServiceTest, TheSameReplySentTwiceIsKeptOnce) {
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  const auto thread = service_groups_.StartThread(*gent_, education_, {"Ouders bereiken", "Hoe doen jullie dat?"});
  ASSERT_TRUE(thread.ok());
  const auto first = service_groups_.Reply(*gent_, education_, *thread, "Met een brugfiguur.");
  Later();
  const auto again = service_groups_.Reply(*gent_, education_, *thread, "Met een brugfiguur.");
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(service_groups_.ReadThread(*gent_, education_, *thread)->posts.size(), 2u);
}

TEST_F(GroupsServiceTest, TheDigestQueuesOneMessagePerMemberWithNewPostsAndNoneTheSecondTime) {
  const char* locale = std::getenv("KHETANE_LOCALE_DIR");
  ASSERT_NE(locale, nullptr) << "set KHETANE_LOCALE_DIR to the compiled catalogues";
  const web::Translations translations(locale);
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  ASSERT_TRUE(service_groups_.Join(*lom_, education_, "MON24", "bg").ok());
  ASSERT_TRUE(service_groups_.Join(*blagoevgrad_, education_, "BLG03", "en").ok());
  Later();
  const auto thread = service_groups_.StartThread(*gent_, education_, {"Ouders bereiken", "Hoe doen jullie dat?"});
  ASSERT_TRUE(thread.ok());
  Later();
  ASSERT_TRUE(service_groups_.Reply(*lom_, education_, *thread, "С медиатор.").ok());
  Later();
  const std::int64_t before = Outbox();
  // Gent hears of Лом's reply, Лом of Gent's thread, Благоевград of both; nobody of their own post.
  EXPECT_EQ(service_groups_.QueueDigests(translations, "https://khetane.example.org"), 3);
  EXPECT_EQ(Outbox() - before, 3);
  const auto blagoevgrad = database_->Acquire()->QueryOne(
      "SELECT subject, body_text FROM outbox WHERE recipient = 'official@blg.bg' AND purpose = 'working_group_digest'");
  ASSERT_TRUE(blagoevgrad.has_value());
  EXPECT_EQ(blagoevgrad->Text(0), "Khetane: new posts in your working groups");
  EXPECT_NE(blagoevgrad->Text(1).find("2 new posts"), std::string::npos) << blagoevgrad->Text(1);
  EXPECT_NE(blagoevgrad->Text(1).find("https://khetane.example.org" + ThreadPath(education_, *thread)),
            std::string::npos);
  // Лом reads it in Bulgarian.
  const auto lom = database_->Acquire()->QueryOne("SELECT subject FROM outbox WHERE recipient = 'official@lom.bg'");
  ASSERT_TRUE(lom.has_value());
  EXPECT_NE(lom->Text(0), "Khetane: new posts in your working groups");

  EXPECT_EQ(service_groups_.QueueDigests(translations, ""), 0);
  EXPECT_EQ(Outbox() - before, 3);
  Later();
  ASSERT_TRUE(service_groups_.Reply(*gent_, education_, *thread, "Dank je.").ok());
  Later();
  EXPECT_EQ(service_groups_.QueueDigests(translations, ""), 2) << "Лом and Благоевград";
}

TEST_F(GroupsServiceTest, AnOutputLinksAPracticeOfTheLibraryToTheGroup) {
  ASSERT_TRUE(service_groups_.Join(*gent_, education_, "BE-44021", "nl").ok());
  PracticeFields fields;
  fields.municipality_code = "BE-44021";
  fields.evidence_level = "promising";
  fields.areas = {"education"};
  fields.text.language = "nl";
  fields.text.texts[0] = "Brugfiguren in de kleuterschool";
  const auto practice = service_practices_.Publish(*gent_, fields);
  ASSERT_TRUE(practice.ok()) << practice.error().message;

  const auto unknown = service_groups_.MarkOutput(*gent_, education_, "99999", "poem");
  ASSERT_FALSE(unknown.ok());
  ASSERT_EQ(unknown.error().problems.size(), 2u);
  EXPECT_EQ(unknown.error().problems[0].field, "practice");
  EXPECT_EQ(unknown.error().problems[1].field, "kind");
  EXPECT_EQ(service_groups_.MarkOutput(*lom_, education_, std::to_string(*practice), "method").error().kind,
            core::ErrorKind::kForbidden);

  const auto marked = service_groups_.MarkOutput(
      *gent_, education_, "https://khetane.example.org/practices/" + std::to_string(*practice) + "?version=nl",
      "method");
  ASSERT_TRUE(marked.ok()) << marked.error().message;
  EXPECT_EQ(*marked, *practice);
  const auto outputs = service_groups_.OutputsOfPractice(*practice);
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0].group_id, education_);
  EXPECT_EQ(outputs[0].kind, OutputKind::kMethod);
  const auto view = service_groups_.Read(core::Actor{}, education_, "en");
  ASSERT_EQ(view->outputs.size(), 1u);
  EXPECT_EQ(view->outputs[0].title, "Brugfiguren in de kleuterschool");
  EXPECT_EQ(view->group.outputs, 1);
}

TEST(PracticeIdIn, TakesANumberOrAPracticesAddress) {
  EXPECT_EQ(PracticeIdIn(" 12 "), 12);
  EXPECT_EQ(PracticeIdIn("/practices/12"), 12);
  EXPECT_EQ(PracticeIdIn("https://khetane.example.org/practices/12?version=nl#travelled-heading"), 12);
  EXPECT_EQ(PracticeIdIn("https://khetane.example.org/practices/12/versions/new"), 12);
  EXPECT_EQ(PracticeIdIn("/practices/groups/3"), std::nullopt);
  EXPECT_EQ(PracticeIdIn("twelve"), std::nullopt);
  EXPECT_EQ(PracticeIdIn(""), std::nullopt);
}

}  // namespace
}  // namespace practices
