#include "formats/table.hpp"

#include <gtest/gtest.h>

#include <random>

#include "support/table_checks.hpp"

namespace {

using test_support::ExpectRefused;
using test_support::Lines;
using test_support::Rows;
using test_support::Values;
using test_support::WithLimit;

// A plan as the later import will see it: Bulgarian text, quotes, separators and line breaks inside values, codes
// with leading zeros, empty values in the middle and at the end of rows.
const Rows kPlan = {
    {"Код", "Мярка", "Срок", "Бюджет", "Бележка"},
    {"0012", "Ремонт на училище \"Христо Ботев\", Лом", "2026-03-31", "1500.50", ""},
    {"0013", "Два реда:\nпърви\r\nвтори", "", "", "; и ,"},
    {"00000000000000000014", "  интервали  ", "", "-2", "=SUM(A1)"},
};

}  // namespace

TEST(FormatsCsv, WritesRfc4180WithAByteOrderMarkAndCrlf) {
  EXPECT_EQ(formats::WriteCsv({{"a", "b c", ""}, {"x\"y", "1,5", "ред\nнов"}}),
            "\xEF\xBB\xBF"
            "a,b c,\r\n\"x\"\"y\",\"1,5\",\"ред\nнов\"\r\n");
  EXPECT_EQ(formats::WriteCsv({{"a", "1,5", "2;3"}}, ';'),
            "\xEF\xBB\xBF"
            "a;\"1,5\";\"2;3\"\r\n");
}

TEST(FormatsCsv, RoundTripsAPlanExactly) {
  for (const char separator : {',', ';'}) {
    const auto table = formats::ReadTable(formats::WriteCsv(kPlan, separator));
    ASSERT_TRUE(table.ok()) << table.error().message;
    EXPECT_EQ(table->kind, formats::FileKind::kCsv);
    EXPECT_EQ(Values(*table), kPlan) << separator;
    EXPECT_EQ(Lines(*table), (std::vector<std::size_t>{1, 2, 3, 6})) << "line breaks in a value move the next row";
  }
}

TEST(FormatsCsv, RoundTripsControlCharactersButRefusesANul) {
  const Rows rows = {{"a", "b"}, {"\x01\x1F\x7F", "\t"}};
  const auto table = formats::ReadTable(formats::WriteCsv(rows));
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), rows);
  ExpectRefused(formats::ReadTable(std::string("a,b\n1,\0\n", 8)), formats::message::kNotATable);
}

