#include "modules/policies/policies_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "modules/policies/reference_data.hpp"
#include "support/policies_fixture.hpp"
#include "support/saves_at_once.hpp"

namespace {

using accounts::Role;
using accounts::ScopeKind;
using nlohmann::json;
using policies::Actor;
using policies::Document;
using policies::GapScope;
using policies::Item;
using policies::Level;

const GapScope kLom{GapScope::Kind::kMunicipality, "MON24", "MON"};
const GapScope kBlagoevgrad{GapScope::Kind::kMunicipality, "BLG03", "BLG"};
const GapScope kMontana{GapScope::Kind::kOblast, "MON", ""};
const GapScope kCountry{GapScope::Kind::kCountry, "", ""};
const std::vector<std::string> kEuObjectives = {"eu-2020-o1", "eu-2020-o2", "eu-2020-o3", "eu-2020-o4",
                                                "eu-2020-o5", "eu-2020-o6", "eu-2020-o7"};

bool Has(const std::vector<std::string>& uids, const std::string& uid) {
  return std::find(uids.begin(), uids.end(), uid) != uids.end();
}

// The service on a fresh database with the sample places, two settlements, the policy reference data and an
// administrator.
class PoliciesServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    database_->Acquire()->Execute(
        "INSERT INTO settlements (ekatte, municipality_code, kind, name_bg, name_en, search_key) VALUES "
        "('04279', 'BLG03', 'city', 'Благоевград', 'Blagoevgrad', 'blagoevgrad')");
    const auto eu = store_.FindDocumentByReferenceKey("eu-framework-2020");
    const auto national = store_.FindDocumentByReferenceKey("bg-roma-strategy-2021");
    ASSERT_TRUE(eu.has_value() && national.has_value());
    eu_ = *eu;
    national_ = *national;
  }

  // An adopted document for 2022–2027 made by the administrator: a municipal action plan or a regional strategy.
  Document AddDocument(Level level, const std::string& place, const std::string& title,
                       const std::string& status = "adopted", const std::string& progress_rule = "equal") {
    Document document;
    document.level = level;
    document.kind = level == Level::kRegional ? "strategy" : "action_plan";
    document.title = title;
    document.period_start = 2022;
    document.period_end = 2027;
    document.status = status;
    document.progress_rule = progress_rule;
    (level == Level::kRegional ? document.oblast_code : document.municipality_code) = place;
    return CreateDocument(document);
  }

  static Item ItemOf(const Document& document, const std::string& kind, const std::string& title,
                     std::optional<std::int64_t> parent = std::nullopt, std::optional<int> progress = std::nullopt) {
    Item item;
    item.document_id = document.id;
    item.kind = kind;
    item.title = title;
    item.parent_id = parent;
    item.progress = progress;
    return item;
  }

  Item Add(const Item& item) {
    auto created = service_.CreateItem(admin_, item);
    if (!created.ok()) {
      ADD_FAILURE() << item.title << ": " << created.error().message;
      return {};
    }
    return *created;
  }

  Item AddObjective(const Document& document, const std::string& title) {
    return Add(ItemOf(document, "objective", title));
  }
  Item AddMeasure(const Item& objective, const std::string& title, std::optional<int> progress = std::nullopt) {
    Item item = ItemOf(*service_.FindDocument(objective.document_id), "measure", title, objective.id, progress);
    return Add(item);
  }

  // Two objectives of the national strategy (none are shipped: an administrator enters them).
  void AddNationalObjectives() {
    Item education = ItemOf(national_, "objective", "Образование");
    education.uid = "bg-2021-o1";
    national_education_ = Add(education);
    Item health = ItemOf(national_, "objective", "Здравеопазване");
    health.uid = "bg-2021-o2";
    national_health_ = Add(health);
  }

  Item EuObjective(const std::string& uid) { return *store_.FindItemByUid(uid); }

  void Link(const Item& item, const Item& implements) {
    const auto linked = service_.Link(admin_, item.id, implements.id);
    ASSERT_TRUE(linked.ok()) << linked.error().message;
    EXPECT_TRUE(*linked);
  }

  std::vector<std::string> Unimplemented(const GapScope& scope) {
    std::vector<std::string> uids;
    for (const auto& gap : service_.FindGaps(scope).unimplemented) uids.push_back(gap.uid);
    return uids;
  }
  std::vector<std::string> Unlinked(const GapScope& scope) {
    std::vector<std::string> uids;
    for (const auto& gap : service_.FindGaps(scope).unlinked) uids.push_back(gap.uid);
    return uids;
  }
  // The EU objectives except those named.
  static std::vector<std::string> EuObjectivesBut(const std::vector<std::string>& implemented) {
    std::vector<std::string> left;
    for (const auto& uid : kEuObjectives) {
      if (!Has(implemented, uid)) left.push_back(uid);
    }
    return left;
  }

  std::int64_t CountAudit(const std::string& action) { return accounts_.CountAudit(action); }

  Document eu_;
  Document national_;
  Item national_education_;
  Item national_health_;
};

// --- Reference data ---

class PolicyReferenceDataTest : public PoliciesServiceTest {};

TEST_F(PolicyReferenceDataTest, LoadsThePriorityAreasOfThreeSchemesAndTheirMappings) {
  const auto areas = service_.Areas();
  EXPECT_EQ(areas.size(), 22u);
  std::map<std::string, int> per_scheme;
  for (const auto& area : areas) ++per_scheme[area.scheme];
  EXPECT_EQ(per_scheme["eu2020"], 7);
  EXPECT_EQ(per_scheme["bg2021"], 9);
  EXPECT_EQ(per_scheme["platform"], 6);
  const auto equality = std::find_if(areas.begin(), areas.end(), [](const policies::Area& area) {
    return area.scheme == "eu2020" && area.code == "equality";
  });
  ASSERT_NE(equality, areas.end());
  EXPECT_TRUE(equality->cross_cutting);
  EXPECT_EQ(equality->name_en, "Equality: fight and prevent antigypsyism and discrimination");
  EXPECT_EQ(store_.AreaMappings().size(), 21u);
}

TEST_F(PolicyReferenceDataTest, LoadsTheEuFrameworkAndTheNationalStrategyThatAnswersIt) {
  EXPECT_EQ(service_.ListDocuments({}).size(), 2u);
  EXPECT_EQ(eu_.level, Level::kEu);
  EXPECT_EQ(eu_.kind, "framework");
  EXPECT_EQ(eu_.status, "adopted");
  EXPECT_EQ(eu_.period_start, 2020);
  EXPECT_EQ(eu_.period_end, 2030);
  EXPECT_EQ(eu_.decision_number, "COM(2020) 620");
  EXPECT_EQ(eu_.decision_date, "2020-10-07");
  EXPECT_EQ(eu_.area_ids.size(), 7u);

  EXPECT_EQ(national_.level, Level::kNational);
  EXPECT_EQ(national_.kind, "strategy");
  EXPECT_EQ(national_.status, "adopted");
  EXPECT_EQ(national_.adopted_by, "Council of Ministers");
  EXPECT_EQ(national_.decision_date, "2022-05-05");
  EXPECT_EQ(national_.source_url, "https://nccedi.government.bg/bg/node/448");
  EXPECT_EQ(national_.implements_document_id, eu_.id);
  EXPECT_TRUE(store_.DocumentItems(national_.id).empty()) << "its objectives are not in our sources";
}

TEST_F(PolicyReferenceDataTest, LoadsTheSevenEuObjectivesInOrderWithTheir2030Targets) {
  const auto objectives = store_.DocumentItems(eu_.id);
  ASSERT_EQ(objectives.size(), 7u);
  std::size_t targets = 0, unverified = 0;
  for (std::size_t i = 0; i < objectives.size(); ++i) {
    EXPECT_EQ(objectives[i].uid, kEuObjectives[i]);
    EXPECT_EQ(objectives[i].code, std::to_string(i + 1));
    EXPECT_EQ(objectives[i].kind, "objective");
    EXPECT_EQ(objectives[i].area_ids.size(), 1u);
    targets += objectives[i].targets.size();
    for (const auto& target : objectives[i].targets) unverified += target.verified ? 0 : 1;
  }
  EXPECT_EQ(targets, 15u);
  EXPECT_EQ(unverified, 5u);
  const Item& equality = objectives[0];
  ASSERT_EQ(equality.targets.size(), 3u);
  EXPECT_EQ(equality.targets[0].text_en, "Halve the share of Roma who experience discrimination");
  EXPECT_TRUE(equality.targets[0].verified);
  EXPECT_FALSE(equality.targets[2].verified) << "the neighbours target is a placeholder";
  EXPECT_TRUE(objectives[2].targets.empty()) << "participation sets no minimum target";
}

TEST_F(PolicyReferenceDataTest, LoadingAgainChangesNothing) {
  const auto again = policies::SeedPolicyReferenceData(store_, "data/policy");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(*again);
  EXPECT_EQ(CountRows("priority_areas"), 22);
  EXPECT_EQ(CountRows("area_mappings"), 21);
  EXPECT_EQ(CountRows("policy_documents"), 2);
  EXPECT_EQ(CountRows("policy_items"), 7);
  EXPECT_EQ(CountRows("item_targets"), 15);
}

// --- Who may edit what ---

class PolicyPermissionsTest : public PoliciesServiceTest {
 protected:
  void SetUp() override {
    PoliciesServiceTest::SetUp();
    lom_ = AddDocument(Level::kMunicipal, "MON24", "План за действие на община Лом");
    blagoevgrad_ = AddDocument(Level::kMunicipal, "BLG03", "План за действие на община Благоевград");
    montana_ = AddDocument(Level::kRegional, "MON", "Областна стратегия Монтана");
  }

