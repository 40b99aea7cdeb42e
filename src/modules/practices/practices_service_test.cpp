#include "modules/practices/practices_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "db/migrator.hpp"
#include "kernel/data_version.hpp"
#include "support/fake_translator.hpp"
#include "support/policies_fixture.hpp"
#include "support/saves_at_once.hpp"

namespace practices {
namespace {

using core::Role;
using core::ScopeKind;

constexpr std::int64_t kNow = 1'796'000'000;  // December 2026

// The practices on the policies' fixture (Лом and Благоевград), with Gent and Ostrava loaded as `khetane import places`
// loads them, the municipalities' populations, and an official of Лом, one of Gent and one of Благоевград.
class PracticesServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"meetings", "src/modules/meetings/migrations"},
                             {"practices", "src/modules/practices/migrations"}});
    ASSERT_NO_FATAL_FAILURE(
        ImportBelgianMunicipalities("44021,Gent,BE234,Arr. Gent,265086,2022\n"
                                    "11002,Antwerpen,BE211,Arr. Antwerpen,530630,2022\n"
                                    "46003,Beveren,BE236,Arr. Sint-Niklaas,49925,2022\n"));
    database_->Acquire()->Execute(
        "INSERT INTO municipality_population (municipality_code, year, population) VALUES ('MON24', 2025, 19900), "
        "('BLG03', 2025, 67000)");
    lom_ = Person("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    gent_ = Person("official@gent.be", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BE-44021"}});
    blagoevgrad_ = Person("official@blg.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
  }

  static PracticeFields Mediators() {
    PracticeFields fields;
    fields.municipality_code = "MON24";
    fields.period_start = "2024";
    fields.evidence_level = "demonstrated";
    fields.cost = "12 500,50";
    fields.currency = "EUR";
    fields.areas = {"education"};
    fields.text.language = "bg";
    fields.text.texts[0] = "Образователни медиатори в училищата";
    fields.text.texts[3] = "Медиаторите посещават семействата и придружават децата до училище.";
    return fields;
  }

  static PracticeText Dutch() {
    PracticeText text;
    text.language = "nl";
    text.origin = Origin::kMachine;
    text.translator = "LibreTranslate";
    text.translated_from = "bg";
    text.texts[0] = "Onderwijsbemiddelaars in de scholen";
    text.texts[3] = "De bemiddelaars bezoeken de gezinnen en begeleiden de kinderen naar school.";
    return text;
  }

  SearchResult Found(const std::string& text, const std::string& language = "en") {
    SearchQuery query;
    query.text = text;
    auto found = service_practices_.Search(query, language);
    EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message);
    return found.ok() ? *found : SearchResult{};
  }

  core::FixedClock clock_practices_{kNow};
  kernel::DataVersion version_{*database_};
  PracticesStore store_practices_{*database_};
  PracticesService service_practices_{store_practices_, places_, audit_, clock_practices_, version_};
  std::optional<core::SignedIn> lom_, gent_, blagoevgrad_;
};

TEST_F(PracticesServiceTest, APracticeWrittenInBulgarianIsFoundByAnotherFormOfItsWordsAndInLatinLetters) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok()) << id.error().message;
  // "медиатор" (one) finds "медиаторите" (the mediators); "училища" (schools) finds "училищата".
  EXPECT_EQ(Found("медиатор").total, 1);
  EXPECT_EQ(Found("училища").total, 1);
  EXPECT_EQ(Found("uchilishtata").total, 1);
  EXPECT_EQ(Found("болници").total, 0);
  const auto practice = service_practices_.Find(*id);
  ASSERT_TRUE(practice.ok());
  EXPECT_EQ(practice->cost_cents, 1250050);
  EXPECT_EQ(practice->versions.size(), 1u);
  EXPECT_EQ(practice->versions[0].origin, Origin::kPerson);
}

