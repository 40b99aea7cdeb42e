#include "formats/xlsx_values.hpp"

#include <gtest/gtest.h>

#include "formats/format_error.hpp"

using formats::NumberFormatKind;

TEST(XlsxValues, ReadsTheColumnOfACellReference) {
  EXPECT_EQ(formats::ColumnOfReference("A1"), 1u);
  EXPECT_EQ(formats::ColumnOfReference("C7"), 3u);
  EXPECT_EQ(formats::ColumnOfReference("AA10"), 27u);
  EXPECT_EQ(formats::ColumnOfReference("XFD1"), 16384u);
  EXPECT_EQ(formats::ColumnOfReference("ZZZZZZZZZZZZZZZZZZZZ1"), formats::kXlsxMaxColumns + 1);
  EXPECT_FALSE(formats::ColumnOfReference("17").has_value());
  EXPECT_FALSE(formats::ColumnOfReference("").has_value());
}

TEST(XlsxValues, NamesColumnsAsSpreadsheetsDo) {
  EXPECT_EQ(formats::ColumnName(1), "A");
  EXPECT_EQ(formats::ColumnName(26), "Z");
  EXPECT_EQ(formats::ColumnName(27), "AA");
  EXPECT_EQ(formats::ColumnName(16384), "XFD");
}

TEST(XlsxValues, DecodesEscapedCharactersAndSurrogatePairs) {
  EXPECT_EQ(formats::DecodeXstring("ред 1_x000D_\nред 2"), "ред 1\r\nред 2");
  EXPECT_EQ(formats::DecodeXstring("_x005F_x0041_"), "_x0041_");
  EXPECT_EQ(formats::DecodeXstring("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(formats::DecodeXstring("_xD83D_ alone"), "\xEF\xBF\xBD alone");
  EXPECT_EQ(formats::DecodeXstring("_x00_ _xZZZZ_ _x0041"), "_x00_ _xZZZZ_ _x0041");
}

TEST(XlsxValues, EscapesLiteralEscapeSequencesSoTheyDecodeBack) {
  for (const std::string text : {"_x0041_", "a_x005F_x0041_b", "__x000D__", "plain", "_x", ""}) {
    EXPECT_EQ(formats::DecodeXstring(formats::EscapeXstringLiterals(text)), text) << text;
  }
  EXPECT_EQ(formats::EscapeXstringLiterals("_x0041_"), "_x005F_x0041_");
}

TEST(XlsxValues, TellsDatesFromNumbersByTheirFormat) {
  EXPECT_EQ(formats::KindOfNumberFormat(0, std::nullopt), NumberFormatKind::kNumber);
  EXPECT_EQ(formats::KindOfNumberFormat(4, std::nullopt), NumberFormatKind::kNumber);
  EXPECT_EQ(formats::KindOfNumberFormat(14, std::nullopt), NumberFormatKind::kDate);
  EXPECT_EQ(formats::KindOfNumberFormat(20, std::nullopt), NumberFormatKind::kTime);
  EXPECT_EQ(formats::KindOfNumberFormat(22, std::nullopt), NumberFormatKind::kDateTime);
  EXPECT_EQ(formats::KindOfNumberFormat(164, "DD.MM.YYYY"), NumberFormatKind::kDate);
  EXPECT_EQ(formats::KindOfNumberFormat(165, "[$-402]d mmmm yyyy \"г.\""), NumberFormatKind::kDate);
  EXPECT_EQ(formats::KindOfNumberFormat(166, "mmm"), NumberFormatKind::kDate);
  EXPECT_EQ(formats::KindOfNumberFormat(167, "h:mm"), NumberFormatKind::kTime);
  EXPECT_EQ(formats::KindOfNumberFormat(168, "dd.mm.yyyy hh:mm"), NumberFormatKind::kDateTime);
  EXPECT_EQ(formats::KindOfNumberFormat(169, "#,##0.00\\ \"лв.\""), NumberFormatKind::kNumber);
  EXPECT_EQ(formats::KindOfNumberFormat(170, "[Red]0.00;[Blue]-0.00"), NumberFormatKind::kNumber);
  EXPECT_EQ(formats::KindOfNumberFormat(171, "General"), NumberFormatKind::kNumber);
  EXPECT_EQ(formats::KindOfNumberFormat(172, "0\" days\""), NumberFormatKind::kNumber);
}

TEST(XlsxValues, TurnsSerialNumbersIntoIsoDates) {
  EXPECT_EQ(formats::FormatSerialDate("46112", NumberFormatKind::kDate, false), "2026-03-31");
  EXPECT_EQ(formats::FormatSerialDate("45658.75", NumberFormatKind::kDate, false), "2025-01-01");
  EXPECT_EQ(formats::FormatSerialDate("45658.75", NumberFormatKind::kDateTime, false), "2025-01-01 18:00:00");
  EXPECT_EQ(formats::FormatSerialDate("0.5", NumberFormatKind::kTime, false), "12:00:00");
  EXPECT_EQ(formats::FormatSerialDate("44196", NumberFormatKind::kDate, true), "2025-01-01");
  // Excel's 1900 calendar: day 1 is 1900-01-01, and it has a 29 February 1900.
  EXPECT_EQ(formats::FormatSerialDate("1", NumberFormatKind::kDate, false), "1900-01-01");
  EXPECT_EQ(formats::FormatSerialDate("59", NumberFormatKind::kDate, false), "1900-02-28");
  EXPECT_EQ(formats::FormatSerialDate("60", NumberFormatKind::kDate, false), "1900-02-29");
  EXPECT_EQ(formats::FormatSerialDate("61", NumberFormatKind::kDate, false), "1900-03-01");
  EXPECT_EQ(formats::FormatSerialDate("2958465", NumberFormatKind::kDate, false), "9999-12-31");
}

TEST(XlsxValues, LeavesWhatIsNotADateAlone) {
  EXPECT_FALSE(formats::FormatSerialDate("abc", NumberFormatKind::kDate, false));
  EXPECT_FALSE(formats::FormatSerialDate("-1", NumberFormatKind::kDate, false));
  EXPECT_FALSE(formats::FormatSerialDate("2958466", NumberFormatKind::kDate, false));
  EXPECT_FALSE(formats::FormatSerialDate("1e308", NumberFormatKind::kDate, false));
  EXPECT_FALSE(formats::FormatSerialDate("0", NumberFormatKind::kDate, false));
  EXPECT_FALSE(formats::FormatSerialDate("", NumberFormatKind::kDate, false));
}