  // Which of Lom's plan, Blagoevgrad's plan, the Montana strategy, the national strategy and the EU framework
  // `actor` may change, as "LBMNE" with "-" for a refusal.
  std::string Editable(const Actor& actor) {
    std::string answer;
    for (const auto& [document, letter] :
         {std::pair{&lom_, 'L'}, std::pair{&blagoevgrad_, 'B'}, std::pair{&montana_, 'M'}, std::pair{&national_, 'N'},
          std::pair{&eu_, 'E'}}) {
      answer += policies::MayEdit(actor.roles, *document) ? letter : '-';
    }
    return answer;
  }

  Document lom_, blagoevgrad_, montana_;
};

TEST_F(PolicyPermissionsTest, AnOfficialOfLomEditsLomsPlanOnly) {
  const Actor official = UserWith("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
  EXPECT_EQ(Editable(official), "L----");
}

TEST_F(PolicyPermissionsTest, AnOblastCoordinatorEditsTheMunicipalPlansAndTheRegionalStrategyOfTheOblast) {
  const Actor coordinator = UserWith("coordinator@montana.bg", {Role::kCoordinator, {ScopeKind::kOblast, "MON"}});
  EXPECT_EQ(Editable(coordinator), "L-M--");
}

TEST_F(PolicyPermissionsTest, ACsoEditorOfLomEditsLomsPlanOnly) {
  const Actor editor = UserWith("editor@amalipe.bg", {Role::kCsoEditor, {ScopeKind::kMunicipality, "MON24"}});
  EXPECT_EQ(Editable(editor), "L----");
}

TEST_F(PolicyPermissionsTest, ACommunityMonitorEditsNothing) {
  const Actor monitor = UserWith("monitor@lom.bg", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
  EXPECT_EQ(Editable(monitor), "-----");
  const auto refused = service_.CreateItem(monitor, ItemOf(lom_, "objective", "Образование"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
}

TEST_F(PolicyPermissionsTest, ANationalCoordinatorEditsEveryLevel) {
  // A role held for the whole installation reaches every place (roles.hpp, ScopeCovers), so the plans below too.
  const Actor coordinator = UserWith("coordinator@nccedi.bg", {Role::kCoordinator, {ScopeKind::kInstallation, ""}});
  EXPECT_EQ(Editable(coordinator), "LBMNE");
}

TEST_F(PolicyPermissionsTest, AnAdministratorEditsEverything) { EXPECT_EQ(Editable(admin_), "LBMNE"); }

TEST_F(PolicyPermissionsTest, AnOfficialIsRefusedOutsideLomAndNothingIsStored) {
  const Actor official = UserWith("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
  const Item blagoevgrad_objective = AddObjective(blagoevgrad_, "Образование");
  const std::int64_t documents = CountRows("policy_documents"), items = CountRows("policy_items"),
                     history = CountRows("policy_history"), audit = CountRows("audit_log");

  Document plan = blagoevgrad_;
  plan.id = 0;
  plan.title = "Друг план за Благоевград";
  const auto document = service_.CreateDocument(official, plan);
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.error().kind, core::ErrorKind::kForbidden);

  Item changed = blagoevgrad_objective;
  changed.title = "Променено";
  const auto update = service_.UpdateItem(official, changed);
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().kind, core::ErrorKind::kForbidden);

  const auto national_item = service_.CreateItem(official, ItemOf(national_, "objective", "Образование"));
  ASSERT_FALSE(national_item.ok());
  EXPECT_EQ(national_item.error().kind, core::ErrorKind::kForbidden);

  const auto link = service_.Link(official, blagoevgrad_objective.id, EuObjective("eu-2020-o4").id);
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().kind, core::ErrorKind::kForbidden);

  const auto carried = service_.CarryOver(official, blagoevgrad_.id, 2028, 2030);
  ASSERT_FALSE(carried.ok());
  EXPECT_EQ(carried.error().kind, core::ErrorKind::kForbidden);

  EXPECT_EQ(CountRows("policy_documents"), documents);
  EXPECT_EQ(CountRows("policy_items"), items);
  EXPECT_EQ(CountRows("item_links"), 0);
  EXPECT_EQ(CountRows("policy_history"), history);
  EXPECT_EQ(CountRows("audit_log"), audit);
  EXPECT_EQ(service_.FindItem(blagoevgrad_objective.id)->title, "Образование");

  // In Lom the same official's change is stored under their name.
  const auto own = service_.CreateItem(official, ItemOf(lom_, "objective", "Образование"));
  ASSERT_TRUE(own.ok()) << own.error().message;
  const auto history_of_own = service_.ItemHistory(own->id);
  ASSERT_EQ(history_of_own.size(), 1u);
  EXPECT_EQ(history_of_own[0].changed_by, official.user_id);
  EXPECT_EQ(history_of_own[0].changed_by_name, "official");
}

// --- Documents ---

TEST_F(PoliciesServiceTest, AMunicipalDocumentTakesItsOblastFromItsMunicipality) {
  Document plan;
  plan.level = Level::kMunicipal;
  plan.title = "  Общински план за действие Лом 2024–2027 ";
  plan.period_start = 2024;
  plan.period_end = 2027;
  plan.municipality_code = "MON24";
  plan.oblast_code = "BLG";  // a wrong oblast is not kept
  plan.decision_number = "123";
  plan.decision_date = "28.03.2024";
  plan.source_url = "https://lom.bg/plan.pdf";
  const auto created = service_.CreateDocument(admin_, plan);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->oblast_code, "MON");
  EXPECT_EQ(created->municipality_code, "MON24");
  EXPECT_EQ(created->title, "Общински план за действие Лом 2024–2027");
  EXPECT_EQ(created->decision_date, "2024-03-28");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(service_.ListDocuments({std::nullopt, "MON", ""}).size(), 1u);
  EXPECT_EQ(service_.ListDocuments({std::nullopt, "", "MON24"}).size(), 1u);
  const auto history = service_.DocumentHistory(created->id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "created");
  EXPECT_EQ(json::parse(history[0].changes)["oblast"], json::array({nullptr, "MON"}));
  EXPECT_EQ(CountAudit("document_created"), 1);
}

TEST_F(PoliciesServiceTest, EachDocumentChangeIsRecordedAndAStaleOneIsAConflict) {
  Document plan = AddDocument(Level::kMunicipal, "MON24", "План Лом", "in_consultation");
  Document adopted = plan, stale = plan;
  adopted.status = "adopted";
  const auto saved = service_.UpdateDocument(admin_, adopted);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(json::parse(service_.DocumentHistory(plan.id).front().changes),
            json({{"status", {"in_consultation", "adopted"}}}));

  stale.title = "План Лом 2022–2027";  // edited from version 1
  const auto conflict = service_.UpdateDocument(admin_, stale);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(service_.FindDocument(plan.id)->title, "План Лом");

  Document in_leva = *saved;
  in_leva.currency = "BGN";
  const auto currency = service_.UpdateDocument(admin_, in_leva);
  ASSERT_TRUE(currency.ok()) << currency.error().message;
  EXPECT_EQ(service_.FindDocument(plan.id)->currency, "BGN") << "a change to the currency alone is a change";
  EXPECT_EQ(service_.DocumentHistory(plan.id).size(), 3u);
  EXPECT_EQ(CountAudit("document_changed"), 2);
}

TEST_F(PoliciesServiceTest, BadDocumentFieldsAreRefusedWithTheirMessageAndNothingIsStored) {
  Document valid;
  valid.level = Level::kMunicipal;
  valid.title = "План Лом";
  valid.period_start = 2021;
  valid.period_end = 2030;
  valid.municipality_code = "MON24";
  ASSERT_TRUE(service_.CreateDocument(admin_, valid).ok()) << "the valid document the cases change";
  const std::int64_t documents = CountRows("policy_documents");

  const auto with = [&](auto change) {
    Document document = valid;
    change(document);
    return document;
  };
  const std::vector<std::pair<Document, std::string>> cases = {
      {with([](Document& d) { d.title = "  "; }), "Write a title."},
      {with([](Document& d) { d.period_start = 2030, d.period_end = 2021; }),
       "The period must be two years, the first not after the second."},
      {with([](Document& d) { d.source_url = "ftp://x"; }), "The source must be a web address starting with https://."},
      {with([](Document& d) { d.decision_date = "31.02.2026"; }),
       "This is not a date: write it as 2026-03-31 or 31.03.2026."},
      {with([](Document& d) { d.municipality_code = "XXX99"; }), "Choose the municipality."},
      {with([](Document& d) { d.municipality_code = ""; }), "Choose the municipality."},
      {with([](Document& d) { d.level = Level::kRegional, d.oblast_code = "XXX"; }), "Choose the oblast."},
      {with([](Document& d) { d.kind = "law"; }), "Choose the kind of document."},
      {with([](Document& d) { d.status = "approved"; }), "Choose the status."},
      {with([](Document& d) { d.progress_rule = "weighted"; }), "Choose how progress adds up."},
  };
  for (const auto& [document, message] : cases) {
    const auto refused = service_.CreateDocument(admin_, document);
    ASSERT_FALSE(refused.ok()) << message;
    EXPECT_EQ(refused.error().kind, core::ErrorKind::kInvalidInput);
    EXPECT_EQ(refused.error().message, message);
  }
  EXPECT_EQ(CountRows("policy_documents"), documents);
  EXPECT_EQ(CountAudit("document_created"), 1);
}

// --- Objectives, measures and activities ---

// Lom's action plan with an objective and a measure under it.
class WithLomPlan : public PoliciesServiceTest {
 protected:
  void SetUp() override {
    PoliciesServiceTest::SetUp();
    lom_ = AddDocument(Level::kMunicipal, "MON24", "План за действие на община Лом");
    objective_ = AddObjective(lom_, "Образование");
    measure_ = AddMeasure(objective_, "Образователни медиатори");
  }

  Document lom_;
  Item objective_, measure_;
};

class PolicyItemsTest : public WithLomPlan {
 protected:
  std::string RefusalOf(const Item& item) {
    const auto created = service_.CreateItem(admin_, item);
    if (created.ok()) return "(accepted)";
    EXPECT_EQ(created.error().kind, core::ErrorKind::kInvalidInput);
    return created.error().message;
  }
};

TEST_F(PolicyItemsTest, AnActivityBelongsToAMeasure) {
  const std::int64_t items = CountRows("policy_items");
  EXPECT_EQ(RefusalOf(ItemOf(lom_, "activity", "Наемане на медиатори")),
            "An activity belongs to a measure: choose it.");
  EXPECT_EQ(RefusalOf(ItemOf(lom_, "activity", "Наемане на медиатори", objective_.id)),
            "A measure belongs to an objective, an activity to a measure, in this document.");
  EXPECT_EQ(CountRows("policy_items"), items);
  const Item activity = Add(ItemOf(lom_, "activity", "Наемане на медиатори", measure_.id));
  EXPECT_EQ(activity.parent_id, measure_.id);
  EXPECT_TRUE(activity.uid.starts_with("a-")) << activity.uid;
}

TEST_F(PolicyItemsTest, AMeasureBelongsToAnObjectiveOfTheSameDocument) {
  const Document blagoevgrad = AddDocument(Level::kMunicipal, "BLG03", "План Благоевград");
  const Item elsewhere = AddObjective(blagoevgrad, "Образование");
  const std::int64_t items = CountRows("policy_items");
  const std::string message = "A measure belongs to an objective, an activity to a measure, in this document.";
  EXPECT_EQ(RefusalOf(ItemOf(lom_, "measure", "Медиатори", elsewhere.id)), message) << "another document's objective";
  EXPECT_EQ(RefusalOf(ItemOf(lom_, "measure", "Медиатори", measure_.id)), message) << "a measure as parent";
  EXPECT_EQ(RefusalOf(ItemOf(lom_, "measure", "Медиатори", EuObjective("eu-2020-o4").id)), message);
  EXPECT_EQ(CountRows("policy_items"), items);
}

TEST_F(PolicyItemsTest, ASettlementOutsideTheMunicipalityIsRefused) {
  Item activity = ItemOf(lom_, "activity", "Кампания за записване в детска градина", measure_.id);
  activity.settlement_ekatte = "04279";  // Благоевград
  EXPECT_EQ(RefusalOf(activity), "No settlement of this document's municipality has this name or EKATTE code.");
  activity.settlement_ekatte = "44238";  // Лом
  const Item created = Add(activity);
  EXPECT_EQ(created.settlement_ekatte, "44238");
}

TEST_F(PolicyItemsTest, EachChangeBumpsTheVersionAndRecordsTheFieldBeforeAndAfter) {
  Item activity = Add(ItemOf(lom_, "activity", "Наемане на медиатори", measure_.id));
  EXPECT_EQ(activity.version, 1);

  activity.title = "Наемане на двама медиатори";
  activity.progress = 40;
  activity.start_date = "01.09.2026";
  const auto changed = service_.UpdateItem(admin_, activity);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->title, "Наемане на двама медиатори");
  EXPECT_EQ(changed->start_date, "2026-09-01");

  Item again = *changed;
  again.progress = 60;
  const auto changed_again = service_.UpdateItem(admin_, again);
  ASSERT_TRUE(changed_again.ok()) << changed_again.error().message;
  EXPECT_EQ(changed_again->version, 3);
  EXPECT_EQ(service_.FindItem(activity.id)->progress, 60);

  const auto history = service_.ItemHistory(activity.id);  // newest first
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].action, "created");
  EXPECT_EQ(history[1].action, "changed");
  EXPECT_EQ(history[1].version, 2);
  EXPECT_EQ(history[1].changed_by, admin_.user_id);
  json first = json::parse(history[1].changes);
  EXPECT_EQ(first.size(), 3u) << first.dump();
  EXPECT_FALSE(first.contains("kind")) << "only what changed";
  EXPECT_EQ(first["title"], json::array({"Наемане на медиатори", "Наемане на двама медиатори"}));
  EXPECT_EQ(first["progress"], json::array({nullptr, 40}));
  EXPECT_EQ(first["start"], json::array({"", "2026-09-01"}));
  EXPECT_EQ(history[0].version, 3);
  EXPECT_EQ(json::parse(history[0].changes), json({{"progress", {40, 60}}}));

  EXPECT_EQ(CountAudit("item_created"), 3);  // the objective, the measure and the activity
  EXPECT_EQ(CountAudit("item_changed"), 2);
}

