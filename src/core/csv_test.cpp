#include "core/csv.hpp"

#include <gtest/gtest.h>

TEST(ParseCsv, ReadsQuotedFieldsWithSeparatorsQuotesAndLineBreaks) {
  const auto rows = core::ParseCsv("name,note\r\n\"Лом, град\",\"say \"\"hi\"\"\nthere\"\r\nx,\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].fields[0], "Лом, град");
  EXPECT_EQ((*rows)[1].fields[1], "say \"hi\"\nthere");
  EXPECT_EQ((*rows)[2].line, 4u);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"x", ""}));
}

TEST(ParseCsv, DetectsSemicolonsAndSkipsTheByteOrderMark) {
  const auto rows = core::ParseCsv(
      "\xEF\xBB\xBF"
      "code;name\nBLG03;Благоевград");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].fields[0], "code");
  EXPECT_EQ((*rows)[1].fields[1], "Благоевград");
}

TEST(ParseCsv, NamesTheLineOfAnUnclosedQuote) {
  const auto rows = core::ParseCsv("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message.find("line 3"), std::string::npos) << rows.error().message;
}

TEST(ParseCsv, RefusesARowWithTooManyFields) {
  const std::string wide(5000, ',');
  const auto rows = core::ParseCsv("a\n" + wide + "\n", {.separator = ',', .max_fields_per_row = 100});
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message.find("line 2"), std::string::npos);
}

TEST(ColumnIndex, FindsAHeaderByName) {
  const auto rows = core::ParseCsv("ekatte,name\n1,2\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(core::ColumnIndex((*rows)[0], "name"), 1u);
  EXPECT_FALSE(core::ColumnIndex((*rows)[0], "missing").has_value());
}

TEST(ParseCsvRows, ReportsTheProblemAndLineAsData) {
  const auto rows = core::ParseCsvRows("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().problem, core::CsvProblem::kUnclosedQuote);
  EXPECT_EQ(rows.error().line, 3u);
}

TEST(ParseCsvRows, StopsAtTheRowOrFieldLimit) {
  core::CsvOptions options;
  options.max_rows = 3;
  const auto rows = core::ParseCsvRows("a\nb\n\nc\nd\n", options);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().problem, core::CsvProblem::kTooManyRows);
  EXPECT_EQ(rows.error().line, 5u);

  options = {};
  options.max_fields = 5;
  const auto fields = core::ParseCsvRows("a,b\n1,2\n3,4\n", options);
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.error().problem, core::CsvProblem::kTooManyFields);
  EXPECT_EQ(fields.error().line, 3u);

  options.max_rows = 3;
  options.max_fields = 6;
  EXPECT_TRUE(core::ParseCsvRows("a,b\n1,2\n3,4\n", options).ok());
}

TEST(DetectCsvSeparator, CountsOnlySeparatorsOutsideQuotesOnTheHeaderLine) {
  EXPECT_EQ(core::DetectCsvSeparator("Вид;Заглавие;Код\r\nцел;\"Първо, второ, трето\";1\r\n"), ';');
  EXPECT_EQ(core::DetectCsvSeparator("kind,title,code\r\nobjective,\"a; b; c; d\",1\r\n"), ',');
  // Separators inside a quoted header (even across a line break) do not count: one ';' outside beats three ','.
  EXPECT_EQ(core::DetectCsvSeparator("\"a, b, c\";\"x,\ny\"\r\n1;2\r\n"), ';');
  EXPECT_EQ(core::DetectCsvSeparator("\"a; b; c\",x\r\n"), ',');
  EXPECT_EQ(core::DetectCsvSeparator("\xEF\xBB\xBF\"Заглавие \"\";\"\"\";Код\n"), ';');
  EXPECT_EQ(core::DetectCsvSeparator("title\n"), ',');  // one column: either will do
  EXPECT_EQ(core::DetectCsvSeparator(""), ',');
}

TEST(ParseCsv, ReadsASemicolonFileWhoseTitlesHoldCommasAndSemicolons) {
  const auto rows = core::ParseCsv("Вид;Заглавие\r\nцел;\"Образование; училища, детски градини\"\r\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"цел", "Образование; училища, детски градини"}));
}