TEST_F(PracticesServiceTest, AMachineTranslationIsMarkedAndFoundByADutchWord) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(service_practices_.SaveVersion(*gent_, *id, Dutch()).ok());
  // "bemiddelaar" (one mediator) finds "bemiddelaars"; a reader need not know which language the text is in.
  const SearchResult found = Found("bemiddelaar scholen", "nl");
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].title, "Onderwijsbemiddelaars in de scholen");
  EXPECT_TRUE(found.items[0].machine_translated);
  // A Bulgarian reader gets the original, written by a person.
  const SearchResult in_bulgarian = Found("bemiddelaar", "bg");
  ASSERT_EQ(in_bulgarian.total, 1);
  EXPECT_EQ(in_bulgarian.items[0].title_language, "bg");
  EXPECT_FALSE(in_bulgarian.items[0].machine_translated);
  // A machine translation names its service and source.
  PracticeText anonymous = Dutch();
  anonymous.translator = "";
  const auto refused = service_practices_.SaveVersion(*gent_, *id, anonymous);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kInvalidInput);
}

TEST_F(PracticesServiceTest, OnlyThoseWhoWorkForAPlaceMayPublishItsPracticesOrReplaceAVersionAPersonWrote) {
  const auto refused = service_practices_.Publish(*blagoevgrad_, Mediators());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  PracticeText bulgarian;
  bulgarian.language = "bg";
  bulgarian.texts[0] = "Друго заглавие";
  const auto replaced = service_practices_.SaveVersion(*gent_, *id, bulgarian);
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.error().kind, core::ErrorKind::kForbidden);
  // A machine's version may be replaced by a person's.
  ASSERT_TRUE(service_practices_.SaveVersion(*gent_, *id, Dutch()).ok());
  PracticeText by_person = Dutch();
  by_person.origin = Origin::kPerson;
  by_person.version = service_practices_.Find(*id)->VersionIn("nl")->version;
  ASSERT_TRUE(service_practices_.SaveVersion(*blagoevgrad_, *id, by_person).ok());
  EXPECT_EQ(service_practices_.Find(*id)->VersionIn("nl")->origin, Origin::kPerson);
}

TEST_F(PracticesServiceTest, ARefusedFormSaysWhatIsWrongWithEachField) {
  PracticeFields fields = Mediators();
  fields.text.texts[0] = "";
  fields.period_start = "20x4";
  fields.period_end = "2020";
  fields.evidence_level = "proven";
  fields.cost = "много";
  fields.areas = {"astrology"};
  const auto refused = service_practices_.Publish(*lom_, fields);
  ASSERT_FALSE(refused.ok());
  std::set<std::string> fields_blamed;
  for (const auto& problem : refused.error().problems) fields_blamed.insert(problem.field);
  EXPECT_EQ(fields_blamed, (std::set<std::string>{"title", "period_start", "evidence_level", "cost", "areas"}));
}

TEST_F(PracticesServiceTest, APracticeWhoseTitleHoldsTheWordComesFirstThenTheNewest) {
  const auto titled = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(titled.ok());
  PracticeFields told = Mediators();
  told.text.texts[0] = "Училище за родители";
  clock_practices_.Advance(std::chrono::hours(1));
  const auto older = service_practices_.Publish(*lom_, told);
  ASSERT_TRUE(older.ok());
  told.text.texts[0] = "Летни занимания";
  clock_practices_.Advance(std::chrono::hours(1));
  const auto newer = service_practices_.Publish(*lom_, told);
  ASSERT_TRUE(newer.ok());
  PracticeFields unrelated = Mediators();
  unrelated.text.texts[0] = "Общински жилища";
  unrelated.text.texts[3] = "Ремонт на жилища.";
  ASSERT_TRUE(service_practices_.Publish(*lom_, unrelated).ok());
  const SearchResult found = Found("медиатори");
  ASSERT_EQ(found.total, 3);
  std::vector<std::string> titles;
  for (const PracticeSummary& item : found.items) titles.push_back(item.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"Образователни медиатори в училищата", "Летни занимания",
                                              "Училище за родители"}));
}

// What start-up does when the analyser changed (kernel::RefreshFullTextIndexes calls it): terms made under other rules,
// here none at all, are made again from the texts.
TEST_F(PracticesServiceTest, SearchTermsAreMadeAgainFromTheTexts) {
  ASSERT_TRUE(service_practices_.Publish(*lom_, Mediators()).ok());
  PracticeFields dutch = Mediators();
  dutch.municipality_code = "BE-44021";
  dutch.text.language = "nl";
  dutch.text.texts = {};
  dutch.text.texts[0] = "Bemiddelaars in de scholen";
  ASSERT_TRUE(service_practices_.Publish(*gent_, dutch).ok());
  database_->Acquire()->Execute("DELETE FROM practice_terms");
  ASSERT_EQ(Found("медиатори").total, 0);
  EXPECT_EQ(store_practices_.RebuildSearchTerms(), 2);
  EXPECT_EQ(Found("медиатори").total, 1);
  EXPECT_EQ(Found("scholen").total, 1);
  EXPECT_EQ(Found("school").total, 1) << "the Dutch title's stem";
}

