// The write API reads back what the read API shows: a document or an item, turned into JSON and sent back, is the
// same document or item; and a field of the wrong JSON type is refused by its name.

#include "modules/policies/policies_json.hpp"

#include <gtest/gtest.h>

namespace {

using nlohmann::json;
using policies::Document;
using policies::Item;
using policies::VersionSent;

// What the write API makes of `sent`, as the form's reading makes it of its fields.
Item ReadItem(const json& sent, VersionSent version, std::string* error_out = nullptr) {
  const auto fields = policies::ItemFieldsOf(sent, version);
  EXPECT_TRUE(fields.ok()) << (fields.ok() ? "" : fields.error().message);
  if (!fields.ok()) return {};
  std::vector<core::FieldProblem> problems;
  Item item = policies::ItemFromFields(fields->Reader(), fields->area_ids, fields->sources, problems);
  if (error_out) *error_out = problems.empty() ? "" : problems.front().message;
  return item;
}

std::string RefusalOf(const core::Result<policies::SentFields>& fields) {
  return fields.ok() ? "(accepted)" : fields.error().message;
}

TEST(PolicyApiJson, AnItemAsTheReadApiShowsItReadsBackAsTheSameItem) {
  Item item;
  item.id = 12;
  item.uid = "m-abcdefabcdef";
  item.document_id = 3;
  item.parent_id = 11;
  item.kind = "measure";
  item.code = "1.1";
  item.position = 4;
  item.title = "Образователни медиатори";
  item.title_en = "Education mediators";
  item.description = "Two mediators in each school";
  item.responsible = "Община Лом";
  item.partners = "РУО Монтана";
  item.target_group = "Children 7–14";
  item.settlement_ekatte = "44238";
  item.start_date = "2027-01-01";
  item.end_date = "2028-12-31";
  item.deadline = "2028-06-30";
  item.beneficiaries = 120;
  item.expected_result = "Fewer children leave school";
  item.official_status = "in_progress";
  item.progress = 40;
  item.version = 7;
  item.area_ids = {2, 5};
  item.budgets = {{"municipal", 1200050, 60000, 1}, {"esf_plus", 0, 0, 0}};

  Item read = ReadItem(policies::ItemJson(item), VersionSent::kRequired);
  // What the read API shows but nobody writes through it.
  read.id = item.id;
  read.uid = item.uid;
  read.document_id = item.document_id;
  EXPECT_EQ(policies::ItemJson(read), policies::ItemJson(item));
  EXPECT_EQ(read.budgets[0].planned_cents, 1200050) << "12000.50, as FormatAmount wrote it";
}

TEST(PolicyApiJson, ADocumentAsTheReadApiShowsItReadsBackAsTheSameDocument) {
  Document document;
  document.id = 9;
  document.level = policies::Level::kMunicipal;
  document.kind = "action_plan";
  document.title = "План за действие на Лом";
  document.title_en = "Action plan of Lom";
  document.period_start = 2027;
  document.period_end = 2030;
  document.oblast_code = "MON";
  document.municipality_code = "MON24";
  document.status = "adopted";
  document.adopted_by = "Общински съвет Лом";
  document.decision_number = "№ 1234";
  document.decision_date = "2026-03-31";
  document.source_url = "https://lom.bg/plan";
  document.implements_document_id = 2;
  document.progress_rule = "budget";
  document.version = 3;
  document.area_ids = {1, 4};

  const auto fields = policies::DocumentFieldsOf(policies::DocumentJson(document), VersionSent::kRequired);
  ASSERT_TRUE(fields.ok()) << fields.error().message;
  std::vector<core::FieldProblem> problems;
  Document read = policies::DocumentFromFields(fields->Reader(), fields->area_ids, problems);
  EXPECT_TRUE(problems.empty());
  read.id = document.id;
  EXPECT_EQ(policies::DocumentJson(read), policies::DocumentJson(document));
}

TEST(PolicyApiJson, AFieldOfTheWrongJsonTypeIsRefusedByItsName) {
  const auto item = [](json changes) {
    json sent = {{"kind", "measure"}, {"title", "Mediators"}, {"version", 1}};
    sent.update(changes);
    return RefusalOf(policies::ItemFieldsOf(sent, VersionSent::kRequired));
  };
  EXPECT_EQ(item({{"title", 5}}), "The field \"title\" must be text.");
  EXPECT_EQ(item({{"progress", "40"}}), "The field \"progress\" must be a whole number.");
  EXPECT_EQ(item({{"progress", 40.5}}), "The field \"progress\" must be a whole number.");
  EXPECT_EQ(item({{"areas", {1, "two"}}}), "The field \"areas\" must be a list of whole numbers.");
  EXPECT_EQ(item({{"budgets", {{{"source", "municipal"}, {"planned", 12000.5}}}}}),
            "The field \"budgets[0].planned\" must be an amount as text, like \"1500.50\".");
  EXPECT_EQ(item({{"budgets", {{{"planned", "1.00"}}}}}), "The field \"budgets[0].source\" is missing.");
  EXPECT_EQ(item({{"budgets", {{{"source", "lottery"}}}}}), "(accepted)") << "the service knows the sources";
  EXPECT_EQ(item({{"budgets", {{{"source", "erdf"}}, {{"source", "erdf"}}}}}),
            "The field \"budgets[1].source\" names a funding source again.");
  EXPECT_EQ(item({{"version", "1"}}), "The field \"version\" must be a whole number.");

  const auto document = [](json changes) {
    json sent = {{"level", "municipal"}, {"title", "Plan"}, {"version", 1}};
    sent.update(changes);
    return RefusalOf(policies::DocumentFieldsOf(sent, VersionSent::kRequired));
  };
  EXPECT_EQ(document({{"period", "2027–2030"}}), "The field \"period\" must be an object.");
  EXPECT_EQ(document({{"period", {{"start", "2027"}}}}), "The field \"period.start\" must be a whole number.");
  EXPECT_EQ(document({{"adoption", {{"decision_date", 20260331}}}}),
            "The field \"adoption.decision_date\" must be text.");
  EXPECT_EQ(RefusalOf(policies::DocumentFieldsOf(json::array(), VersionSent::kIgnored)),
            "The body must be a JSON object.");
}

TEST(PolicyApiJson, AChangeSaysWhichVersionItChangesAndACreationNeedNot) {
  const json sent = {{"kind", "objective"}, {"title", "Housing"}};
  EXPECT_EQ(RefusalOf(policies::ItemFieldsOf(sent, VersionSent::kRequired)), "The field \"version\" is missing.");
  EXPECT_EQ(RefusalOf(policies::ItemFieldsOf(sent, VersionSent::kIgnored)), "(accepted)");
}

TEST(PolicyApiJson, AFieldLeftOutOrNullIsEmptyAsOnTheForm) {
  const Item item =
      ReadItem({{"kind", "activity"}, {"title", "Summer school"}, {"parent", nullptr}, {"start", nullptr}},
               VersionSent::kIgnored);
  EXPECT_EQ(item.parent_id, std::nullopt);
  EXPECT_EQ(item.start_date, "");
  EXPECT_EQ(item.progress, std::nullopt);
  EXPECT_TRUE(item.budgets.empty());
}

TEST(PolicyApiJson, AnAmountIsReadAsTheFormReadsIt) {
  std::string error;
  const Item item =
      ReadItem({{"kind", "measure"},
                {"title", "Mediators"},
                {"budgets", {{{"source", "municipal"}, {"planned", "1 500,50"}, {"spent", "12,345.67"}}}}},
               VersionSent::kIgnored, &error);
  ASSERT_EQ(item.budgets.size(), 1u);
  EXPECT_EQ(item.budgets[0].planned_cents, 150050);
  EXPECT_EQ(error, policies::rule_message::kMalformedAmount) << "12,345.67 is no amount on the form either";
}

}  // namespace
