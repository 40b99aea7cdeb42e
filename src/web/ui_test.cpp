// The design system as a reader meets it: dates, amounts and progress as people write them in Bulgarian and English,
// and the shared partials rendered from any template with the data where they stand.

#include "web/ui.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "web/templates.hpp"

namespace {

class ReaderFormats : public ::testing::Test {
 protected:
  // Built by the test target into the build folder (CMakeLists.txt, khetane_library).
  const web::Translations translations_{std::getenv("KHETANE_LOCALE_DIR")};
  const web::Reader bulgarian_{translations_, web::Language::kBulgarian, nullptr};
  const web::Reader english_{translations_, web::Language::kEnglish, nullptr};
};

TEST_F(ReaderFormats, AmountsCarryTheirCurrencyAsEachLanguageWritesIt) {
  EXPECT_EQ(bulgarian_.Money(4'800'050, "BGN"), "48\u00a0000,50\u00a0лв.");
  EXPECT_EQ(english_.Money(4'800'050, "BGN"), "BGN\u00a048,000.50");
  EXPECT_EQ(bulgarian_.Money(2'454'210, "EUR"), "24\u00a0542,10\u00a0€");
  EXPECT_EQ(english_.Money(2'454'210, "EUR"), "€24,542.10");
  EXPECT_EQ(english_.Money(5, "EUR"), "€0.05") << "cents keep their leading zero";
  EXPECT_EQ(english_.Money(100, "USD"), "1.00\u00a0USD") << "another currency follows the amount";
}

TEST_F(ReaderFormats, DatesAreWrittenAsPeopleWriteThemAndAnythingElseStaysAsItIs) {
  EXPECT_EQ(bulgarian_.Date("2025-01-15"), "15.01.2025\u00a0г.");
  EXPECT_EQ(english_.Date("2025-01-15"), "15 January 2025");
  EXPECT_EQ(english_.Date("2027-12-31"), "31 December 2027");
  EXPECT_EQ(english_.Date(""), "");
  EXPECT_EQ(english_.Date("2025-13-01"), "2025-13-01");
  EXPECT_EQ(english_.Date("soon"), "soon");
}

// Instants are stored in UTC and read on Sofia's clock, in the reader's way of writing dates.
TEST_F(ReaderFormats, TimesAreShownOnTheInstallationsClock) {
  constexpr std::int64_t kWinterMorning = 1796528760;  // 2026-12-06 03:46 UTC
  constexpr std::int64_t kNewYearsEve = 1798759800;    // 2026-12-31 23:30 UTC
  EXPECT_EQ(bulgarian_.DateTime(kWinterMorning), "06.12.2026\u00a0г., 05:46");
  EXPECT_EQ(english_.DateTime(kWinterMorning), "6 December 2026, 05:46");
  EXPECT_EQ(english_.DateTime(kNewYearsEve), "1 January 2027, 01:30") << "already the new year in Sofia";
}

TEST_F(ReaderFormats, NamesSortInTheReadersAlphabeticalOrderNotByTheirBytes) {
  std::vector<std::string> names = {"ябълка", "Ямбол", "Бобошево", "агне", "Бобов дол", "Айтос", "Чирпан"};
  bulgarian_.SortByName(names, [](const std::string& name) { return name; });
  EXPECT_EQ(names, (std::vector<std::string>{"агне", "Айтос", "Бобов дол", "Бобошево", "Чирпан", "ябълка", "Ямбол"}))
      << "capitals do not all come before small letters";
  std::vector<std::string> english = {"Zlatograd", "ruse", "Ruse", "Aksakovo", "Étropole"};
  english_.SortByName(english, [](const std::string& name) { return name; });
  EXPECT_EQ(english, (std::vector<std::string>{"Aksakovo", "Étropole", "ruse", "Ruse", "Zlatograd"}));
}

TEST_F(ReaderFormats, ProgressNotReportedIsAStateOfItsOwnNeverABarAtZero) {
  const auto none = web::ui::Progress(english_, std::nullopt);
  EXPECT_FALSE(none["reported"]);
  EXPECT_EQ(none["text"], "not reported");
  const auto zero = web::ui::Progress(english_, 0.0);
  EXPECT_TRUE(zero["reported"]);
  EXPECT_EQ(zero["text"], "0%");
  EXPECT_EQ(web::ui::Progress(english_, 47.6)["value"], 48);
  EXPECT_EQ(web::ui::Money(english_, std::nullopt, "EUR")["text"], "not reported") << "an amount nobody gave";
  EXPECT_EQ(web::ui::Money(bulgarian_, 1'000'000, "BGN")["euro"], "5\u00a0112,92\u00a0€") << "leva with euro beside";
  EXPECT_EQ(web::ui::Money(bulgarian_, 1'000'000, "EUR")["euro"], "") << "euro alone";
}

TEST_F(ReaderFormats, APagerLinksTheNeighbouringPagesKeepingTheListsOtherChoices) {
  const auto middle = web::ui::Pager(english_, 5'000, 100, 200, "/advocacy/register?keeper=3&q=");
  EXPECT_EQ(middle["previous"], "/advocacy/register?keeper=3&q=&offset=100");
  EXPECT_EQ(middle["next"], "/advocacy/register?keeper=3&q=&offset=300");
  EXPECT_EQ(middle["summary"], "201–300 of 5,000");
  EXPECT_EQ(web::ui::Pager(bulgarian_, 5'000, 100, 4'900, "/x")["summary"], "4\u00a0901–5\u00a0000 от 5\u00a0000");
  const auto last = web::ui::Pager(english_, 250, 100, 200, "/x");
  EXPECT_FALSE(last.contains("next"));
  EXPECT_EQ(last["previous"], "/x?offset=100");
  EXPECT_FALSE(web::ui::Pager(english_, 80, 100, 0, "/x")["show"]) << "one page needs no pager";
  EXPECT_EQ(web::ui::Pager(english_, 0, 100, 0, "/x")["summary"], "0–0 of 0");
}

TEST(Partials, AnyTemplateIncludesAFolderQualifiedTemplateWithTheDataWhereItStands) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "khetane-partials-test";
  std::filesystem::create_directories(folder / "ui");
  std::ofstream(folder / "page.mustache")
      << "{{#plan}}<p>{{> ui/progress}}</p>{{/plan}}{{#error}}[{{error}}]{{/error}}";
  std::ofstream(folder / "ui" / "progress.mustache") << "<b>{{text}}</b>";
  web::Templates templates;
  templates.LoadDirectory(folder);
  templates.LoadDirectory(folder / "ui", "ui/");
  EXPECT_EQ(templates.Render("page", web::ToMustache({{"plan", {{"text", "48%"}}}})), "<p><b>48%</b></p>");
  // A page template without a folder is no partial, so a missing value of its name stays missing.
  std::ofstream(folder / "error.mustache") << "an error page";
  templates.LoadDirectory(folder);
  EXPECT_EQ(templates.Render("page", web::ToMustache(nlohmann::json::object())), "");
  std::filesystem::remove_all(folder);
}

}  // namespace