TEST_F(PolicyItemsTest, CorrectingATargetIsKeptAndRecorded) {
  // DOMAIN.md: an unverified target is a placeholder an administrator corrects.
  Item objective = EuObjective("eu-2020-o7");
  ASSERT_EQ(objective.targets.size(), 3u);
  ASSERT_FALSE(objective.targets[2].verified);
  objective.targets[2].text_en = "Halve the gap in overcrowding";
  objective.targets[2].verified = true;
  const auto corrected = service_.UpdateItem(admin_, objective);
  ASSERT_TRUE(corrected.ok()) << corrected.error().message;
  EXPECT_EQ(corrected->version, 2);
  const Item stored = EuObjective("eu-2020-o7");
  ASSERT_EQ(stored.targets.size(), 3u);
  EXPECT_EQ(stored.targets[2].text_en, "Halve the gap in overcrowding");
  EXPECT_TRUE(stored.targets[2].verified);
  const auto history = service_.ItemHistory(objective.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "changed");
  EXPECT_TRUE(json::parse(history[0].changes).contains("targets")) << history[0].changes;
}

TEST_F(PolicyItemsTest, MovingAnItemChangesTheOrderOfTheTree) {
  const Item second = AddMeasure(objective_, "Детски градини");
  Item moved = second;
  moved.position = -1;  // before the first measure
  const auto saved = service_.UpdateItem(admin_, moved);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 2);
  const auto tree = service_.Tree(lom_.id);
  ASSERT_TRUE(tree.has_value());
  ASSERT_EQ(tree->nodes.size(), 3u);
  EXPECT_EQ(tree->nodes[1].item.id, second.id);
  EXPECT_EQ(tree->nodes[2].item.id, measure_.id);
}

TEST_F(PolicyItemsTest, SavingWithoutAChangeKeepsTheVersionAndWritesNoHistory) {
  const auto saved = service_.UpdateItem(admin_, measure_);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(service_.ItemHistory(measure_.id).size(), 1u);
  EXPECT_EQ(CountAudit("item_changed"), 0);
}

TEST_F(PolicyItemsTest, AChangeFromAStaleVersionIsAConflictAndChangesNothing) {
  Item first = measure_, second = measure_;
  first.title = "Здравни медиатори";
  ASSERT_TRUE(service_.UpdateItem(admin_, first).ok());
  second.title = "Училищни медиатори";  // edited from version 1, which is no longer current
  const auto stale = service_.UpdateItem(admin_, second);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  const auto stored = service_.FindItem(measure_.id);
  EXPECT_EQ(stored->title, "Здравни медиатори");
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(service_.ItemHistory(measure_.id).size(), 2u);
  EXPECT_EQ(CountAudit("item_changed"), 1);
}

TEST_F(PolicyItemsTest, SavesAtTheSameMomentFromOneVersionLeaveExactlyOneChange) {
  // Eight people save the measure they all opened at version 1, at once: one change wins, the others are told.
  const auto saves = test_support::SaveAtOnce(8, [&](int i) {
    Item edited = measure_;
    edited.title = "Медиатори " + std::to_string(i);
    return service_.UpdateItem(admin_, edited);
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 7);
  EXPECT_EQ(service_.FindItem(measure_.id)->version, 2);
  EXPECT_EQ(service_.ItemHistory(measure_.id).size(), 2u) << "one change recorded, as one was made";
}

// --- Links between levels ---

class PolicyLinksTest : public WithLomPlan {
 protected:
  void SetUp() override {
    WithLomPlan::SetUp();
    AddNationalObjectives();
  }

  std::string RefusalOf(const Item& item, const Item& implements) {
    const auto linked = service_.Link(admin_, item.id, implements.id);
    if (linked.ok()) return "(linked)";
    EXPECT_EQ(linked.error().kind, core::ErrorKind::kInvalidInput);
    return linked.error().message;
  }
};

TEST_F(PolicyLinksTest, AMeasureThatImplementsANationalObjectiveClosesItsGapUntilUnlinked) {
  ASSERT_TRUE(Has(Unimplemented(kLom), "bg-2021-o1"));
  Link(measure_, national_education_);
  EXPECT_FALSE(Has(Unimplemented(kLom), "bg-2021-o1"));
  EXPECT_TRUE(Has(Unimplemented(kLom), "bg-2021-o2"));
  const auto implemented_by = service_.ImplementedBy(national_education_.id);
  ASSERT_EQ(implemented_by.size(), 1u);
  EXPECT_EQ(implemented_by[0].other_uid, measure_.uid);
  EXPECT_EQ(implemented_by[0].other_level, Level::kMunicipal);

  const auto unlinked = service_.Unlink(admin_, measure_.id, national_education_.id);
  ASSERT_TRUE(unlinked.ok()) << unlinked.error().message;
  EXPECT_TRUE(*unlinked);
  EXPECT_TRUE(Has(Unimplemented(kLom), "bg-2021-o1"));
  EXPECT_TRUE(service_.ImplementedBy(national_education_.id).empty());
  EXPECT_FALSE(*service_.Unlink(admin_, measure_.id, national_education_.id)) << "nothing left to unlink";

  const auto history = service_.ItemHistory(measure_.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].action, "unlinked");
  EXPECT_EQ(json::parse(history[0].changes)["implements"], json::array({"bg-2021-o1", nullptr}));
  EXPECT_EQ(history[1].action, "linked");
  EXPECT_EQ(json::parse(history[1].changes)["implements"], json::array({nullptr, "bg-2021-o1"}));
  EXPECT_EQ(CountAudit("item_linked"), 1);
  EXPECT_EQ(CountAudit("item_unlinked"), 1);
}

