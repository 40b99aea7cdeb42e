#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp, setenv

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "formats/table.hpp"
#include "formats/zip_reader.hpp"
#include "support/table_checks.hpp"

namespace {

using test_support::Rows;
using test_support::Values;

// Points TMPDIR (which std::filesystem::temp_directory_path follows) at a new empty directory for one test.
class PrivateTemporaryDirectory {
 public:
  PrivateTemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "khetane-formats-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    if (const char* previous = std::getenv("TMPDIR")) previous_ = previous;
    setenv("TMPDIR", path_.c_str(), 1);
  }
  ~PrivateTemporaryDirectory() {
    if (previous_) {
      setenv("TMPDIR", previous_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  bool IsEmpty() const { return std::filesystem::is_empty(path_); }

 private:
  std::filesystem::path path_;
  std::optional<std::string> previous_;
};

const Rows kPlan = {
    {"Код", "Мярка", "Срок", "Бюджет", "Бележка"},
    {"0012", "Ремонт на училище \"Христо Ботев\", Лом & <двор>", "2026-03-31", "1500.50", ""},
    {"0013", "Два реда:\nпърви\r\nвтори\tтаб", "", "", "_x0041_ остава"},
    {"00000000000000000014", "  интервали  ", "", "-2", "=SUM(A1)"},
    {"15", "\x01 контролен знак", "TRUE", "1500", "1e3"},
};

}  // namespace

TEST(XlsxWriter, RoundTripsAPlanExactly) {
  const auto xlsx = formats::WriteXlsx(kPlan);
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message << " " << xlsx.error().detail;
  EXPECT_TRUE(xlsx->starts_with("PK\x03\x04"));
  const auto table = formats::ReadTable(*xlsx);
  ASSERT_TRUE(table.ok()) << table.error().message << " " << table.error().detail;
  EXPECT_EQ(table->kind, formats::FileKind::kXlsx);
  EXPECT_EQ(Values(*table), kPlan);
  EXPECT_EQ(table->rows.back().line, 5u);
}

TEST(XlsxWriter, WritesNumbersOnlyInNumericColumnsAndOnlyWhenTheTextSurvives) {
  const Rows rows = {{"Код", "Бюджет"},           {"0012", "1500"}, {"0013", "1500.50"}, {"14", "-2.25"}, {"15", "1e3"},
                     {"16", "12345678901234567"}, {"17", ""}};
  const auto xlsx = formats::WriteXlsx(
      rows, {.sheet_name = "План", .numeric_columns = {1}, .cells = {}, .lists = {}, .hidden = false});
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().detail;
  const std::string sheet = test_support::XlsxPart(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<c r=\"B2\"><v>1500</v></c>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<c r=\"B4\"><v>-2.25</v></c>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<c r=\"B3\" t=\"s\">"), std::string::npos) << "1500.50 would come back as 1500.5";
  EXPECT_NE(sheet.find("<c r=\"B5\" t=\"s\">"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"B6\" t=\"s\">"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"A2\" t=\"s\">"), std::string::npos) << "codes stay text";
  const auto table = formats::ReadTable(*xlsx);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), rows);
}

TEST(XlsxWriter, MakesTheHeaderBoldAndFrozenAndNamesTheSheet) {
  const auto xlsx =
      formats::WriteXlsx({{"Мярка", "Срок"}, {"Ремонт на училищния двор в Лом", "2026"}},
                         {.sheet_name = "План 2026", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false});
  ASSERT_TRUE(xlsx.ok());
  const std::string sheet = test_support::XlsxPart(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("ySplit=\"1\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<c r=\"A1\" s=\"1\" t=\"s\">"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<col min=\"1\" max=\"1\" width=\"32"), std::string::npos) << "as wide as its longest value";
  EXPECT_NE(test_support::XlsxPart(*xlsx, "xl/styles.xml").find("<b/>"), std::string::npos);
  EXPECT_NE(test_support::XlsxPart(*xlsx, "xl/workbook.xml").find("name=\"План 2026\""), std::string::npos);
}

