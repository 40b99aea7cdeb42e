#include "formats/xlsx_reader.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "formats/xlsx_values.hpp"
#include "formats/xml_stream.hpp"
#include "formats/zip_reader.hpp"

namespace formats {
namespace {

// The parts of a workbook (ECMA-376 Part 1, §12.3): xl/workbook.xml names the sheets, and its relationships
// (xl/_rels/workbook.xml.rels) say where each sheet, the shared strings and the styles are.
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelationshipsPart = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kSharedStringsType = "/sharedStrings";
constexpr std::string_view kStylesType = "/styles";

FormatError Failure(std::string_view message, std::optional<std::size_t> line = {},
                    std::optional<std::size_t> column = {}, std::string detail = {}) {
  return {.message = std::string(message), .line = line, .column = column, .detail = std::move(detail)};
}

FormatError Damaged(std::string detail) { return Failure(message::kDamagedWorkbook, {}, {}, std::move(detail)); }

std::optional<std::string_view> Attribute(std::span<const XmlAttribute> attributes, std::string_view name) {
  for (const XmlAttribute& attribute : attributes) {
    if (attribute.name == name) return attribute.value;
  }
  return std::nullopt;
}

template <typename Number>
std::optional<Number> ParseNumber(std::string_view text) {
  Number number{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// A relationship's target is relative to the folder of the part that holds it (xl/), or absolute from the root.
std::string ResolveTarget(std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1)) : "xl/" + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t end = std::min(joined.find('/', start), joined.size());
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string path;
  for (const std::string& segment : segments) path += (path.empty() ? "" : "/") + segment;
  return path;
}

class WorkbookHandler : public XmlHandler {
 public:
  std::optional<std::string> first_sheet_relationship;
  bool date1904 = false;

  void StartElement(std::string_view name, std::span<const XmlAttribute> attributes) override {
    if (name == "sheet" && !first_sheet_relationship) {
      if (const auto id = Attribute(attributes, "id")) first_sheet_relationship = std::string(*id);
    } else if (name == "workbookPr") {
      const auto value = Attribute(attributes, "date1904");
      date1904 = value == "1" || value == "true";
    }
  }
  void EndElement(std::string_view) override {}
  void Text(std::string_view) override {}
};

class RelationshipsHandler : public XmlHandler {
 public:
  struct Relationship {
    std::string id;
    std::string type;
    std::string target;
  };
  std::vector<Relationship> relationships;

  void StartElement(std::string_view name, std::span<const XmlAttribute> attributes) override {
    if (name != "Relationship" || Attribute(attributes, "TargetMode") == "External") return;
    relationships.push_back({std::string(Attribute(attributes, "Id").value_or("")),
                             std::string(Attribute(attributes, "Type").value_or("")),
                             ResolveTarget(Attribute(attributes, "Target").value_or(""))});
  }
  void EndElement(std::string_view) override {}
  void Text(std::string_view) override {}

  std::optional<std::string> TargetOf(std::string_view id) const {
    for (const Relationship& relationship : relationships) {
      if (relationship.id == id) return relationship.target;
    }
    return std::nullopt;
  }
  std::optional<std::string> TargetOfType(std::string_view type_suffix) const {
    for (const Relationship& relationship : relationships) {
      if (relationship.type.ends_with(type_suffix)) return relationship.target;
    }
    return std::nullopt;
  }
};

// xl/styles.xml (§18.8): what each cell style's number format shows, to tell dates from numbers.
class StylesHandler : public XmlHandler {
 public:
  std::vector<NumberFormatKind> KindsOfCellStyles() const {
    std::vector<NumberFormatKind> kinds;
    kinds.reserve(cell_format_ids_.size());
    for (const int id : cell_format_ids_) {
      const auto custom = custom_formats_.find(id);
      kinds.push_back(KindOfNumberFormat(
          id, custom == custom_formats_.end() ? std::nullopt : std::optional<std::string_view>(custom->second)));
    }
    return kinds;
  }

