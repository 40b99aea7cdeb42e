// WriteXlsx and WriteXlsxSheets (declared in table.hpp): workbooks through libxlsxwriter, which in this version writes
// only to a file, so the workbook goes through a private temporary file that is always removed.

#include <stdlib.h>  // mkstemps
#include <unistd.h>  // close
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

// g++ says it builds with AddressSanitizer by __SANITIZE_ADDRESS__, clang 14 by __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define KHETANE_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KHETANE_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(KHETANE_ADDRESS_SANITIZER)
#include <sanitizer/lsan_interface.h>
#endif

#include "core/text.hpp"
#include "formats/table.hpp"
#include "formats/xlsx_values.hpp"

namespace formats {
namespace {

FormatError Failure(std::string_view message, std::optional<std::size_t> line = {},
                    std::optional<std::size_t> column = {}, std::string detail = {}) {
  return {.message = std::string(message), .line = line, .column = column, .detail = std::move(detail)};
}

struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};

// A new empty file only this process can read (mkstemps: 0600, a unique name), removed when it goes out of scope.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error) return;
    std::string pattern = (directory / "khetane-XXXXXX.xlsx").string();
    const int descriptor = mkstemps(pattern.data(), 5);
    if (descriptor < 0) return;
    close(descriptor);
    path_ = std::move(pattern);
  }
  ~TemporaryFile() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }  // empty when the file could not be made

 private:
  std::string path_;
};

std::size_t LongestLine(std::string_view text) {
  std::size_t longest = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, core::CountCharacters(text.substr(start, end - start)));
    start = end + 1;
  }
  return longest;
}

// The number `text` stands for, when writing that number gives `text` back: plain decimal notation with at most 15
// significant digits (which every double keeps) as "%.16G" prints it, which is how libxlsxwriter writes numbers.
std::optional<double> ExactNumber(const std::string& text) {
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(number)) return std::nullopt;
  char printed[32];
  std::snprintf(printed, sizeof printed, "%.16G", number);
  const auto digits = std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (text != printed || text.find('E') != std::string::npos || digits > 15) return std::nullopt;
  return number;
}

std::optional<FormatError> CheckCells(const std::vector<std::vector<std::string>>& rows) {
  if (rows.size() > kXlsxMaxRows) return Failure(message::kTooManyRowsForXlsx);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() > kXlsxMaxColumns) return Failure(message::kTooManyColumnsForXlsx, r + 1);
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& value = rows[r][c];
      if (!core::IsStorableText(value)) {
        return Failure(message::kInvalidText, r + 1, c + 1);
      }
      if (core::CountCharacters(value) > kXlsxMaxCellCharacters) return Failure(message::kCellTooLong, r + 1, c + 1);
    }
  }
  return std::nullopt;
}

// The formats a sheet uses; they belong to the workbook. Excel shows the line breaks inside a cell only when it wraps
// text.
struct SheetFormats {
  lxw_format* header = nullptr;
  lxw_format* wrapped_header = nullptr;
  lxw_format* wrapped = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* amount = nullptr;
  lxw_format* decimal = nullptr;
  lxw_format* date = nullptr;
};

XlsxCell CellKindOf(const XlsxOptions& options, std::size_t column) {
  for (const auto& [each, kind] : options.cells) {
    if (each == column) return kind;
  }
  return XlsxCell::kText;
}

// A plain decimal number ("-12000.5", "3"): digits, one optional point, an optional minus; nothing else.
std::optional<double> DecimalNumber(const std::string& text, bool whole) {
  std::size_t digits = 0, points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.' && !whole) {
      ++points;
    } else if (!(c == '-' && i == 0)) {
      return std::nullopt;
    }
  }
  // More digits than a double keeps would not come back as written.
  if (digits == 0 || digits > 15 || points > 1 || text.back() == '.') return std::nullopt;
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(number)) return std::nullopt;
  return number;
}

// "2026-03-31" as a date of the 1900 date system, which Excel and LibreOffice read.
std::optional<lxw_datetime> IsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const auto number = [&](std::size_t from, std::size_t length, auto& out) {
    const auto [end, error] = std::from_chars(text.data() + from, text.data() + from + length, out);
    return error == std::errc{} && end == text.data() + from + length;
  };
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok() || year < 1900) return std::nullopt;
  return lxw_datetime{year, static_cast<int>(month), static_cast<int>(day), 0, 0, 0};
}

// Writes a value that is not text as its kind asks, when it is one; LXW_ERROR_PARAMETER_VALIDATION otherwise.
lxw_error WriteTyped(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& value, XlsxCell kind,
                     const SheetFormats& formats) {
  switch (kind) {
    case XlsxCell::kText:
      break;
    case XlsxCell::kInteger:
    case XlsxCell::kAmount:
    case XlsxCell::kDecimal:
      if (const auto number = DecimalNumber(value, kind == XlsxCell::kInteger)) {
        lxw_format* format = kind == XlsxCell::kInteger  ? formats.integer
                             : kind == XlsxCell::kAmount ? formats.amount
                                                         : formats.decimal;
        return worksheet_write_number(sheet, row, column, *number, format);
      }
      break;
    case XlsxCell::kDate:
      if (auto date = IsoDate(value)) return worksheet_write_datetime(sheet, row, column, &*date, formats.date);
      break;
  }
  return LXW_ERROR_PARAMETER_VALIDATION;
}