TEST(XlsxWriter, RefusesWhatASpreadsheetCannotHoldNamingTheCell) {
  const auto too_long = formats::WriteXlsx({{"a", "b"}, {"x", std::string(32'768, 'y')}});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().message, formats::message::kCellTooLong);
  EXPECT_EQ(too_long.error().line, 2u);
  EXPECT_EQ(too_long.error().column, 2u);
  EXPECT_TRUE(formats::WriteXlsx({{"a"}, {std::string(32'767, 'y')}}).ok());

  const auto not_text = formats::WriteXlsx({{"a"}, {"ok"}, {std::string("nul\0inside", 10)}});
  ASSERT_FALSE(not_text.ok());
  EXPECT_EQ(not_text.error().message, formats::message::kInvalidText);
  EXPECT_EQ(not_text.error().line, 3u);

  const auto not_utf8 = formats::WriteXlsx({{"\xCB\xEE\xEC"}});
  ASSERT_FALSE(not_utf8.ok());
  EXPECT_EQ(not_utf8.error().message, formats::message::kInvalidText);

  const auto wide = formats::WriteXlsx({std::vector<std::string>(16'385, "x")});
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.error().message, formats::message::kTooManyColumnsForXlsx);
}

TEST(XlsxWriter, RefusesASheetNameThatSpreadsheetsDoNotAllow) {
  for (const std::string& name : std::vector<std::string>{"a/b", "[x]", "", std::string(32, 'x')}) {
    const auto xlsx = formats::WriteXlsx(
        {{"a"}}, {.sheet_name = name, .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false});
    ASSERT_FALSE(xlsx.ok()) << name;
    EXPECT_EQ(xlsx.error().message, formats::message::kInvalidSheetName);
  }
}

TEST(XlsxWriter, WritesSeveralSheetsInOrderOfWhichReadTableReadsTheFirst) {
  const Rows totals = {{"scope", "planned"}, {"plan", "1500.50"}};
  const auto xlsx = formats::WriteXlsxSheets(
      {{&kPlan, {.sheet_name = "План", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false}},
       {&totals, {.sheet_name = "totals", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false}}});
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message << " " << xlsx.error().detail;
  const std::string workbook = test_support::XlsxPart(*xlsx, "xl/workbook.xml");
  EXPECT_LT(workbook.find("name=\"План\""), workbook.find("name=\"totals\"")) << workbook;
  EXPECT_NE(test_support::XlsxPart(*xlsx, "xl/worksheets/sheet2.xml").find("ySplit=\"1\""), std::string::npos)
      << "a header too";
  const auto table = formats::ReadTable(*xlsx);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), kPlan);

  const auto same_name = formats::WriteXlsxSheets(
      {{&kPlan, {.sheet_name = "plan", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false}},
       {&totals, {.sheet_name = "plan", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false}}});
  ASSERT_FALSE(same_name.ok());
  EXPECT_EQ(same_name.error().message, formats::message::kInvalidSheetName);
}

TEST(XlsxWriter, LeavesNoTemporaryFileBehind) {
  const PrivateTemporaryDirectory directory;
  ASSERT_TRUE(formats::WriteXlsx({{"a"}, {"b"}}).ok());
  ASSERT_FALSE(formats::WriteXlsx(
                   {{"a"}}, {.sheet_name = "a/b", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false})
                   .ok());
  ASSERT_FALSE(formats::WriteXlsx({{"a"}, {std::string(40'000, 'y')}}).ok());
  EXPECT_TRUE(directory.IsEmpty());
}

namespace {

TEST(XlsxWriter, WritesAmountsIntegersAndDatesAsCellsASpreadsheetCountsWithAndReadsThemBack) {
  const std::vector<std::vector<std::string>> rows = {
      {"amount", "count", "date", "code"}, {"12000.50", "1500", "2026-03-31", "012"}, {"0.29", "x", "31.02.2026", ""}};
  formats::XlsxOptions options{.sheet_name = "План", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false};
  options.cells = {{0, formats::XlsxCell::kAmount}, {1, formats::XlsxCell::kInteger}, {2, formats::XlsxCell::kDate}};
  const auto xlsx = formats::WriteXlsx(rows, options);
  ASSERT_TRUE(xlsx.ok());
  const std::string sheet = test_support::XlsxPart(*xlsx, "xl/worksheets/sheet1.xml");
  // Numbers are cells without a type (t="n" is the default) holding their value; what is no number stays text.
  const auto cell = [&](const std::string& reference) {
    const std::size_t start = sheet.find("<c r=\"" + reference + "\"");
    return start == std::string::npos ? std::string() : sheet.substr(start, sheet.find("</c>", start) - start);
  };
  for (const std::string reference : {"A2", "B2", "C2", "A3"}) {
    EXPECT_EQ(cell(reference).find(" t=\""), std::string::npos) << cell(reference);
    EXPECT_NE(cell(reference).find("<v>"), std::string::npos) << cell(reference);
  }
  EXPECT_NE(cell("A2").find("<v>12000.5</v>"), std::string::npos) << sheet;
  EXPECT_NE(cell("B2").find("<v>1500</v>"), std::string::npos);
  EXPECT_NE(cell("D2").find("t=\"s\""), std::string::npos);  // "012" stays text
  EXPECT_NE(cell("B3").find("t=\"s\""), std::string::npos);
  EXPECT_NE(test_support::XlsxPart(*xlsx, "xl/styles.xml").find("#,##0.00"), std::string::npos);
  EXPECT_NE(test_support::XlsxPart(*xlsx, "xl/styles.xml").find("dd.mm.yyyy"), std::string::npos);
  const auto table = formats::ReadTable(*xlsx);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), (std::vector<std::vector<std::string>>{{"amount", "count", "date", "code"},
                                                                   {"12000.5", "1500", "2026-03-31", "012"},
                                                                   {"0.29", "x", "31.02.2026", ""}}));
}

TEST(XlsxWriter, OffersDropdownListsFromARangeOnAnotherSheet) {
  const std::vector<std::vector<std::string>> rows = {{"kind", "title"}, {"цел", "Образование"}};
  const std::vector<std::vector<std::string>> lists = {{"kind"}, {"цел"}, {"мярка"}, {"дейност"}};
  formats::XlsxOptions options{.sheet_name = "План", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = false};
  options.lists = {{.column = 0, .range = "'Списъци'!$A$2:$A$4", .only_listed = false}};
  const auto xlsx = formats::WriteXlsxSheets(
      {{&rows, options},
       {&lists, {.sheet_name = "Списъци", .numeric_columns = {}, .cells = {}, .lists = {}, .hidden = true}}});
  ASSERT_TRUE(xlsx.ok());
  const std::string sheet = test_support::XlsxPart(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<dataValidation "), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("type=\"list\""), std::string::npos);
  EXPECT_NE(sheet.find("'Списъци'!$A$2:$A$4"), std::string::npos);
  EXPECT_NE(test_support::XlsxPart(*xlsx, "xl/workbook.xml").find("state=\"hidden\""), std::string::npos);
  const auto table = formats::ReadTable(*xlsx);  // the first sheet only
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), rows);
}

}  // namespace