TEST(FormatsCsv, WritesAValueASpreadsheetWouldRunAsAFormulaAsTextAndReadsItBackAsItWas) {
  const Rows rows = {{"title", "note", "amount"},
                     {"=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1)", "-2.5"},
                     {"+359 88 123", "- обучение", "+12"},
                     {"'=already quoted", "''-twice", "'s-Hertogenbosch"},
                     {"\t=tab", "a=b", "-"}};
  const std::string csv = formats::WriteCsv(rows);
  EXPECT_NE(csv.find("\"'=HYPERLINK("), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@SUM(A1),-2.5\r\n"), std::string::npos) << "a plain number is no formula";
  EXPECT_NE(csv.find("'+359 88 123,'- обучение,+12\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("''=already quoted,'''-twice,'s-Hertogenbosch\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("'\t=tab,a=b,'-\r\n"), std::string::npos) << csv;
  const auto table = formats::ReadTable(csv);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(Values(*table), rows);
}

TEST(FormatsCsv, ReadsTextWithoutAByteOrderMark) {
  const auto table = formats::ReadTable("код;име\n1;Лом\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), (Rows{{"код", "име"}, {"1", "Лом"}}));
}

TEST(FormatsTable, GivesEveryRowTheHeadersWidthAndSkipsEmptyRows) {
  const auto table = formats::ReadTable("a,b,c\n1\n,,\n\n2,,,,\n3,4,5,6\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Values(*table), (Rows{{"a", "b", "c"}, {"1", "", ""}, {"2", "", ""}, {"3", "4", "5", "6"}}));
  EXPECT_EQ(Lines(*table), (std::vector<std::size_t>{1, 2, 5, 6}));
}

TEST(FormatsTable, RefusesAFileWithoutRows) {
  ExpectRefused(formats::ReadTable(""), formats::message::kEmpty);
  ExpectRefused(formats::ReadTable("\xEF\xBB\xBF\r\n,,\r\n"), formats::message::kNoRows);
}

TEST(FormatsTable, RefusesAFileLargerThanTheLimit) {
  ExpectRefused(formats::ReadTable(std::string(2000, 'a'), WithLimit(&formats::ReadLimits::max_bytes, 1000)),
                formats::message::kTooLarge);
}

TEST(FormatsTable, RefusesAPdf) {
  ExpectRefused(formats::ReadTable("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
                formats::message::kNotATable);
}

TEST(FormatsTable, RefusesAnOldExcelWorkbookSayingWhatToSaveItAs) {
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  xls += std::string(504, '\0');
  const auto table = formats::ReadTable(xls);
  ExpectRefused(table, formats::message::kLegacyExcel);
  EXPECT_NE(table.error().message.find(".xlsx"), std::string::npos);
  EXPECT_NE(table.error().message.find("CSV"), std::string::npos);
}

TEST(FormatsTable, RefusesRandomBinary) {
  std::mt19937 random(4180);
  std::string bytes(4096, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random());
  bytes[0] = 'x';  // not a ZIP or OLE2 signature by chance
  ExpectRefused(formats::ReadTable(bytes), formats::message::kNotATable);
}

TEST(FormatsTable, RefusesTextThatIsNotUtf8NamingTheLine) {
  // "Лом" in windows-1251, as Excel's "CSV (Comma delimited)" saves it on a Bulgarian Windows.
  ExpectRefused(formats::ReadTable("code,name\n1,ok\n2,\xCB\xEE\xEC\n"), formats::message::kNotUtf8, 3);
  ExpectRefused(formats::ReadTable(std::string("\xFF\xFE"
                                               "a\0,\0b\0",
                                               8)),
                formats::message::kNotUtf8, 1);
}

TEST(FormatsTable, RefusesMalformedCsvNamingTheLine) {
  ExpectRefused(formats::ReadTable("a,b\n1,\"open\n2,3\n"), formats::message::kUnclosedQuote, 2);
  ExpectRefused(formats::ReadTable("a,b\n1,\"x\"y\n"), formats::message::kTextAfterClosingQuote, 2);
  ExpectRefused(formats::ReadTable("a,b\n1,x\"y\n"), formats::message::kQuoteInUnquotedField, 2);
}

TEST(FormatsTable, RefusesACsvRowWith100000Columns) {
  const std::string wide = "a,b\n1,2\n" + std::string(99'999, ',') + "\n";
  ExpectRefused(formats::ReadTable(wide), formats::message::kTooManyColumns, 3, 1001);
}

TEST(FormatsTable, RefusesMoreRowsOrCellsThanAllowed) {
  ExpectRefused(formats::ReadTable("a\n1\n2\n3\n", WithLimit(&formats::ReadLimits::max_rows, 3)),
                formats::message::kTooManyRows, 4);
  ExpectRefused(formats::ReadTable("a,b\n1,2\n3,4\n", WithLimit(&formats::ReadLimits::max_cells, 5)),
                formats::message::kTooManyCells, 3);
}

TEST(FormatsTable, TurnsAFormatErrorIntoAnInvalidInputError) {
  const formats::FormatError failure{
      .message = std::string(formats::message::kTooManyColumns), .line = 7, .column = 3, .detail = {}};
  const core::Error error = formats::ToError(failure);
  EXPECT_EQ(error.kind, core::ErrorKind::kInvalidInput);
  EXPECT_EQ(error.message, formats::message::kTooManyColumns);
  EXPECT_EQ(error.detail, "line 7, column 3");
}