TEST_F(PracticesServiceTest, FiltersNarrowBySizeCountryAreaAndEvidence) {
  ASSERT_TRUE(service_practices_.Publish(*lom_, Mediators()).ok());
  PracticeFields housing = Mediators();
  housing.municipality_code = "BE-44021";
  housing.evidence_level = "promising";
  housing.areas = {"housing"};
  housing.text.language = "nl";
  housing.text.texts = {};
  housing.text.texts[0] = "Bemiddeling tussen huurders en verhuurders";
  ASSERT_TRUE(service_practices_.Publish(*gent_, housing).ok());
  SearchQuery query;
  query.country = "BE";
  EXPECT_EQ(service_practices_.Search(query, "en")->total, 1);
  query = {};
  query.area = "education";
  EXPECT_EQ(service_practices_.Search(query, "en")->items.at(0).municipality_code, "MON24");
  query = {};
  query.population = PopulationBand::k10kTo50k;  // Лом, 19,900
  EXPECT_EQ(service_practices_.Search(query, "en")->items.at(0).municipality_code, "MON24");
  query.population = PopulationBand::k50kTo250k;  // neither: Gent has 265,086
  EXPECT_EQ(service_practices_.Search(query, "en")->total, 0);
  query = {};
  query.evidence_level = EvidenceLevel::kPromising;
  EXPECT_EQ(service_practices_.Search(query, "en")->items.at(0).municipality_code, "BE-44021");
}

TEST_F(PracticesServiceTest, WhatAHostileSearchTypesIsTakenAsWordsOnEitherDatabase) {
  ASSERT_TRUE(service_practices_.Publish(*lom_, Mediators()).ok());
  for (const std::string& typed :
       std::vector<std::string>{"\" OR * NEAR(", "'; DROP TABLE practices; --", "медиатор*", "^училища -x",
                                std::string(10000, 'a'), "!!!", "AND OR NOT"}) {
    SearchQuery query;
    query.text = typed;
    const auto found = service_practices_.Search(query, "en");
    EXPECT_TRUE(found.ok()) << typed;
  }
  EXPECT_EQ(Found("!!!").total, 0);
  EXPECT_EQ(Found("медиатор*").total, 1);
}

TEST_F(PracticesServiceTest, GentRecordsThatItAdaptsAPracticeAndOnlyWithAMeasureOfItsOwnPlans) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  // A Лом measure is not Благоевград's to name.
  policies::Document plan;
  plan.level = policies::Level::kMunicipal;
  plan.title = "План Лом";
  plan.period_start = 2027;
  plan.period_end = 2030;
  plan.municipality_code = "MON24";
  const std::int64_t document = CreateDocument(plan).id;
  policies::Item objective;
  objective.document_id = document;
  objective.kind = "objective";
  objective.code = "1";
  objective.title = "Образование";
  policies::Item measure;
  measure.document_id = document;
  measure.parent_id = service_.CreateItem(admin_, objective)->id;
  measure.kind = "measure";
  measure.code = "1.1";
  measure.title = "Медиатори";
  const std::int64_t lom_measure = service_.CreateItem(admin_, measure)->id;
  const auto foreign =
      service_practices_.RecordTransfer(*blagoevgrad_, *id, "BLG03", "adapts", std::to_string(lom_measure), "", 0);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().problems.at(0).field, "item");
  // Gent may record Gent's take-up, not Антверпен's.
  EXPECT_EQ(service_practices_.RecordTransfer(*gent_, *id, "BE-11002", "adopts", "", "", 0).error().kind,
            core::ErrorKind::kForbidden);
  ASSERT_TRUE(service_practices_.RecordTransfer(*gent_, *id, "BE-44021", "adapts", "", "Met wijkwerkers", 0).ok());
  const auto practice = service_practices_.Find(*id);
  ASSERT_EQ(practice->transfers.size(), 1u);
  EXPECT_EQ(practice->transfers[0].municipality_code, "BE-44021");
  EXPECT_EQ(practice->transfers[0].kind, "adapts");
  EXPECT_EQ(service_practices_.TransferredTo("BE-44021", "en").size(), 1u);
  EXPECT_EQ(Found("медиатор").items.at(0).transfers, 1);
}