std::optional<FormatError> WriteSheet(lxw_workbook* workbook, const SheetFormats& formats,
                                      const std::vector<std::vector<std::string>>& rows, const XlsxOptions& options) {
  if (options.sheet_name.empty() ||
      workbook_validate_sheet_name(workbook, options.sheet_name.c_str()) != LXW_NO_ERROR) {
    return Failure(message::kInvalidSheetName);
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, options.sheet_name.c_str());
  if (sheet == nullptr) return Failure(message::kInvalidSheetName);

  std::vector<std::size_t> widths;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r);
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& value = rows[r][c];
      const auto column = static_cast<lxw_col_t>(c);
      if (widths.size() <= c) widths.resize(c + 1, 0);
      widths[c] = std::max(widths[c], LongestLine(value));
      const bool multiline = value.find('\n') != std::string::npos;
      lxw_format* format =
          r == 0 ? (multiline ? formats.wrapped_header : formats.header) : (multiline ? formats.wrapped : nullptr);
      if (value.empty()) {
        if (r == 0) worksheet_write_blank(sheet, row, column, formats.header);
        continue;
      }
      if (r > 0 && !multiline) {
        const XlsxCell kind = CellKindOf(options, c);
        if (kind != XlsxCell::kText && WriteTyped(sheet, row, column, value, kind, formats) == LXW_NO_ERROR) continue;
      }
      const bool numeric = r > 0 && std::find(options.numeric_columns.begin(), options.numeric_columns.end(), c) !=
                                        options.numeric_columns.end();
      const std::optional<double> number = numeric ? ExactNumber(value) : std::nullopt;
      const lxw_error written =
          number ? worksheet_write_number(sheet, row, column, *number, format)
                 : worksheet_write_string(sheet, row, column, EscapeXstringLiterals(value).c_str(), format);
      if (written == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) return Failure(message::kCellTooLong, r + 1, c + 1);
      if (written != LXW_NO_ERROR) return Failure(message::kWriteFailed, r + 1, c + 1, lxw_strerror(written));
    }
  }
  constexpr std::size_t kNarrowest = 8;
  constexpr std::size_t kWidest = 60;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const double width = static_cast<double>(std::clamp(widths[c] + 2, kNarrowest, kWidest));
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  if (!rows.empty()) worksheet_freeze_panes(sheet, 1, 0);
  for (const XlsxList& list : options.lists) {
    std::string formula = "=" + list.range;
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_type = list.only_listed ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
    const auto column = static_cast<lxw_col_t>(list.column);
    lxw_error added = LXW_NO_ERROR;
    {
#if defined(KHETANE_ADDRESS_SANITIZER)
      // FIXME: libxlsxwriter 1.1.4 never frees one copy it makes of a list validation's formula (a few dozen bytes a
      // workbook; it frees the others in workbook_close). Until Debian ships a version that does, the leak checker is
      // told to look away from it, and only from it.
      const __lsan::ScopedDisabler leaked_by_libxlsxwriter;
#endif
      added = worksheet_data_validation_range(sheet, 1, column, LXW_ROW_MAX - 1, column, &validation);
    }
    if (added != LXW_NO_ERROR) return Failure(message::kWriteFailed, {}, list.column + 1, lxw_strerror(added));
  }
  if (options.hidden) worksheet_hide(sheet);
  return std::nullopt;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<std::vector<std::string>>& rows, const XlsxOptions& options) {
  return WriteXlsxSheets({{&rows, options}});
}

Result<std::string> WriteXlsxSheets(const std::vector<XlsxSheet>& sheets) {
  for (const XlsxSheet& sheet : sheets) {
    if (auto failure = CheckCells(*sheet.rows)) return *failure;
  }
  TemporaryFile file;
  if (file.path().empty()) return Failure(message::kWriteFailed, {}, {}, "cannot create a temporary file");

  std::unique_ptr<lxw_workbook, WorkbookFree> workbook(workbook_new(file.path().c_str()));
  if (!workbook) return Failure(message::kWriteFailed, {}, {}, "workbook_new failed");
  SheetFormats formats{workbook_add_format(workbook.get()), workbook_add_format(workbook.get()),
                       workbook_add_format(workbook.get()), workbook_add_format(workbook.get()),
                       workbook_add_format(workbook.get()), workbook_add_format(workbook.get()),
                       workbook_add_format(workbook.get())};
  // Number formats are stored as in en-US and shown in the reader's locale: "48 000,50" in Bulgarian Excel.
  format_set_num_format(formats.integer, "0");
  format_set_num_format(formats.amount, "#,##0.00");
  format_set_num_format(formats.decimal, "0.00");
  format_set_num_format(formats.date, "dd.mm.yyyy");
  format_set_bold(formats.header);
  format_set_bold(formats.wrapped_header);
  format_set_text_wrap(formats.wrapped_header);
  format_set_text_wrap(formats.wrapped);
  for (const XlsxSheet& sheet : sheets) {
    if (auto failure = WriteSheet(workbook.get(), formats, *sheet.rows, sheet.options)) return *failure;
  }

  const lxw_error closed = workbook_close(workbook.release());  // frees the workbook whatever happens
  if (closed != LXW_NO_ERROR) return Failure(message::kWriteFailed, {}, {}, lxw_strerror(closed));
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) return Failure(message::kWriteFailed, {}, {}, "cannot read the written workbook back");
  return bytes;
}

}  // namespace formats
