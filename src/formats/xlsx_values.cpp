#include "formats/xlsx_values.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cmath>

#include "core/text.hpp"

namespace formats {
namespace {

// The code unit of an "_xHHHH_" sequence at `position`, if one starts there.
std::optional<char32_t> XstringUnitAt(std::string_view text, std::size_t position) {
  if (text.size() - position < 7 || text.compare(position, 2, "_x") != 0 || text[position + 6] != '_') {
    return std::nullopt;
  }
  unsigned unit = 0;
  const char* begin = text.data() + position + 2;
  const auto [end, error] = std::from_chars(begin, begin + 4, unit, 16);
  if (error != std::errc{} || end != begin + 4) return std::nullopt;
  return static_cast<char32_t>(unit);
}

bool IsHighSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
bool IsLowSurrogate(char32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

// The letters of a custom number format that show something, without quoted text ("лв."), bracketed parts
// ([Red], [$-402], [h]), escaped characters (\x) and spacing/fill characters (_x, *x), in lower case.
std::string ShownLetters(std::string_view code) {
  std::string letters;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      letters += static_cast<char>(c | 0x20);
    }
  }
  return letters;
}

std::string FormatDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day date{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string FormatTime(long long seconds) {
  return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

}  // namespace

std::optional<std::size_t> ColumnOfReference(std::string_view reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = std::min(column * 26 + static_cast<std::size_t>(reference[i] - 'A' + 1), kXlsxMaxColumns + 1);
  }
  if (i == 0) return std::nullopt;
  return column;
}

std::string DecodeXstring(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::optional<char32_t> unit = XstringUnitAt(text, i);
    if (!unit) {
      out += text[i++];
      continue;
    }
    i += 7;
    char32_t c = *unit;
    if (IsHighSurrogate(c)) {
      const std::optional<char32_t> low = XstringUnitAt(text, i);
      if (low && IsLowSurrogate(*low)) {
        c = 0x10000 + ((c - 0xD800) << 10) + (*low - 0xDC00);
        i += 7;
      } else {
        c = U'\uFFFD';
      }
    } else if (IsLowSurrogate(c)) {
      c = U'\uFFFD';
    }
    if (c != 0) core::AppendUtf8(out, c);  // a NUL is no text; nothing we write holds one
  }
  return out;
}

std::string EscapeXstringLiterals(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 7);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (XstringUnitAt(text, i)) out += "_x005F";  // the escaped '_' starts the literal sequence
    out += text[i];
  }
  return out;
}

NumberFormatKind KindOfNumberFormat(int format_id, std::optional<std::string_view> custom_code) {
  if (!custom_code) {
    if (format_id >= 14 && format_id <= 17) return NumberFormatKind::kDate;
    if (format_id >= 18 && format_id <= 21) return NumberFormatKind::kTime;
    if (format_id == 22) return NumberFormatKind::kDateTime;
    return NumberFormatKind::kNumber;
  }
  const std::string letters = ShownLetters(*custom_code);
  const bool time = letters.find_first_of("hs") != std::string::npos;
  // "m" is minutes next to h or s, months otherwise.
  const bool date =
      letters.find_first_of("dy") != std::string::npos || (!time && letters.find('m') != std::string::npos);
  if (date && time) return NumberFormatKind::kDateTime;
  if (date) return NumberFormatKind::kDate;
  if (time) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

std::optional<std::string> FormatSerialDate(std::string_view value, NumberFormatKind kind, bool date1904) {
  double serial = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), serial);
  if (error != std::errc{} || end != value.data() + value.size() || !std::isfinite(serial)) return std::nullopt;
  constexpr double kLastSerial = 2'958'466;  // 10000-01-01 in the 1900 system
  if (serial < 0 || serial >= kLastSerial) return std::nullopt;
  const long long total_seconds = std::llround(serial * 86400.0);
  const long long days = total_seconds / 86400;
  const long long seconds = total_seconds % 86400;
  if (kind == NumberFormatKind::kTime) return FormatTime(seconds);

  using namespace std::chrono;
  std::string date;
  if (date1904) {
    date = FormatDate(sys_days{year{1904} / 1 / 1} + std::chrono::days{days});
  } else if (days == 0) {
    return std::nullopt;  // Excel shows "1900-01-00": no date
  } else if (days == 60) {
    date = "1900-02-29";  // Excel counts 1900 as a leap year (a Lotus 1-2-3 bug kept for compatibility)
  } else {
    const sys_days epoch = days < 60 ? sys_days{year{1899} / 12 / 31} : sys_days{year{1899} / 12 / 30};
    date = FormatDate(epoch + std::chrono::days{days});
  }
  if (kind == NumberFormatKind::kDateTime) return date + " " + FormatTime(seconds);
  return date;
}

}  // namespace formats
