#pragma once
// How SpreadsheetML (ECMA-376 Part 1, §18) stores values: cell references, escaped characters, dates as numbers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace formats {

inline constexpr std::size_t kXlsxMaxRows = 1'048'576;
inline constexpr std::size_t kXlsxMaxColumns = 16'384;  // XFD
inline constexpr std::size_t kXlsxMaxCellCharacters = 32'767;

// The column of a cell reference, counting from 1: "C7" → 3. Saturates at kXlsxMaxColumns + 1 for references
// beyond XFD; nullopt when the reference does not start with letters.
std::optional<std::size_t> ColumnOfReference(std::string_view reference);

// ST_Xstring (§22.9.2.19): "_xHHHH_" stands for the UTF-16 code unit HHHH (Excel writes a carriage return as
// "_x000D_"), so a literal "_x0041_" is written "_x005F_x0041_".
std::string DecodeXstring(std::string_view text);
// Escapes the literal "_xHHHH_" sequences in `text` so that DecodeXstring gives `text` back. Control characters are
// left to the writer (libxlsxwriter escapes them).
std::string EscapeXstringLiterals(std::string_view text);

enum class NumberFormatKind { kNumber, kDate, kDateTime, kTime };

// What a number format shows: built-in ids 14–17 are dates, 18–21 times, 22 a date and time (§18.8.30);
// a custom format code with d or y (or m without h or s) outside quotes and brackets shows a date.
NumberFormatKind KindOfNumberFormat(int format_id, std::optional<std::string_view> custom_code);

// The date a serial number stands for, as the cell shows it: "2026-03-01", "2026-03-01 14:30:00" or "14:30:00".
// nullopt when `value` is not a number of a representable date (negative, past 9999-12-31).
std::optional<std::string> FormatSerialDate(std::string_view value, NumberFormatKind kind, bool date1904);

}  // namespace formats