TEST_F(PracticesServiceTest, MunicipalitiesLikeLomAreNearInSizeAndShareItsAreas) {
  ASSERT_TRUE(service_practices_.Publish(*lom_, Mediators()).ok());
  PracticeFields schools = Mediators();
  schools.municipality_code = "BE-46003";  // Beveren, 49,925 people
  schools.text.language = "nl";
  schools.text.texts = {};
  schools.text.texts[0] = "Brugfiguren in de scholen";
  const auto beveren_official =
      Person("official@beveren.be", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BE-46003"}});
  ASSERT_TRUE(service_practices_.Publish(beveren_official, schools).ok());
  const auto like = service_practices_.MunicipalitiesLike("MON24", 6);
  ASSERT_FALSE(like.empty());
  // Beveren works in education as Лом does; Благоевград (67,000) is nearer in size but shares nothing.
  EXPECT_EQ(like.front().municipality.code, "BE-46003");
  EXPECT_EQ(like.front().shared_areas, (std::vector<std::string>{"education"}));
  // Antwerpen, 27 times Лом's size, is not like it.
  for (const LikeYours& each : like) EXPECT_NE(each.municipality.code, "BE-11002");
}

TEST_F(PracticesServiceTest, ChangingFactsSomeoneElseChangedIsRefused) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  PracticeFields facts = Mediators();
  facts.evidence_level = "replicated";
  ASSERT_TRUE(service_practices_.EditFacts(*lom_, *id, 1, facts).ok());
  const auto stale = service_practices_.EditFacts(*lom_, *id, 1, facts);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(service_practices_.Find(*id)->evidence_level, EvidenceLevel::kReplicated);
}

TEST_F(PracticesServiceTest, OfTwoWhoOpenedTheDutchVersionTheSecondToSaveIsRefusedAndTheFirstsStays) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(service_practices_.SaveVersion(*gent_, *id, Dutch()).ok());
  // A member in Gent and the official of Лом open the Dutch version at the version it has now.
  const std::int64_t shown = service_practices_.Find(*id)->VersionIn("nl")->version;
  PracticeText gents = Dutch();
  gents.origin = Origin::kPerson;
  gents.texts[0] = "Schoolbemiddelaars";
  gents.version = shown;
  PracticeText loms = gents;
  loms.texts[0] = "Bemiddelaars in de klas";
  ASSERT_TRUE(service_practices_.SaveVersion(*gent_, *id, gents).ok());
  const auto refused = service_practices_.SaveVersion(*lom_, *id, loms);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  const auto practice = service_practices_.Find(*id);
  const PracticeText* stored = practice->VersionIn("nl");
  EXPECT_EQ(stored->title(), "Schoolbemiddelaars") << "what the first saved stays";
  EXPECT_EQ(stored->version, shown + 1);
  // The refused form comes back at the version stored now: saved again from it, the second replaces the first.
  loms.version = stored->version;
  ASSERT_TRUE(service_practices_.SaveVersion(*lom_, *id, loms).ok());
  EXPECT_EQ(service_practices_.Find(*id)->VersionIn("nl")->title(), "Bemiddelaars in de klas");
}

TEST_F(PracticesServiceTest, AFormThatShowedNoVersionInTheLanguageDoesNotWriteOverOneSavedSince) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  // Two open the form while there is no Dutch version (version 0); the first saves one.
  ASSERT_TRUE(service_practices_.SaveVersion(*gent_, *id, Dutch()).ok());
  PracticeText later = Dutch();
  later.texts[0] = "Bemiddelaars";
  const auto refused = service_practices_.SaveVersion(*lom_, *id, later);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(service_practices_.Find(*id)->VersionIn("nl")->title(), "Onderwijsbemiddelaars in de scholen");
}