  void StartElement(std::string_view name, std::span<const XmlAttribute> attributes) override {
    if (name == "numFmt" && custom_formats_.size() < kMaxFormats) {
      const auto id = ParseNumber<int>(Attribute(attributes, "numFmtId").value_or(""));
      if (id) custom_formats_[*id] = std::string(Attribute(attributes, "formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_ && cell_format_ids_.size() < kMaxFormats) {
      cell_format_ids_.push_back(ParseNumber<int>(Attribute(attributes, "numFmtId").value_or("0")).value_or(0));
    }
  }
  void EndElement(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }
  void Text(std::string_view) override {}

 private:
  static constexpr std::size_t kMaxFormats = 65'536;  // Excel holds 64,000; cells with more get no date
  std::map<int, std::string> custom_formats_;
  std::vector<int> cell_format_ids_;  // the numFmtId of each <xf> in <cellXfs>, which a cell's s="N" indexes
  bool in_cell_formats_ = false;
};

// The text of a string item (§18.4.8): one <t>, or rich-text runs <r><t>…</t></r> joined; phonetic runs (<rPh>)
// are a reading aid, not the text.
class StringItemText {
 public:
  void Start(std::string_view name) {
    if (name == "rPh") ++phonetic_depth_;
    if (name == "t" && phonetic_depth_ == 0) in_text_ = true;
  }
  void End(std::string_view name) {
    if (name == "rPh" && phonetic_depth_ > 0) --phonetic_depth_;
    if (name == "t") in_text_ = false;
  }
  void Text(std::string_view text) {
    if (in_text_) text_ += text;
  }
  std::string Take() {
    std::string decoded = DecodeXstring(text_);
    text_.clear();
    return decoded;
  }

 private:
  std::string text_;
  int phonetic_depth_ = 0;
  bool in_text_ = false;
};

class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(std::size_t max_strings) : max_strings_(max_strings) {}
  std::vector<std::string> strings;

  void StartElement(std::string_view name, std::span<const XmlAttribute>) override { item_.Start(name); }
  void EndElement(std::string_view name) override {
    item_.End(name);
    if (name != "si") return;
    strings.push_back(item_.Take());
    if (strings.size() > max_strings_) failure = Failure(message::kTooManyCells);
  }
  void Text(std::string_view text) override { item_.Text(text); }

 private:
  std::size_t max_strings_;
  StringItemText item_;
};

// <sheetData> (§18.3.1.80): <row r="7"><c r="C7" t="s" s="1"><v>…</v></c>…</row>.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const ReadLimits& limits, const std::vector<std::string>& shared_strings,
               const std::vector<NumberFormatKind>& style_kinds, bool date1904)
      : limits_(limits), shared_strings_(shared_strings), style_kinds_(style_kinds), date1904_(date1904) {}

  std::vector<core::CsvRow> rows;

  void StartElement(std::string_view name, std::span<const XmlAttribute> attributes) override {
    if (name == "row") {
      StartRow(attributes);
    } else if (name == "c" && in_row_) {
      StartCell(attributes);
    } else if (in_cell_) {
      if (name == "v") in_value_ = true;
      if (name == "is") in_inline_string_ = true;
      if (in_inline_string_) inline_string_.Start(name);
    }
  }

  void EndElement(std::string_view name) override {
    if (name == "row" && in_row_) {
      EndRow();
    } else if (name == "c" && in_cell_) {
      EndCell();
    } else if (in_cell_) {
      if (name == "v") in_value_ = false;
      if (name == "is") in_inline_string_ = false;
      if (in_inline_string_) inline_string_.End(name);
    }
  }

  void Text(std::string_view text) override {
    if (in_value_) value_ += text;
    if (in_inline_string_) inline_string_.Text(text);
  }

 private:
  void StartRow(std::span<const XmlAttribute> attributes) {
    const auto number = Attribute(attributes, "r");
    const std::optional<std::size_t> parsed = number ? ParseNumber<std::size_t>(*number) : row_number_ + 1;
    if (!parsed || *parsed == 0) {
      failure = Damaged("a row number is not a number");
      return;
    }
    row_number_ = *parsed;
    fields_.clear();
    next_column_ = 1;
    in_row_ = true;
  }

  void StartCell(std::span<const XmlAttribute> attributes) {
    const auto reference = Attribute(attributes, "r");
    column_ = next_column_;
    if (reference) {
      const auto column = ColumnOfReference(*reference);
      if (!column) {
        failure = Failure(message::kDamagedWorkbook, row_number_, std::nullopt, "a cell reference has no column");
        return;
      }
      column_ = *column;
    }
    if (column_ > limits_.max_columns) {
      failure = Failure(message::kTooManyColumns, row_number_, column_);
      return;
    }
    type_ = std::string(Attribute(attributes, "t").value_or("n"));
    style_ = ParseNumber<std::size_t>(Attribute(attributes, "s").value_or("0")).value_or(0);
    value_.clear();
    inline_string_ = {};
    in_cell_ = true;
  }

