#include "web/list_formats.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "formats/table.hpp"

namespace web {

using nlohmann::json;

namespace {

// The weight an Accept header gives a media type (1000 for q=1, 0 when absent), by its exact name or a wildcard.
int WeightOf(std::string_view accept, std::string_view type) {
  int best = 0;
  std::size_t start = 0;
  while (start <= accept.size()) {
    const std::size_t end = std::min(accept.find(',', start), accept.size());
    std::string_view element = accept.substr(start, end - start);
    start = end + 1;
    const std::size_t semicolon = element.find(';');
    std::string_view name = element.substr(0, semicolon);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != type) continue;
    int weight = 1000;
    if (semicolon != std::string_view::npos) {
      const std::size_t q = element.find("q=", semicolon);
      if (q != std::string_view::npos) {
        double value = 0;
        const std::string_view number = element.substr(q + 2);
        const auto [end_of_number, error] = std::from_chars(number.data(), number.data() + number.size(), value);
        weight = error == std::errc() && value >= 0 && value <= 1 ? static_cast<int>(value * 1000) : 0;
      }
    }
    best = std::max(best, weight);
  }
  return best;
}

void Flatten(const json& value, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) Flatten(member, prefix.empty() ? key : prefix + "." + key, out);
    return;
  }
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (value.is_null()) {
    text = "";
  } else if (value.is_array()) {
    const bool plain = std::all_of(value.begin(), value.end(), [](const json& each) { return each.is_primitive(); });
    if (plain) {
      for (const json& each : value) {
        if (!text.empty()) text += "; ";
        text += each.is_string() ? each.get<std::string>() : each.dump();
      }
    } else {
      text = value.dump();
    }
  } else {
    text = value.dump();
  }
  out.emplace_back(prefix, std::move(text));
}

std::optional<std::size_t> WholeNumber(const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The address of the page from `offset` on: the request's own, its offset replaced.
std::string NextPage(const http::Request& request, std::size_t offset) {
  std::string query;
  for (const auto& [name, value] : http::ParseQueryString(request.query_string)) {
    if (name == "offset") continue;
    query += http::PercentEncode(name) + "=" + http::PercentEncode(value) + "&";
  }
  return request.path + "?" + query + "offset=" + std::to_string(offset);
}

// Whether the request asks for the list as `format` (?format=…), or for `type` above JSON in its Accept header.
bool AsksFor(const http::Request& request, std::string_view format, std::string_view type) {
  if (request.query_string.find("format=") != std::string::npos) {
    if (const auto asked = request.Query("format")) return *asked == format;
  }
  const auto accept = request.Header("accept");
  if (!accept || accept->find(type) == std::string_view::npos) return false;
  return WeightOf(*accept, type) > WeightOf(*accept, "application/json");
}

}  // namespace

bool AsksForCsv(const http::Request& request) { return AsksFor(request, "csv", "text/csv"); }

bool AsksForXlsx(const http::Request& request) { return AsksFor(request, "xlsx", kXlsxType); }

std::vector<std::vector<std::string>> TableOfList(const json& list) {
  std::vector<std::string> header;
  std::map<std::string, std::size_t, std::less<>> column_of;
  std::vector<std::vector<std::pair<std::string, std::string>>> flat;
  flat.reserve(list.size());
  for (const json& row : list) {
    auto& fields = flat.emplace_back();
    Flatten(row, "", fields);
    for (const auto& [name, value] : fields) {
      if (column_of.emplace(name, header.size()).second) header.push_back(name);
    }
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(flat.size() + 1);
  rows.push_back(header);
  for (auto& fields : flat) {
    std::vector<std::string> row(header.size());
    for (auto& [name, value] : fields) row[column_of.find(name)->second] = std::move(value);
    rows.push_back(std::move(row));
  }
  if (header.empty()) rows.front().push_back("");  // an empty list is still a file with a (blank) header
  return rows;
}

core::Result<Page> PageOf(const http::Request& request) {
  Page page;
  std::vector<core::FieldProblem> problems;
  if (const auto limit = request.Query("limit")) {
    const auto value = WholeNumber(*limit);
    if (!value || *value < 1 || *value > kMaxPageSize) {
      problems.push_back({"limit", "The limit is a whole number from 1 to 10000.", *limit});
    } else {
      page.limit = *value;
    }
  }
  if (const auto offset = request.Query("offset")) {
    const auto value = WholeNumber(*offset);
    if (!value) {
      problems.push_back({"offset", "The offset is a whole number, 0 or more.", *offset});
    } else {
      page.offset = *value;
    }
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return page;
}

core::Result<bool> ShapeList(const http::Request& request, http::Response& response) {
  if (response.status != 200 || response.list_member.empty()) return false;
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains(response.list_member) || !body[response.list_member].is_array()) {
    return false;
  }
  json& list = body[response.list_member];
  // A list that pages itself says how many there are in all, and holds fewer (the places' lists).
  const bool pages_itself = body.contains("total") && body["total"].is_number() && body["total"] != list.size();
  if (!pages_itself) {
    auto page = PageOf(request);
    if (!page) return page.error();
    const std::size_t total = list.size();
    const std::size_t from = std::min(page->offset, total);
    const std::size_t to = std::min(total, from + page->limit);
    list = json(json::array_t(std::make_move_iterator(list.begin() + static_cast<std::ptrdiff_t>(from)),
                              std::make_move_iterator(list.begin() + static_cast<std::ptrdiff_t>(to))));
    body["total"] = total;
    body["limit"] = page->limit;
    body["offset"] = from;
    body["next"] = to < total ? json(NextPage(request, to)) : json(nullptr);
  }
  response.SetHeader("Vary", "Cookie, Accept-Language, Accept");
  const bool csv = AsksForCsv(request);
  if (!csv && !AsksForXlsx(request)) {
    response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return true;
  }
  std::string name = request.path;
  if (name.starts_with("/api/v1/")) name.erase(0, 8);
  for (char& c : name) {
    if (c == '/') c = '-';
  }
  if (csv) {
    response.body = formats::WriteCsv(TableOfList(list));
    response.SetHeader("Content-Type", "text/csv; charset=utf-8");
    response.SetHeader("Content-Disposition", "attachment; filename=\"khetane-" + name + ".csv\"");
    return true;
  }
  formats::XlsxOptions options;
  options.sheet_name = "Khetane";
  auto workbook = formats::WriteXlsx(TableOfList(list), options);
  if (!workbook)
    return core::Error::InvalidInput("The list cannot be written as a spreadsheet: " + workbook.error().message);
  response.body = std::move(*workbook);
  response.SetHeader("Content-Type", std::string(kXlsxType));
  response.SetHeader("Content-Disposition", "attachment; filename=\"khetane-" + name + ".xlsx\"");
  return true;
}

}  // namespace web