TEST_F(PolicyLinksTest, LinkingTwiceAddsOneLinkAndOneHistoryEntry) {
  Link(measure_, national_education_);
  const auto again = service_.Link(admin_, measure_.id, national_education_.id);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(*again);
  EXPECT_EQ(CountRows("item_links"), 1);
  const auto history = service_.ItemHistory(measure_.id);
  EXPECT_EQ(std::count_if(history.begin(), history.end(),
                          [](const policies::HistoryEntry& entry) { return entry.action == "linked"; }),
            1);
  EXPECT_EQ(CountAudit("item_linked"), 1);
}

TEST_F(PolicyLinksTest, LinksToAnActivityWithinTheDocumentOrDownTheCascadeAreRefused) {
  const Item activity = Add(ItemOf(lom_, "activity", "Наемане на медиатори", measure_.id));
  const Document montana = AddDocument(Level::kRegional, "MON", "Областна стратегия Монтана");
  const Item regional_measure = AddMeasure(AddObjective(montana, "Образование"), "Медиатори в областта");
  const Item regional_activity = Add(ItemOf(montana, "activity", "Обучение на медиатори", regional_measure.id));

  const std::string activities = "Only objectives and measures implement objectives and measures.";
  const std::string levels = "An item implements objectives of another document at the same or a higher level.";
  EXPECT_EQ(RefusalOf(measure_, regional_activity), activities);
  EXPECT_EQ(RefusalOf(activity, national_education_), activities);
  EXPECT_EQ(RefusalOf(measure_, objective_), levels) << "the same document";
  EXPECT_EQ(RefusalOf(national_education_, objective_), levels) << "national to municipal";
  EXPECT_EQ(RefusalOf(regional_measure, measure_), levels) << "regional to municipal";
  EXPECT_EQ(RefusalOf(national_education_, national_health_), levels) << "within the national strategy";
  EXPECT_EQ(CountRows("item_links"), 0);
  EXPECT_EQ(CountAudit("item_linked"), 0);

  EXPECT_EQ(RefusalOf(measure_, regional_measure), "(linked)") << "a measure may answer a measure above";
}

TEST_F(PolicyLinksTest, ALinkThatWouldCloseACircleIsRefused) {
  const Document other = AddDocument(Level::kMunicipal, "MON24", "Ромска програма Лом");
  const Item b = AddObjective(other, "Участие");
  const Document third = AddDocument(Level::kMunicipal, "MON24", "План за интеграция Лом");
  const Item c = AddObjective(third, "Заетост");
  Link(objective_, b);  // A implements B
  const std::string circle = "This link would close a circle: what you link to already implements this item.";
  EXPECT_EQ(RefusalOf(b, objective_), circle);
  Link(b, c);  // A → B → C
  EXPECT_EQ(RefusalOf(c, objective_), circle);
  EXPECT_EQ(CountRows("item_links"), 2);
  EXPECT_EQ(CountAudit("item_linked"), 2);
}

// --- Gaps ---

class PolicyGapsTest : public PoliciesServiceTest {
 protected:
  void SetUp() override {
    PoliciesServiceTest::SetUp();
    AddNationalObjectives();
  }
};

TEST_F(PolicyGapsTest, BeforeAnythingLinksEveryObjectiveAboveAMunicipalityIsUnimplemented) {
  const Document montana = AddDocument(Level::kRegional, "MON", "Областна стратегия Монтана");
  const Item regional = AddObjective(montana, "Образование в областта");
  const Document pirin = AddDocument(Level::kRegional, "BLG", "Областна стратегия Благоевград");
  const Item elsewhere = AddObjective(pirin, "Образование в Благоевград");

  std::vector<std::string> expected = kEuObjectives;
  expected.insert(expected.end(), {"bg-2021-o1", "bg-2021-o2", regional.uid});
  EXPECT_EQ(Unimplemented(kLom), expected) << "the EU, national and Montana objectives, in cascade order";
  EXPECT_FALSE(Has(Unimplemented(kLom), elsewhere.uid)) << "another oblast's strategy";

  const auto gaps = service_.FindGaps(kLom);
  EXPECT_EQ(gaps.targets.size(), 15u) << "the EU 2030 targets of the unimplemented objectives";
  EXPECT_TRUE(gaps.unlinked.empty());
}

TEST_F(PolicyGapsTest, AnObjectiveReachedUpTheCascadeIsImplementedToo) {
  Link(national_education_, EuObjective("eu-2020-o4"));
  EXPECT_TRUE(Has(Unimplemented(kLom), "eu-2020-o4")) << "the national strategy alone does not implement it in Lom";

  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План за действие на община Лом");
  const Item objective = AddObjective(lom, "Образование");
  Link(objective, national_education_);
  std::vector<std::string> expected = EuObjectivesBut({"eu-2020-o4"});
  expected.push_back("bg-2021-o2");
  EXPECT_EQ(Unimplemented(kLom), expected);

  const auto targets = service_.FindGaps(kLom).targets;
  EXPECT_EQ(targets.size(), 12u) << "education's three targets are met by the link";
  const std::int64_t education = EuObjective("eu-2020-o4").id;
  EXPECT_TRUE(
      std::none_of(targets.begin(), targets.end(), [&](const auto& target) { return target.first == education; }));
}

TEST_F(PolicyGapsTest, MeasuresImplementingNothingAreListedUnlessTheyOrTheirObjectiveAreLinked) {
  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План за действие на община Лом");
  const Item linked_objective = AddObjective(lom, "Образование");
  Link(linked_objective, national_education_);
  const Item under_linked = AddMeasure(linked_objective, "Медиатори");
  const Item objective = AddObjective(lom, "Здраве");
  const Item unlinked = AddMeasure(objective, "Здравни медиатори");
  const Item linked = AddMeasure(objective, "Профилактични прегледи");
  Link(linked, EuObjective("eu-2020-o6"));
  Add(ItemOf(lom, "activity", "Наемане на медиатори", unlinked.id));

  EXPECT_EQ(Unlinked(kLom), std::vector<std::string>{unlinked.uid});
  EXPECT_FALSE(Has(Unlinked(kLom), under_linked.uid));
  EXPECT_FALSE(Has(Unimplemented(kLom), "eu-2020-o6"));
}

TEST_F(PolicyGapsTest, AnotherMunicipalitysDocumentsDoNotCount) {
  const Document blagoevgrad = AddDocument(Level::kMunicipal, "BLG03", "План за действие на община Благоевград");
  const Item objective = AddObjective(blagoevgrad, "Равенство");
  Link(objective, EuObjective("eu-2020-o1"));
  const Item measure = AddMeasure(objective, "Кампания срещу антициганизма");
  const Item other = AddMeasure(AddObjective(blagoevgrad, "Жилища"), "Узаконяване на жилища");

  EXPECT_TRUE(Has(Unimplemented(kLom), "eu-2020-o1"));
  EXPECT_TRUE(Unlinked(kLom).empty());
  EXPECT_FALSE(Has(Unimplemented(kBlagoevgrad), "eu-2020-o1"));
  EXPECT_EQ(Unlinked(kBlagoevgrad), std::vector<std::string>{other.uid}) << measure.uid << " answers by its objective";
}

TEST_F(PolicyGapsTest, SupersededDocumentsAreIgnored) {
  const Document old_plan = AddDocument(Level::kMunicipal, "MON24", "План Лом 2014–2020", "superseded");
  const Item old_objective = AddObjective(old_plan, "Жилища");
  Link(old_objective, EuObjective("eu-2020-o7"));
  AddMeasure(AddObjective(old_plan, "Заетост"), "Трудова борса");
  const Document old_strategy = AddDocument(Level::kRegional, "MON", "Областна стратегия 2012–2020", "superseded");
  const Item old_regional = AddObjective(old_strategy, "Интеграция");

  EXPECT_TRUE(Has(Unimplemented(kLom), "eu-2020-o7")) << "a superseded plan implements nothing any more";
  EXPECT_TRUE(Unlinked(kLom).empty()) << "nor are its measures gaps";
  EXPECT_FALSE(Has(Unimplemented(kLom), old_regional.uid)) << "nor is a superseded strategy's objective";
  EXPECT_TRUE(Has(Unimplemented(kCountry), "eu-2020-o7"));
}

TEST_F(PolicyGapsTest, AnOblastCountsItsRegionalAndMunicipalPlans) {
  const Document montana = AddDocument(Level::kRegional, "MON", "Областна стратегия Монтана");
  const Item regional = AddObjective(montana, "Образование");
  Link(regional, EuObjective("eu-2020-o3"));
  const Item regional_measure = AddMeasure(AddObjective(montana, "Здраве"), "Здравни медиатори в областта");
  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План Лом");
  Link(AddObjective(lom, "Заетост"), EuObjective("eu-2020-o5"));
  const Item lom_measure = AddMeasure(AddObjective(lom, "Жилища"), "Узаконяване");
  const Document blagoevgrad = AddDocument(Level::kMunicipal, "BLG03", "План Благоевград");
  Link(AddObjective(blagoevgrad, "Равенство"), EuObjective("eu-2020-o1"));
  AddMeasure(AddObjective(blagoevgrad, "Здраве"), "Прегледи");

  std::vector<std::string> expected = EuObjectivesBut({"eu-2020-o3", "eu-2020-o5"});
  expected.insert(expected.end(), {"bg-2021-o1", "bg-2021-o2"});
  EXPECT_EQ(Unimplemented(kMontana), expected) << "the regional objectives are below the oblast, not gaps above it";
  EXPECT_EQ(Unlinked(kMontana), (std::vector<std::string>{regional_measure.uid, lom_measure.uid}));
}

