#include "modules/advocacy/popolo.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace advocacy {
namespace {

using nlohmann::json;

PopoloSchemas Schemas() {
  auto schemas = PopoloSchemas::Load("data/popolo");
  EXPECT_TRUE(schemas.ok()) << schemas.error().message;
  return schemas.ok() ? std::move(*schemas) : PopoloSchemas{};
}

Stakeholder Entry(std::int64_t id, std::string kind, std::string name, std::string sector = "") {
  Stakeholder stakeholder;
  stakeholder.id = id;
  stakeholder.kind = std::move(kind);
  stakeholder.name = std::move(name);
  stakeholder.sector = std::move(sector);
  return stakeholder;
}

json Register() {
  Stakeholder school = Entry(1, "organization", "Училище „Васил Левски“", "institution");
  school.email = "school@example.bg";
  Stakeholder teacher = Entry(2, "person", "Учителка М.");
  teacher.pseudonym = true;
  teacher.phone = "+359 88 000 000";
  const Stakeholder union_ = Entry(3, "organization", "Синдикат", "professional");
  return PopoloOf({school, teacher, union_}, {{7, 2, 1, "учител", "класен ръководител", std::nullopt, "2019-09", ""},
                                              {8, 3, 1, "партньор", "", std::nullopt, "2020", "2026"}});
}

TEST(Popolo, TheExportIsValidPopoloByOurChecksAndByAnIndependentJsonSchemaValidator) {
  const PopoloSchemas schemas = Schemas();
  const json document = Register();
  ASSERT_EQ(document["persons"].size(), 1u);
  ASSERT_EQ(document["organizations"].size(), 2u);
  ASSERT_EQ(document["memberships"].size(), 2u);
  ASSERT_EQ(document["posts"].size(), 1u);
  EXPECT_EQ(document["memberships"][1]["member"]["id"], "organization-3") << "an organisation in an organisation";
  for (const auto& [list, schema] : {std::pair{"persons", "person"}, std::pair{"organizations", "organization"},
                                     std::pair{"memberships", "membership"}, std::pair{"posts", "post"}}) {
    for (const json& entry : document[list]) EXPECT_TRUE(schemas.Validate(entry, schema, list).empty()) << entry;
  }
  // Python's jsonschema (Draft3Validator), resolving the schemas' $refs to the shipped files.
  const auto file = std::filesystem::temp_directory_path() / "khetane-popolo-export.json";
  std::ofstream(file) << document.dump();
  const std::string check =
      "python3 -c \"import json,glob,sys,jsonschema\n"
      "store={}\n"
      "for f in glob.glob('data/popolo/*.json'):\n"
      "  s=json.load(open(f)); store[s['id']]=s\n"
      "doc=json.load(open(sys.argv[1]))\n"
      "bad=0\n"
      "for key,name in (('persons','person'),('organizations','organization'),('memberships','membership'),"
      "('posts','post')):\n"
      "  schema=store['http://www.popoloproject.com/schemas/'+name+'.json#']\n"
      "  v=jsonschema.Draft3Validator(schema,resolver=jsonschema.RefResolver.from_schema(schema,store=store))\n"
      "  for e in doc[key]:\n"
      "    for err in v.iter_errors(e): print(key,err.message); bad+=1\n"
      "sys.exit(1 if bad else 0)\" " +
      file.string() + " 2>/dev/null";
  EXPECT_EQ(std::system(check.c_str()), 0) << "python3-jsonschema validates the export";
  std::filesystem::remove(file);
}

TEST(Popolo, AFileThatDoesNotValidateIsRefusedWithThePathOfEachOffendingField) {
  const PopoloSchemas schemas = Schemas();
  json document = Register();
  document["persons"][0]["email"] = 5;
  document["persons"][0]["birth_date"] = "yesterday";
  document["memberships"][0]["end_date"] = "2018";
  const auto read = ReadPopolo(document, schemas, "consent", "Кампанията", "2026-12-05");
  ASSERT_FALSE(read.ok());
  std::vector<std::string> messages;
  for (const core::FieldProblem& problem : read.error().problems) messages.push_back(problem.message);
  EXPECT_NE(std::find(messages.begin(), messages.end(), "persons[0].email: should be string or null"), messages.end())
      << ::testing::PrintToString(messages);
  EXPECT_NE(std::find_if(messages.begin(), messages.end(),
                         [](const std::string& m) { return m.starts_with("persons[0].birth_date: \"yesterday\""); }),
            messages.end());
  EXPECT_NE(std::find_if(messages.begin(), messages.end(),
                         [](const std::string& m) { return m.starts_with("memberships[0].end_date: The membership"); }),
            messages.end());
}

TEST(Popolo, APersonNeedsTheBasisTheImporterStatesAndAMembershipItsEnds) {
  const PopoloSchemas schemas = Schemas();
  const auto without = ReadPopolo(Register(), schemas, "", "", "2026-12-05");
  ASSERT_FALSE(without.ok());
  EXPECT_TRUE(without.error().problems.at(0).message.starts_with("persons[0].consent_basis:"));
  const auto read = ReadPopolo(Register(), schemas, "legitimate_interest", "", "2026-12-05");
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->stakeholders.size(), 3u);
  EXPECT_EQ(read->stakeholders[0].phone, "+359 88 000 000");
  ASSERT_EQ(read->memberships.size(), 2u);
  EXPECT_EQ(read->memberships[0], (std::pair<std::size_t, std::size_t>{0, 1})) << "the teacher in the school";
  EXPECT_EQ(ReadPopolo(json::array(), schemas, "consent", "", "2026-12-05").error().kind,
            core::ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace advocacy
