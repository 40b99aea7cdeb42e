#pragma once
// Checks on tables read by formats::ReadTable: their values and line numbers, and refusals.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/table.hpp"
#include "formats/zip_reader.hpp"

namespace test_support {

using Rows = std::vector<std::vector<std::string>>;

// One part of an XLSX workbook as text ("xl/worksheets/sheet1.xml"), or "" when there is no such part.
inline std::string XlsxPart(const std::string& xlsx, std::string_view name) {
  auto zip = formats::ZipReader::Open(xlsx, {});
  if (!zip) return {};
  std::string content;
  const auto failure = zip->Read(name, [&](std::string_view chunk) {
    content += chunk;
    return true;
  });
  return failure ? std::string() : content;
}

inline Rows Values(const formats::Table& table) {
  Rows rows;
  for (const core::CsvRow& row : table.rows) rows.push_back(row.fields);
  return rows;
}

inline std::vector<std::size_t> Lines(const formats::Table& table) {
  std::vector<std::size_t> lines;
  for (const core::CsvRow& row : table.rows) lines.push_back(row.line);
  return lines;
}

// The default limits with one of them changed: WithLimit(&formats::ReadLimits::max_rows, 3).
inline formats::ReadLimits WithLimit(std::size_t formats::ReadLimits::*limit, std::size_t value) {
  formats::ReadLimits limits;
  limits.*limit = value;
  return limits;
}

inline void ExpectRefused(const formats::Result<formats::Table>& table, std::string_view message,
                          std::optional<std::size_t> line = std::nullopt,
                          std::optional<std::size_t> column = std::nullopt) {
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, message) << table.error().detail;
  EXPECT_EQ(table.error().line, line);
  EXPECT_EQ(table.error().column, column);
}

}  // namespace test_support
