#pragma once
// Why a table could not be read or written, and where: the message is a msgid (a fixed English sentence, translated
// in po/), the row and column are data, so the caller words "row 7, column C: …" in the user's language.
// core::Error carries only a message, and a message with the numbers inside cannot be one msgid.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace formats {

struct FormatError {
  std::string message;                // safe to show; a msgid, one of the constants below
  std::optional<std::size_t> line;    // the row: the CSV line where it starts, or the sheet's row number
  std::optional<std::size_t> column;  // counting from 1 (column A is 1)
  std::string detail;                 // for the log only: what libzip or libxml2 said
};

template <typename T>
using Result = core::Result<T, FormatError>;

// For callers that only show a message: an InvalidInput error with the location in `detail`.
core::Error ToError(const FormatError& error);

// A spreadsheet's name for a column counting from 1: 1 → "A", 27 → "AA", 16384 → "XFD".
std::string ColumnName(std::size_t column);

// The messages (msgids) of FormatError.
namespace message {
// The whole file
inline constexpr std::string_view kEmpty = "The file is empty.";
inline constexpr std::string_view kNoRows = "The file contains no rows.";
inline constexpr std::string_view kTooLarge = "The file is larger than allowed.";
inline constexpr std::string_view kNotATable =
    "The file is neither CSV nor an Excel workbook (.xlsx). Save it as CSV UTF-8 or as an Excel workbook (.xlsx) "
    "and try again.";
inline constexpr std::string_view kLegacyExcel =
    "The file is an old Excel workbook (.xls) or a workbook protected with a password. Save it as an Excel workbook "
    "(.xlsx) without a password, or as CSV UTF-8, and try again.";
inline constexpr std::string_view kNotUtf8 =
    "The text is not in UTF-8. Save the file as CSV UTF-8 or as an Excel workbook (.xlsx) and try again.";
inline constexpr std::string_view kTooManyRows = "The file has more rows than allowed.";
inline constexpr std::string_view kTooManyCells = "The file has more cells than allowed.";
inline constexpr std::string_view kTooManyColumns = "The row has more columns than allowed.";
// CSV
inline constexpr std::string_view kUnclosedQuote = "A value that starts with a quote is never closed.";
inline constexpr std::string_view kTextAfterClosingQuote = "There is text after the closing quote of a value.";
inline constexpr std::string_view kQuoteInUnquotedField = "A value that does not start with a quote contains a quote.";
// XLSX
inline constexpr std::string_view kNotAWorkbook = "The file is a ZIP archive but not an Excel workbook (.xlsx).";
inline constexpr std::string_view kDamagedWorkbook = "The Excel workbook is damaged and cannot be read.";
inline constexpr std::string_view kTooManyParts = "The Excel workbook has more parts than allowed.";
inline constexpr std::string_view kUnpacksTooLarge = "The Excel workbook unpacks to more data than allowed.";
inline constexpr std::string_view kDocumentType =
    "The Excel workbook contains a document type declaration, which is not allowed.";
inline constexpr std::string_view kNoSheet = "The Excel workbook has no sheet.";
// Writing
inline constexpr std::string_view kCellTooLong =
    "The value is longer than a spreadsheet cell holds (32,767 characters).";
inline constexpr std::string_view kTooManyRowsForXlsx = "The table has more rows than a spreadsheet holds.";
inline constexpr std::string_view kTooManyColumnsForXlsx = "The table has more columns than a spreadsheet holds.";
inline constexpr std::string_view kInvalidText = "The value is not valid text.";  // not UTF-8, or a NUL
inline constexpr std::string_view kInvalidSheetName = "The sheet name is not allowed in a spreadsheet.";
inline constexpr std::string_view kWriteFailed = "The spreadsheet could not be written.";
}  // namespace message

}  // namespace formats