TEST_F(PolicyGapsTest, TheCountryCountsEveryDocumentBelowTheEuFramework) {
  Link(national_education_, EuObjective("eu-2020-o4"));
  const Item national_measure = AddMeasure(national_health_, "Национална програма за здравни медиатори");
  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План Лом");
  Link(AddObjective(lom, "Заетост"), EuObjective("eu-2020-o5"));
  const Document blagoevgrad = AddDocument(Level::kMunicipal, "BLG03", "План Благоевград");
  const Item blagoevgrad_objective = AddObjective(blagoevgrad, "Здраве");
  Link(blagoevgrad_objective, national_health_);
  const Item blagoevgrad_measure = AddMeasure(AddObjective(blagoevgrad, "Жилища"), "Узаконяване");

  std::vector<std::string> expected = EuObjectivesBut({"eu-2020-o4", "eu-2020-o5"});
  expected.push_back("bg-2021-o1");
  EXPECT_EQ(Unimplemented(kCountry), expected);
  EXPECT_EQ(Unlinked(kCountry), (std::vector<std::string>{national_measure.uid, blagoevgrad_measure.uid}));
}

TEST_F(PolicyGapsTest, CoverageSaysHowManyObjectivesOfEachLevelAboveAreImplemented) {
  Link(AddObjective(AddDocument(Level::kMunicipal, "MON24", "План Лом"), "Образование"), EuObjective("eu-2020-o4"));
  const auto coverage = service_.FindGaps(kLom).coverage;
  ASSERT_EQ(coverage.size(), 2u) << "EU and national: Montana has no regional strategy here";
  EXPECT_EQ(coverage[0].level, Level::kEu);
  EXPECT_EQ(coverage[0].objectives, 7);
  EXPECT_EQ(coverage[0].implemented, 1);
  EXPECT_EQ(coverage[1].level, Level::kNational);
  EXPECT_EQ(coverage[1].objectives, 2);
  EXPECT_EQ(coverage[1].implemented, 0);
}

TEST_F(PolicyGapsTest, ADemoPlanCountsOnItsOwnMunicipalitysPageOnlyAndSaysSo) {
  Document demo;
  demo.level = Level::kMunicipal;
  demo.kind = "action_plan";
  demo.title = "Демонстрационен план Лом";
  demo.period_start = 2027;
  demo.period_end = 2030;
  demo.status = "adopted";
  demo.progress_rule = "equal";
  demo.municipality_code = "MON24";
  demo.demo = true;
  const Document plan = CreateDocument(demo);
  const Item objective = AddObjective(plan, "Образование");
  Link(objective, EuObjective("eu-2020-o4"));
  const Item measure = AddMeasure(AddObjective(plan, "Жилища"), "Узаконяване");

  const auto lom = service_.FindGaps(kLom);
  EXPECT_TRUE(lom.demo);
  EXPECT_FALSE(Has(Unimplemented(kLom), "eu-2020-o4")) << "looked at on its own, the demo plan shows its gaps";
  ASSERT_EQ(lom.unlinked.size(), 1u);
  EXPECT_EQ(lom.unlinked[0].uid, measure.uid);
  EXPECT_TRUE(lom.unlinked[0].demo) << "marked as demo";

  for (const GapScope& scope : {kMontana, kCountry}) {
    const auto gaps = service_.FindGaps(scope);
    EXPECT_FALSE(gaps.demo);
    EXPECT_TRUE(Has(Unimplemented(scope), "eu-2020-o4")) << "never in an oblast's or the country's figures";
    EXPECT_TRUE(gaps.unlinked.empty());
  }
  EXPECT_FALSE(service_.FindGaps(kBlagoevgrad).demo);
}

// --- Trees with progress rolled up ---

class PolicyTreeTest : public PoliciesServiceTest {
 protected:
  static const policies::TreeNode& NodeOf(const policies::DocumentTree& tree, const Item& item) {
    for (const auto& node : tree.nodes) {
      if (node.item.id == item.id) return node;
    }
    ADD_FAILURE() << "not in the tree: " << item.title;
    return tree.nodes.front();
  }
  static std::optional<std::size_t> NodeIndex(const policies::DocumentTree& tree, const Item& item) {
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
      if (tree.nodes[i].item.id == item.id) return i;
    }
    return std::nullopt;
  }
  // The uids of the tree's nodes at `indices`.
  static std::vector<std::string> Uids(const policies::DocumentTree& tree, const std::vector<std::size_t>& indices) {
    std::vector<std::string> uids;
    for (const std::size_t index : indices) uids.push_back(tree.nodes.at(index).item.uid);
    return uids;
  }
};

TEST_F(PolicyTreeTest, AnObjectiveShowsTheAverageOfTheMeasuresThatReport) {
  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План Лом");
  const Item objective = AddObjective(lom, "Образование");
  const Item reporting = AddMeasure(objective, "Медиатори", 50);
  const Item silent = AddMeasure(objective, "Детски градини");
  const Item lonely = AddObjective(lom, "Здраве");
  const Item lonely_measure = AddMeasure(lonely, "Прегледи");

  const auto tree = service_.Tree(lom.id);
  ASSERT_TRUE(tree.has_value());
  ASSERT_EQ(tree->nodes.size(), 5u);
  EXPECT_EQ(tree->nodes[0].item.id, objective.id) << "depth first, in order";
  EXPECT_EQ(tree->nodes[3].item.id, lonely.id);

  EXPECT_EQ(NodeOf(*tree, objective).roll_up.progress, 50.0) << "the silent measure is not counted as 0";
  EXPECT_FALSE(NodeOf(*tree, objective).roll_up.own);
  EXPECT_EQ(Uids(*tree, NodeOf(*tree, objective).roll_up.counted), (std::vector<std::string>{reporting.uid}));
  EXPECT_EQ(Uids(*tree, NodeOf(*tree, objective).roll_up.not_reported), (std::vector<std::string>{silent.uid}));
  EXPECT_EQ(NodeOf(*tree, objective).depth, 0);
  EXPECT_EQ(NodeOf(*tree, reporting).roll_up.progress, 50.0);
  EXPECT_TRUE(NodeOf(*tree, reporting).roll_up.own);
  EXPECT_EQ(NodeOf(*tree, reporting).depth, 1);
  EXPECT_EQ(NodeOf(*tree, silent).roll_up.progress, std::nullopt);
  EXPECT_EQ(NodeOf(*tree, lonely).roll_up.progress, std::nullopt) << "nothing reported below it";
  EXPECT_EQ(NodeOf(*tree, lonely).roll_up.no_progress, policies::NoProgress::kNothingReported);
  EXPECT_EQ(NodeOf(*tree, lonely_measure).roll_up.progress, std::nullopt);
  EXPECT_EQ(tree->plan.progress, 50.0) << "the mean of the objectives that have a figure";
  EXPECT_EQ(Uids(*tree, tree->plan.not_reported), (std::vector<std::string>{silent.uid, lonely_measure.uid}));
}

TEST_F(PolicyTreeTest, UnderTheBudgetRuleActivitiesWeighByTheirPlannedBudget) {
  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План Лом", "adopted", "budget");
  const Item objective = AddObjective(lom, "Заетост");
  const Item measure = AddMeasure(objective, "Обучения");
  Item cheap = ItemOf(lom, "activity", "Курс по шивачество", measure.id, 20);
  cheap.budgets = {{"municipal", 10000, 0, 0}};  // 100.00
  cheap = Add(cheap);
  Item dear = ItemOf(lom, "activity", "Курс за оператори", measure.id, 80);
  dear.budgets = {{"esf_plus", 20000, 0, 0}, {"municipal", 10000, 0, 0}};  // 300.00 from two sources
  dear = Add(dear);
  Item silent = ItemOf(lom, "activity", "Стажове", measure.id);
  silent.budgets = {{"swiss", 50000, 0, 0}};
  silent = Add(silent);

  const auto tree = service_.Tree(lom.id);
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ(NodeOf(*tree, measure).roll_up.progress, 65.0);
  EXPECT_FALSE(NodeOf(*tree, measure).roll_up.own);
  EXPECT_EQ(NodeOf(*tree, measure).roll_up.money.all.planned_cents, 90000);
  EXPECT_EQ(NodeOf(*tree, measure).roll_up.counted_planned_cents, 40000) << "what did not report weighs nothing";
  EXPECT_EQ(NodeOf(*tree, objective).roll_up.progress, 65.0);
  EXPECT_EQ(NodeOf(*tree, silent).roll_up.progress, std::nullopt) << "not reported stays not reported";
  EXPECT_EQ(NodeOf(*tree, dear).depth, 2);
}