TEST_F(PracticesServiceTest, SavesOfOneVersionAtTheSameMomentLeaveExactlyOne) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  const std::int64_t shown = service_practices_.Find(*id)->VersionIn("bg")->version;
  // Eight saves of the Bulgarian version from the one version they all showed, at once: one goes through.
  const auto saves = test_support::SaveAtOnce(8, [&](int i) {
    PracticeText text = Mediators().text;
    text.texts[0] = "Медиатори " + std::to_string(i);
    text.version = shown;
    return service_practices_.SaveVersion(*lom_, *id, text);
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 7);
  EXPECT_EQ(service_practices_.Find(*id)->VersionIn("bg")->version, shown + 1);
}

TEST_F(PracticesServiceTest, OfTwoWhoOpenedGentsTakeUpTheSecondToRecordIsRefusedAndTheFirstsStays) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(service_practices_.RecordTransfer(*gent_, *id, "BE-44021", "adapts", "", "Met wijkwerkers", 0).ok());
  const std::int64_t shown = service_practices_.Find(*id)->transfers.at(0).version;
  // Two officials of Gent open Gent's take-up at that version; the first records that Gent adopts it as it is.
  const auto colleague = Person("wijkwerk@gent.be", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BE-44021"}});
  ASSERT_TRUE(service_practices_.RecordTransfer(*gent_, *id, "BE-44021", "adopts", "", "Zoals het is", shown).ok());
  const auto refused =
      service_practices_.RecordTransfer(colleague, *id, "BE-44021", "adapts", "", "Met buurtwerkers", shown);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  const auto practice = service_practices_.Find(*id);
  ASSERT_EQ(practice->transfers.size(), 1u);
  EXPECT_EQ(practice->transfers[0].kind, "adopts") << "what the first recorded stays";
  EXPECT_EQ(practice->transfers[0].note, "Zoals het is");
  EXPECT_EQ(practice->transfers[0].version, shown + 1);
  // Nor does a form that showed no take-up write over it.
  EXPECT_EQ(service_practices_.RecordTransfer(colleague, *id, "BE-44021", "adapts", "", "", 0).error().kind,
            core::ErrorKind::kConflict);
  EXPECT_EQ(service_practices_.Find(*id)->transfers[0].note, "Zoals het is");
}

TEST_F(PracticesServiceTest, AReaderAsksForAMachineTranslationThatIsStoredMarkedAndFound) {
  const auto id = service_practices_.Publish(*lom_, Mediators());
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(service_practices_.TranslateByMachine(*gent_, *id, "nl").error().kind, core::ErrorKind::kNotFound)
      << "no service is configured";
  test_support::FakeTranslator translator;
  TranslationService libretranslate;
  libretranslate.url = translator.url();
  service_practices_.UseTranslationService(libretranslate);
  ASSERT_TRUE(service_practices_.TranslateByMachine(*gent_, *id, "nl").ok());
  const auto practice = service_practices_.Find(*id);
  const PracticeText* dutch = practice->VersionIn("nl");
  ASSERT_NE(dutch, nullptr);
  EXPECT_EQ(dutch->language, "nl");
  EXPECT_EQ(dutch->origin, Origin::kMachine);
  EXPECT_EQ(dutch->translator, "LibreTranslate");
  EXPECT_EQ(dutch->translated_from, "bg");
  EXPECT_EQ(dutch->title(), "[nl] Образователни медиатори в училищата");
  ASSERT_EQ(translator.requests().size(), 1u) << "every text in one request";
  EXPECT_EQ(translator.requests()[0]["source"], "bg");
  EXPECT_EQ(translator.requests()[0]["q"].size(), 2u) << "the empty texts are not sent";
  // Asked again, the version stays as it is: nothing is sent.
  ASSERT_TRUE(service_practices_.TranslateByMachine(*gent_, *id, "nl").ok());
  EXPECT_EQ(translator.requests().size(), 1u);
  // A service that refuses: nothing is stored, and the reader is told to try later.
  translator.AnswerWith(503);
  const auto refused = service_practices_.TranslateByMachine(*gent_, *id, "cs");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(service_practices_.Find(*id)->versions.size(), 2u);
  EXPECT_EQ(service_practices_.TranslateByMachine(*gent_, *id, "xx").error().kind, core::ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace practices