  void EndCell() {
    in_cell_ = in_value_ = in_inline_string_ = false;
    next_column_ = column_ + 1;
    std::optional<std::string> value = CellValue();
    if (!value) {
      failure = Failure(message::kDamagedWorkbook, row_number_, column_, "a shared string index is out of range");
      return;
    }
    if (value->empty()) return;  // the same as no cell
    if (column_ > fields_.size()) {
      cells_ += column_ - fields_.size();
      if (cells_ > limits_.max_cells) {
        failure = Failure(message::kTooManyCells, row_number_);
        return;
      }
      fields_.resize(column_);
    }
    fields_[column_ - 1] = std::move(*value);
  }

  // The value as the file stores it (§18.18.11, ST_CellType), dates as the cell's style shows them.
  std::optional<std::string> CellValue() {
    if (type_ == "s") {
      if (value_.empty()) return std::string();
      const auto index = ParseNumber<std::size_t>(value_);
      if (!index || *index >= shared_strings_.size()) return std::nullopt;
      return shared_strings_[*index];
    }
    if (type_ == "inlineStr") return inline_string_.Take();
    if (type_ == "str") return DecodeXstring(value_);
    if (type_ == "b") return value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    if (type_ == "n" && style_ < style_kinds_.size() && style_kinds_[style_] != NumberFormatKind::kNumber) {
      if (auto date = FormatSerialDate(value_, style_kinds_[style_], date1904_)) return date;
    }
    return value_;  // numbers exactly as written ("1500.5"), errors ("#DIV/0!"), ISO dates (t="d")
  }

  void EndRow() {
    in_row_ = false;
    if (fields_.empty()) return;
    if (rows.size() == limits_.max_rows) {
      failure = Failure(message::kTooManyRows, row_number_);
      return;
    }
    rows.push_back({row_number_, std::move(fields_)});
    fields_ = {};
  }

  const ReadLimits& limits_;
  const std::vector<std::string>& shared_strings_;
  const std::vector<NumberFormatKind>& style_kinds_;
  const bool date1904_;

  std::size_t row_number_ = 0;
  std::vector<std::string> fields_;
  std::size_t cells_ = 0;
  bool in_row_ = false;

  std::size_t column_ = 0;
  std::size_t next_column_ = 1;
  std::string type_;
  std::size_t style_ = 0;
  std::string value_;
  StringItemText inline_string_;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_string_ = false;
};

std::optional<FormatError> ReadPart(ZipReader& zip, std::string_view name, XmlHandler& handler) {
  XmlStream stream(handler);
  if (auto failure = zip.Read(name, [&](std::string_view chunk) { return stream.Feed(chunk); })) return failure;
  auto failure = stream.Finish();
  if (failure && failure->line == std::nullopt && !failure->detail.empty()) {
    failure->detail = std::string(name) + ": " + failure->detail;
  }
  return failure;
}

}  // namespace

Result<std::vector<core::CsvRow>> ReadXlsxRows(std::string_view bytes, const ReadLimits& limits) {
  auto zip = ZipReader::Open(
      bytes, {.max_entries = limits.max_zip_entries, .max_unpacked_bytes = limits.max_uncompressed_bytes});
  if (!zip) return zip.error();
  if (!zip->Contains(kWorkbookPart)) return Failure(message::kNotAWorkbook);

  WorkbookHandler workbook;
  if (auto failure = ReadPart(*zip, kWorkbookPart, workbook)) return *failure;
  if (!workbook.first_sheet_relationship) return Failure(message::kNoSheet);
  RelationshipsHandler relationships;
  if (auto failure = ReadPart(*zip, kWorkbookRelationshipsPart, relationships)) return *failure;
  const auto sheet = relationships.TargetOf(*workbook.first_sheet_relationship);
  if (!sheet || !zip->Contains(*sheet)) return Failure(message::kNoSheet);

  std::vector<NumberFormatKind> style_kinds;
  if (const auto styles_part = relationships.TargetOfType(kStylesType); styles_part && zip->Contains(*styles_part)) {
    StylesHandler styles;
    if (auto failure = ReadPart(*zip, *styles_part, styles)) return *failure;
    style_kinds = styles.KindsOfCellStyles();
  }
  SharedStringsHandler shared_strings(limits.max_cells);
  if (const auto strings_part = relationships.TargetOfType(kSharedStringsType);
      strings_part && zip->Contains(*strings_part)) {
    if (auto failure = ReadPart(*zip, *strings_part, shared_strings)) return *failure;
  }

  SheetHandler sheet_handler(limits, shared_strings.strings, style_kinds, workbook.date1904);
  if (auto failure = ReadPart(*zip, *sheet, sheet_handler)) return *failure;
  return std::move(sheet_handler.rows);
}

}  // namespace formats