// A plan as municipalities write it (issue 22): budgets on the activities, from several sources, and some activities
// that have not reported yet. Every figure here is worked out by hand in docs/methodology.md.
class PolicyPlanFiguresTest : public PolicyTreeTest {
 protected:
  void SetUp() override {
    PolicyTreeTest::SetUp();
    plan_ = AddDocument(Level::kMunicipal, "MON24", "План Лом 2027–2030", "adopted", "budget");
    education_ = Add(Coded(ItemOf(plan_, "objective", "Образование"), "1"));
    mediators_ = Add(Coded(ItemOf(plan_, "measure", "Медиатори", education_.id), "1.1"));
    hiring_ = AddActivity(mediators_, "1.1.1", 60, {{"municipal", 1'000'000, 1'000'000, 400'000}});
    training_ = AddActivity(mediators_, "1.1.2", 20, {{"esf_plus", 3'000'000, 2'000'000, 500'000}});
    summer_ = AddActivity(mediators_, "1.1.3", std::nullopt, {{"municipal", 6'000'000, 0, 0}});
    grants_ = Add(Coded(ItemOf(plan_, "measure", "Стипендии", education_.id), "1.2"));
    scholarships_ =
        AddActivity(grants_, "1.2.1", 80, {{"municipal", 2'000'000, 2'000'000, 1'000'000}, {"other", 3'000'000, 0, 0}});
    housing_ = Add(Coded(ItemOf(plan_, "objective", "Жилища"), "2"));
    Item legalising = Coded(ItemOf(plan_, "measure", "Узаконяване", housing_.id, 40), "2.1");
    legalising.budgets = {{"municipal", 2'000'000, 500'000, 0}};
    legalising_ = Add(legalising);
    survey_ = AddActivity(legalising_, "2.1.1", 100, {{"municipal", 500'000, 500'000, 500'000}});
    volunteers_ = AddActivity(legalising_, "2.1.2", 100, {});
    health_ = Add(Coded(ItemOf(plan_, "objective", "Здраве"), "3"));
    visits_ = Add(Coded(ItemOf(plan_, "measure", "Посещения", health_.id), "3.1"));
    nurses_ = AddActivity(visits_, "3.1.1", std::nullopt, {{"municipal", 100'000, 0, 0}});
    campaign_ = AddActivity(visits_, "3.1.2", std::nullopt, {});
  }

  static Item Coded(Item item, const std::string& code) {
    item.code = code;
    return item;
  }
  Item AddActivity(const Item& measure, const std::string& code, std::optional<int> progress,
                   std::vector<policies::Budget> budgets) {
    Item activity = Coded(ItemOf(plan_, "activity", "Дейност " + code, measure.id, progress), code);
    activity.budgets = std::move(budgets);
    return Add(activity);
  }
  void SetRule(const std::string& rule) {
    Document document = *service_.FindDocument(plan_.id);
    document.progress_rule = rule;
    ASSERT_TRUE(service_.UpdateDocument(admin_, document).ok());
  }

  Document plan_;
  Item education_, mediators_, hiring_, training_, summer_, grants_, scholarships_;
  Item housing_, legalising_, survey_, volunteers_, health_, visits_, nurses_, campaign_;
};

TEST_F(PolicyPlanFiguresTest, AnActivityThatDidNotReportIsNotCreditedAtTheRateOfTheOthersUnderTheBudgetRule) {
  const auto tree = service_.Tree(plan_.id);
  ASSERT_TRUE(tree.has_value());
  const auto& mediators = NodeOf(*tree, mediators_).roll_up;
  // (60 × 10,000 + 20 × 30,000) / 40,000 = 30: the 60,000 of the summer school, not reported, weighs nothing.
  EXPECT_DOUBLE_EQ(*mediators.progress, 30.0);
  EXPECT_EQ(Uids(*tree, mediators.counted), (std::vector<std::string>{hiring_.uid, training_.uid}));
  EXPECT_EQ(Uids(*tree, mediators.not_reported), (std::vector<std::string>{summer_.uid}));
  // (60 × 10,000 + 20 × 30,000 + 80 × 50,000) / 90,000 = 57.78, where weighing the measure by its whole 100,000
  // (the roll-up parent by parent) gave (30 × 100,000 + 80 × 50,000) / 150,000 = 46.67.
  EXPECT_DOUBLE_EQ(*NodeOf(*tree, education_).roll_up.progress, 5'200'000.0 / 90'000.0);
}

TEST_F(PolicyPlanFiguresTest, AMeasureThatReportsItsOwnProgressCountsOnceWithTheBudgetOfAllUnderIt) {
  const auto tree = service_.Tree(plan_.id);
  ASSERT_TRUE(tree.has_value());
  const auto& legalising = NodeOf(*tree, legalising_).roll_up;
  EXPECT_TRUE(legalising.own);
  EXPECT_EQ(legalising.progress, 40.0) << "not the 100 its activities report";
  EXPECT_EQ(legalising.counted_planned_cents, 2'500'000) << "its own 20,000 and the 5,000 of an activity under it";
  EXPECT_EQ(NodeOf(*tree, survey_).roll_up.reported_above, NodeIndex(*tree, legalising_));
  EXPECT_EQ(NodeOf(*tree, volunteers_).roll_up.progress, 100.0) << "a zero budget at 100 is still shown on it";
  EXPECT_EQ(NodeOf(*tree, housing_).roll_up.progress, 40.0);
}

TEST_F(PolicyPlanFiguresTest, AMeasureWhoseActivitiesAllDidNotReportIsLeftOutAndListed) {
  const auto tree = service_.Tree(plan_.id);
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ(NodeOf(*tree, visits_).roll_up.progress, std::nullopt);
  EXPECT_EQ(NodeOf(*tree, health_).roll_up.progress, std::nullopt);
  EXPECT_EQ(NodeOf(*tree, health_).roll_up.no_progress, policies::NoProgress::kNothingReported);
  EXPECT_EQ(Uids(*tree, NodeOf(*tree, health_).roll_up.not_reported),
            (std::vector<std::string>{nurses_.uid, campaign_.uid}));
}

TEST_F(PolicyPlanFiguresTest, TheWholePlanHasOneFigureByItsRuleWithWhatDidNotReportBesideIt) {
  {
    const auto tree = service_.Tree(plan_.id);
    ASSERT_TRUE(tree.has_value());
    // (60 × 10,000 + 20 × 30,000 + 80 × 50,000 + 40 × 25,000) / 115,000 = 53.91
    EXPECT_DOUBLE_EQ(*tree->plan.progress, 6'200'000.0 / 115'000.0);
    EXPECT_EQ(Uids(*tree, tree->plan.counted),
              (std::vector<std::string>{hiring_.uid, training_.uid, scholarships_.uid, legalising_.uid}));
    EXPECT_EQ(Uids(*tree, tree->plan.not_reported),
              (std::vector<std::string>{summer_.uid, nurses_.uid, campaign_.uid}));
  }
  ASSERT_NO_FATAL_FAILURE(SetRule("equal"));
  const auto tree = service_.Tree(plan_.id);
  ASSERT_TRUE(tree.has_value());
  // Education: the mean of its measures, (60 + 20) / 2 = 40 and 80, is 60; housing 40; health has no figure.
  EXPECT_DOUBLE_EQ(*NodeOf(*tree, education_).roll_up.progress, 60.0);
  EXPECT_DOUBLE_EQ(*tree->plan.progress, 50.0);
  EXPECT_EQ(tree->plan.not_reported.size(), 3u) << "listed whatever the rule";
}

TEST_F(PolicyPlanFiguresTest, UnderTheBudgetRuleAPlanWhoseReportsHaveNoBudgetHasNoFigureAndSaysWhy) {
  const Document unfunded = AddDocument(Level::kMunicipal, "MON24", "План без бюджет", "adopted", "budget");
  const Item objective = AddObjective(unfunded, "Образование");
  const Item measure = AddMeasure(objective, "Медиатори");
  Add(ItemOf(unfunded, "activity", "Наемане", measure.id, 50));
  Add(ItemOf(unfunded, "activity", "Обучение", measure.id, 100));
  const auto tree = service_.Tree(unfunded.id);
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ(tree->plan.progress, std::nullopt) << "not the 75 the equal rule would give";
  EXPECT_EQ(tree->plan.no_progress, policies::NoProgress::kNoPlannedBudget);
  EXPECT_EQ(NodeOf(*tree, measure).roll_up.no_progress, policies::NoProgress::kNoPlannedBudget);
  EXPECT_EQ(tree->plan.counted.size(), 2u);
}

TEST_F(PolicyPlanFiguresTest, MoneyAddsUpPerFundingSourceAndInAllForThePlanAndEachObjective) {
  const auto tree = service_.Tree(plan_.id);
  ASSERT_TRUE(tree.has_value());
  using policies::Amounts;
  const auto& education = NodeOf(*tree, education_).roll_up.money;
  EXPECT_EQ(education.by_source.size(), 3u);
  EXPECT_EQ(education.by_source.at("municipal"), (Amounts{9'000'000, 3'000'000, 1'400'000}));
  EXPECT_EQ(education.by_source.at("esf_plus"), (Amounts{3'000'000, 2'000'000, 500'000}));
  EXPECT_EQ(education.by_source.at("other"), (Amounts{3'000'000, 0, 0}));
  EXPECT_EQ(education.all, (Amounts{15'000'000, 5'000'000, 1'900'000}));
  EXPECT_EQ(NodeOf(*tree, housing_).roll_up.money.all, (Amounts{2'500'000, 1'000'000, 500'000}))
      << "the measure's own line and its activity's";
  EXPECT_EQ(NodeOf(*tree, health_).roll_up.money.all, (Amounts{100'000, 0, 0}));
  EXPECT_EQ(tree->plan.money.by_source.at("municipal"), (Amounts{11'600'000, 4'000'000, 1'900'000}));
  EXPECT_EQ(tree->plan.money.all, (Amounts{17'600'000, 6'000'000, 2'400'000}));
}

TEST_F(PolicyTreeTest, ATreeShowsWhatEachItemImplementsAndWhatImplementsIt) {
  AddNationalObjectives();
  const Document lom = AddDocument(Level::kMunicipal, "MON24", "План Лом");
  const Item objective = AddObjective(lom, "Образование");
  Link(objective, national_education_);
  Link(national_education_, EuObjective("eu-2020-o4"));

  const auto tree = service_.Tree(lom.id);
  ASSERT_TRUE(tree.has_value());
  ASSERT_EQ(NodeOf(*tree, objective).implements.size(), 1u);
  EXPECT_EQ(NodeOf(*tree, objective).implements[0].other_uid, "bg-2021-o1");
  const auto national = service_.Tree(national_.id);
  ASSERT_TRUE(national.has_value());
  ASSERT_EQ(NodeOf(*national, national_education_).implemented_by.size(), 1u);
  EXPECT_EQ(NodeOf(*national, national_education_).implemented_by[0].other_uid, objective.uid);
  ASSERT_EQ(NodeOf(*national, national_education_).implements.size(), 1u);
  EXPECT_EQ(NodeOf(*national, national_education_).implements[0].other_uid, "eu-2020-o4");
}

// --- Carrying a plan over into the next period ---

class PolicyCarryOverTest : public PoliciesServiceTest {};

TEST_F(PolicyCarryOverTest, OnlyAnAdoptedDocumentIsCarriedOver) {
  for (const std::string status : {"draft", "in_consultation", "superseded"}) {
    const Document plan = AddDocument(Level::kMunicipal, "MON24", "План Лом " + status, status);
    const auto refused = service_.CarryOver(admin_, plan.id, 2028, 2030);
    ASSERT_FALSE(refused.ok()) << status;
    EXPECT_EQ(refused.error().kind, core::ErrorKind::kInvalidInput);
    EXPECT_EQ(refused.error().message, "Only an adopted document can be carried over.");
  }
  EXPECT_EQ(CountRows("policy_documents"), 5);
  EXPECT_EQ(CountAudit("document_carried_over"), 0);
}

TEST_F(PolicyCarryOverTest, TheCopyIsADraftForTheNewPeriodWithItsStructureAndLinksButNoProgress) {
  AddNationalObjectives();
  Document original = AddDocument(Level::kMunicipal, "MON24", "План Лом 2022–2027");
  original.decision_number = "РД-15";
  original.decision_date = "2022-06-30";
  original = *service_.UpdateDocument(admin_, original);
  const Item objective = AddObjective(original, "Образование");
  Link(objective, EuObjective("eu-2020-o4"));
  Item measure = ItemOf(original, "measure", "Медиатори", objective.id, 40);
  measure.official_status = "in_progress";
  measure.budgets = {{"municipal", 100000, 50000, 30000}};
  measure = Add(measure);
  Link(measure, national_education_);
  const Item activity = Add(ItemOf(original, "activity", "Наемане", measure.id, 100));

  const auto copy = service_.CarryOver(admin_, original.id, 2028, 2030);
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  EXPECT_NE(copy->id, original.id);
  EXPECT_EQ(copy->status, "draft");
  EXPECT_EQ(copy->period_start, 2028);
  EXPECT_EQ(copy->period_end, 2030);
  EXPECT_EQ(copy->municipality_code, "MON24");
  EXPECT_EQ(copy->oblast_code, "MON");
  EXPECT_EQ(copy->title, original.title);
  EXPECT_EQ(copy->carried_over_from, original.id);
  EXPECT_EQ(copy->decision_number, "") << "the new plan is not adopted yet";
  EXPECT_EQ(copy->decision_date, "");
  EXPECT_EQ(copy->version, 1);

  const auto items = store_.DocumentItems(copy->id);
  ASSERT_EQ(items.size(), 3u);
  std::map<std::string, Item> by_kind;
  for (const Item& item : items) by_kind[item.kind] = item;
  const Item& new_objective = by_kind["objective"];
  const Item& new_measure = by_kind["measure"];
  const Item& new_activity = by_kind["activity"];
  EXPECT_NE(new_objective.uid, objective.uid);
  EXPECT_NE(new_measure.uid, measure.uid);
  EXPECT_NE(new_activity.uid, activity.uid);
  EXPECT_TRUE(new_measure.uid.starts_with("m-")) << new_measure.uid;
  EXPECT_EQ(new_objective.parent_id, std::nullopt);
  EXPECT_EQ(new_measure.parent_id, new_objective.id);
  EXPECT_EQ(new_activity.parent_id, new_measure.id);
  EXPECT_EQ(new_measure.title, "Медиатори");
  for (const Item& item : items) EXPECT_EQ(item.progress, std::nullopt) << item.title;
  EXPECT_EQ(new_measure.official_status, "planned");
  ASSERT_EQ(new_measure.budgets.size(), 1u);
  EXPECT_EQ(new_measure.budgets[0].planned_cents, 100000);
  EXPECT_EQ(new_measure.budgets[0].spent_cents, std::nullopt) << "a new period has spent nothing it reported yet";

  const auto tree = service_.Tree(copy->id);
  ASSERT_TRUE(tree.has_value());
  for (const auto& node : tree->nodes) {
    if (node.item.id == new_objective.id) {
      ASSERT_EQ(node.implements.size(), 1u);
      EXPECT_EQ(node.implements[0].other_uid, "eu-2020-o4");
    }
    if (node.item.id == new_measure.id) {
      ASSERT_EQ(node.implements.size(), 1u);
      EXPECT_EQ(node.implements[0].other_uid, "bg-2021-o1");
    }
  }
  EXPECT_EQ(service_.ImplementedBy(national_education_.id).size(), 2u) << "the old plan's and the new plan's";

  // The original keeps its progress and status.
  EXPECT_EQ(service_.FindDocument(original.id)->status, "adopted");
  EXPECT_EQ(service_.FindItem(measure.id)->progress, 40);
  EXPECT_EQ(CountAudit("document_carried_over"), 1);
  EXPECT_EQ(service_.DocumentHistory(copy->id).front().action, "carried_over");
}

// --- Withdrawing items ---

class PolicyWithdrawalTest : public PolicyLinksTest {
 protected:
  void SetUp() override {
    PolicyLinksTest::SetUp();
    activity_ = Add(ItemOf(lom_, "activity", "Наемане на медиатори", measure_.id, 50));
    other_measure_ = AddMeasure(objective_, "Стипендии", 10);
    Link(measure_, national_education_);
  }

  core::Result<policies::Withdrawal> Withdraw(const Item& item, const std::string& reason = "Няма финансиране") {
    return service_.Withdraw(admin_, item.id, service_.FindItem(item.id)->version, reason);
  }

  std::vector<std::string> TreeUids(const Document& document) {
    std::vector<std::string> uids;
    const auto tree = service_.Tree(document.id);
    for (const auto& node : tree->nodes) uids.push_back(node.item.uid);
    return uids;
  }

  Item activity_, other_measure_;
};

TEST_F(PolicyWithdrawalTest, AWithdrawnMeasureLeavesTheTreeTheRollUpAndItsLinksWithWhatIsUnderIt) {
  ASSERT_FALSE(Has(Unimplemented(kLom), "bg-2021-o1"));
  const auto preview = service_.WithdrawalOf(measure_.id);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  ASSERT_EQ(preview->below.size(), 1u);
  EXPECT_EQ(preview->below[0].id, activity_.id);
  EXPECT_EQ(preview->links.size(), 1u);

  const auto withdrawn = Withdraw(measure_);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
  EXPECT_EQ(TreeUids(lom_), (std::vector<std::string>{objective_.uid, other_measure_.uid}));
  const auto tree = service_.Tree(lom_.id);
  ASSERT_EQ(tree->withdrawn.size(), 2u);
  EXPECT_EQ(tree->nodes[0].roll_up.progress, 10) << "the objective's progress comes from the measure left only";
  EXPECT_TRUE(Has(Unimplemented(kLom), "bg-2021-o1")) << "its link went with it";
  EXPECT_TRUE(service_.ImplementedBy(national_education_.id).empty());
  EXPECT_FALSE(Has(Unlinked(kLom), measure_.uid)) << "a withdrawn measure is no gap either";
  EXPECT_TRUE(Has(Unlinked(kLom), other_measure_.uid));

  // Kept, with what happened and why.
  const auto measure = service_.FindItem(measure_.id);
  ASSERT_TRUE(measure.has_value());
  EXPECT_TRUE(measure->withdrawn_at.has_value());
  EXPECT_TRUE(service_.FindItem(activity_.id)->withdrawn_at.has_value());
  const auto history = service_.ItemHistory(measure_.id);
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history[0].action, "withdrawn");
  EXPECT_EQ(json::parse(history[0].changes)["withdrawn"], json::array({nullptr, "Няма финансиране"}));
  EXPECT_EQ(history[1].action, "unlinked");
  EXPECT_EQ(json::parse(history[1].changes)["implements"], json::array({"bg-2021-o1", nullptr}));
  EXPECT_EQ(service_.ItemHistory(activity_.id)[0].action, "withdrawn");
  EXPECT_EQ(CountAudit("item_withdrawn"), 1);

  // Nothing more can be done to it but a restore.
  EXPECT_EQ(Withdraw(measure_).error().kind, core::ErrorKind::kConflict);
  Item changed = *service_.FindItem(measure_.id);
  changed.title = "Нещо друго";
  EXPECT_EQ(service_.UpdateItem(admin_, changed).error().message,
            "This item was withdrawn from the plan: restore it first.");
  EXPECT_EQ(RefusalOf(measure_, national_health_),
            "A withdrawn item implements nothing and is implemented by nothing.");
  EXPECT_EQ(service_.CreateItem(admin_, ItemOf(lom_, "activity", "Ново", measure_.id)).error().message,
            "The item above was withdrawn from the plan: restore it first.");
}

TEST_F(PolicyWithdrawalTest, WithdrawingAnObjectiveAboveRemovesTheLinksOfThePlansBelowAndNotesItInTheirHistory) {
  const auto withdrawn = service_.Withdraw(admin_, national_education_.id, national_education_.version, "");
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
  EXPECT_FALSE(Has(Unimplemented(kLom), "bg-2021-o1")) << "a withdrawn objective is no gap";
  EXPECT_TRUE(Has(Unlinked(kLom), measure_.uid)) << "the measure below implements nothing now";
  const auto history = service_.ItemHistory(measure_.id);
  EXPECT_EQ(history[0].action, "unlinked");
  EXPECT_EQ(json::parse(service_.ItemHistory(national_education_.id)[0].changes)["withdrawn"],
            json::array({nullptr, "—"}))
      << "no reason given";
  for (const auto& candidate : service_.LinkCandidates(lom_, "")) {
    EXPECT_NE(candidate.uid, "bg-2021-o1") << "nothing links to a withdrawn objective";
  }
}

TEST_F(PolicyWithdrawalTest, ARestoreBringsBackWhatWasWithdrawnTogetherButNotItsLinks) {
  ASSERT_TRUE(Withdraw(activity_, "Дублира друга дейност").ok());
  ASSERT_TRUE(Withdraw(measure_).ok());
  EXPECT_EQ(service_.Restore(admin_, activity_.id).error().message,
            "The item above was withdrawn from the plan: restore it first.");

  const auto restored = service_.Restore(admin_, measure_.id);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(*restored, 1u) << "the activity withdrawn before, on its own, stays out";
  EXPECT_EQ(TreeUids(lom_), (std::vector<std::string>{objective_.uid, measure_.uid, other_measure_.uid}));
  EXPECT_TRUE(service_.ImplementedBy(national_education_.id).empty()) << "links are not restored";
  EXPECT_EQ(service_.ItemHistory(measure_.id)[0].action, "restored");
  EXPECT_EQ(service_.Restore(admin_, measure_.id).error().message, "This item is in the plan.");

  ASSERT_TRUE(service_.Restore(admin_, activity_.id).ok());
  EXPECT_EQ(TreeUids(lom_).size(), 4u);
  EXPECT_EQ(CountAudit("item_restored"), 2);
}

// The confirmation page listed the one activity under the measure; an activity added under it since does not change
// the measure's version, yet withdrawing now would take it too, unannounced: the list confirmed is compared.
TEST_F(PolicyWithdrawalTest, AnItemAddedUnderItSinceThePageWasOpenedStopsTheWithdrawal) {
  const std::vector<std::int64_t> shown{activity_.id};
  const Item added = Add(ItemOf(lom_, "activity", "Курсове за родители", measure_.id, 0));
  const std::int64_t version = service_.FindItem(measure_.id)->version;
  const auto refused = service_.Withdraw(admin_, measure_.id, version, "Няма финансиране", shown);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  EXPECT_FALSE(service_.FindItem(measure_.id)->withdrawn_at.has_value()) << "nothing is withdrawn";
  EXPECT_FALSE(service_.FindItem(added.id)->withdrawn_at.has_value());

  // With the list as it is now, it goes through and takes both.
  const auto withdrawn =
      service_.Withdraw(admin_, measure_.id, version, "Няма финансиране", std::vector{activity_.id, added.id});
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
  EXPECT_EQ(withdrawn->below.size(), 2u);
  EXPECT_TRUE(service_.FindItem(added.id)->withdrawn_at.has_value());
}

TEST_F(PolicyWithdrawalTest, AStaleFormOrAnotherMunicipalitysEditorCannotWithdraw) {
  const auto stale = service_.Withdraw(admin_, measure_.id, measure_.version - 1, "");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  const Actor outsider =
      UserWith("official@blagoevgrad.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
  const auto refused = service_.Withdraw(outsider, measure_.id, service_.FindItem(measure_.id)->version, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  ASSERT_TRUE(Withdraw(measure_).ok());
  EXPECT_EQ(service_.Restore(outsider, measure_.id).error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(TreeUids(lom_).size(), 2u);
}

TEST_F(PolicyWithdrawalTest, WithdrawalsAtTheSameMomentFromOneVersionLeaveExactlyOne) {
  // Eight editors withdraw the measure they all saw at one version, at once: one withdrawal goes through, the others
  // are told (that it changed, or that it is out of the plan already), and the measure is withdrawn once.
  const std::int64_t version = service_.FindItem(measure_.id)->version;
  const auto saves = test_support::SaveAtOnce(
      8, [&](int i) { return service_.Withdraw(admin_, measure_.id, version, "Причина " + std::to_string(i)); });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts + saves.other, 7);
  EXPECT_EQ(service_.FindItem(measure_.id)->version, version + 1);
  const auto withdrawn_entries = [this](const Item& item) {
    const auto history = service_.ItemHistory(item.id);
    return std::count_if(history.begin(), history.end(), [](const auto& entry) { return entry.action == "withdrawn"; });
  };
  EXPECT_EQ(withdrawn_entries(measure_), 1) << "one withdrawal recorded, as one was made";
  EXPECT_EQ(withdrawn_entries(activity_), 1) << "and the activity under it went once";
  EXPECT_EQ(CountAudit("item_withdrawn"), 1);
}

TEST_F(PolicyWithdrawalTest, TheStoreWithdrawsOnlyFromTheVersionShownAndOnlyAnItemInThePlan) {
  const std::int64_t version = service_.FindItem(other_measure_.id)->version;
  const std::int64_t now = accounts::UnixNow();
  database_->Transaction([&](db::Connection& connection) {
    EXPECT_FALSE(
        store_.SetWithdrawn(connection, other_measure_.id, version - 1, other_measure_.id, admin_.user_id, now))
        << "a stale version";
    EXPECT_TRUE(store_.SetWithdrawn(connection, other_measure_.id, version, other_measure_.id, admin_.user_id, now));
    EXPECT_FALSE(
        store_.SetWithdrawn(connection, other_measure_.id, version + 1, other_measure_.id, admin_.user_id, now))
        << "withdrawn already";
    EXPECT_FALSE(store_.SetWithdrawn(connection, other_measure_.id, version, std::nullopt, admin_.user_id, now))
        << "a restore from the version before the withdrawal";
    EXPECT_TRUE(store_.SetWithdrawn(connection, other_measure_.id, version + 1, std::nullopt, admin_.user_id, now));
  });
  const auto stored = service_.FindItem(other_measure_.id);
  EXPECT_FALSE(stored->withdrawn_at.has_value());
  EXPECT_EQ(stored->version, version + 2);
}

TEST_F(PolicyWithdrawalTest, AWithdrawnItemFreesItsCodeAndARestoreIsRefusedWhileAnotherItemHoldsIt) {
  Item coded = *service_.FindItem(other_measure_.id);
  coded.code = "1.2";
  ASSERT_TRUE(service_.UpdateItem(admin_, coded).ok());
  Item twin = ItemOf(lom_, "measure", "Стипендии за студенти", objective_.id);
  twin.code = "1.2";
  EXPECT_EQ(service_.CreateItem(admin_, twin).error().message, "Another item of the document has the same code.");

  ASSERT_TRUE(Withdraw(other_measure_).ok());
  const auto created = service_.CreateItem(admin_, twin);
  ASSERT_TRUE(created.ok()) << created.error().message;
  const auto restore = service_.Restore(admin_, other_measure_.id);
  ASSERT_FALSE(restore.ok());
  EXPECT_EQ(restore.error().kind, core::ErrorKind::kConflict);
}

TEST_F(PolicyWithdrawalTest, AnExportLeavesWithdrawnItemsOutAndAnImportNamingOneIsRefused) {
  ASSERT_TRUE(Withdraw(measure_).ok());
  const auto rows = service_.ExportPlan(lom_.id);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u) << "the header, the objective and the measure left";
  for (const auto& row : *rows) EXPECT_NE(row[0], measure_.uid);

  formats::Table table;
  table.rows.push_back({1, {"uid", "kind", "title", "parent"}});
  table.rows.push_back({2, {measure_.uid, "measure", "Образователни медиатори", objective_.uid}});
  const auto report = service_.ImportPlan(admin_, lom_.id, table, policies::ImportMode::kStore);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].line, 2u);
  EXPECT_EQ(report->problems[0].message, policies::plan_message::kWithdrawnUid);
  EXPECT_EQ(TreeUids(lom_).size(), 2u) << "nothing imported";
}

// --- Deleting a draft ---

class PolicyDraftDeletionTest : public PolicyLinksTest {};

TEST_F(PolicyDraftDeletionTest, ADraftGoesWithItsItemsLinksAndHistoryAndThePlansBelowSeeTheirLinksGo) {
  const Document draft = AddDocument(Level::kMunicipal, "MON24", "Чернова Лом", "draft");
  const Item objective = AddObjective(draft, "Заетост");
  const Item measure = AddMeasure(objective, "Обучения");
  Link(measure, national_education_);
  const Document project = AddDocument(Level::kProject, "MON24", "Проект Заетост", "adopted");
  const Item below = AddObjective(project, "Курсове");
  Link(below, objective);
  ASSERT_FALSE(Has(Unimplemented(kLom), "bg-2021-o1"));

  const auto deleted = service_.DeleteDraft(admin_, draft.id, service_.FindDocument(draft.id)->version);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_FALSE(service_.FindDocument(draft.id).has_value());
  EXPECT_FALSE(service_.FindItem(measure.id).has_value());
  EXPECT_TRUE(Has(Unimplemented(kLom), "bg-2021-o1")) << "its link went with it";
  EXPECT_EQ(
      database_->Acquire()->QueryOne("SELECT COUNT(*) FROM policy_history WHERE document_id = $1", {draft.id})->Int(0),
      0);
  const auto history = service_.ItemHistory(below.id);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].action, "unlinked") << "the plan below sees its link go";
  EXPECT_EQ(json::parse(history[0].changes)["implements"], json::array({objective.uid, nullptr}));
  EXPECT_EQ(CountAudit("document_deleted"), 1);
}

TEST_F(PolicyDraftDeletionTest, AnAdoptedDocumentReferenceDataAndADraftSomethingImplementsStay) {
  const auto refused = [&](const Document& document) {
    const auto deleted = service_.DeleteDraft(admin_, document.id, service_.FindDocument(document.id)->version);
    return deleted.ok() ? std::string("(deleted)") : deleted.error().message;
  };
  const std::string only_drafts = "Only a draft can be deleted. Withdraw the items of an adopted document instead.";
  EXPECT_EQ(refused(lom_), only_drafts) << "adopted";
  EXPECT_EQ(refused(national_), only_drafts) << "reference data";

  const Document draft = AddDocument(Level::kRegional, "MON", "Чернова Монтана", "draft");
  Document implementing = lom_;
  implementing.implements_document_id = draft.id;
  ASSERT_TRUE(service_.UpdateDocument(admin_, implementing).ok());
  EXPECT_EQ(refused(draft), "Another document says it implements this one: change that document first.");

  const Actor outsider =
      UserWith("official@blagoevgrad.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
  const auto forbidden = service_.DeleteDraft(outsider, draft.id, draft.version);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().kind, core::ErrorKind::kForbidden);
  EXPECT_TRUE(service_.FindDocument(draft.id).has_value());
  EXPECT_EQ(CountAudit("document_deleted"), 0);

  implementing = *service_.FindDocument(lom_.id);
  implementing.implements_document_id.reset();
  ASSERT_TRUE(service_.UpdateDocument(admin_, implementing).ok());
  EXPECT_EQ(service_.DeleteDraft(admin_, draft.id, draft.version - 1).error().kind, core::ErrorKind::kConflict)
      << "a stale page";
  EXPECT_EQ(refused(draft), "(deleted)");
}

}  // namespace
