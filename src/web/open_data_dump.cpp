#include "web/open_data_dump.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "formats/table.hpp"
#include "formats/zip_writer.hpp"
#include "web/list_formats.hpp"

namespace web {

using nlohmann::json;

std::vector<std::string> PublicListPaths(const http::Router& router) {
  std::vector<std::string> paths;
  for (const http::Router::Route* route : router.routes()) {
    if (route->method != http::Method::kGet || !route->pattern.starts_with("/api/v1/")) continue;
    if (route->access.kind != core::Access::Kind::kAnyone || route->pattern.find('{') != std::string::npos) continue;
    if (route->pattern == "/api/v1/openapi.json") continue;
    paths.push_back(route->pattern);
  }
  return paths;
}

namespace {

constexpr std::string_view kLicence =
    "The data in this archive is published under the Creative Commons Attribution 4.0 International licence\n"
    "(CC BY 4.0): https://creativecommons.org/licenses/by/4.0/\n\n"
    "You may share and adapt it for any purpose, provided you name its source (Khetane, with the address it came\n"
    "from) and say whether you changed it. Reference data from official sources keeps its own terms: see the\n"
    "sources in README.md.\n";

// Every item of a list, page by page, following each page's "next"; nullopt when the answer is no list (a route
// that answers one thing, or refuses a visitor). The first page asks for the largest page the lists give; a list that
// pages itself with a smaller limit is asked again with its own.
std::optional<json> AllItems(const std::string& path, const std::function<http::Response(http::Request&)>& handle) {
  const auto ask = [&handle](std::string target) {
    http::Request request;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    request.query_string = question == std::string::npos ? "" : target.substr(question + 1);
    request.request_id = "open-data-dump";
    request.remote_address = "127.0.0.1";
    return handle(request);
  };
  json items = json::array();
  http::Response response = ask(fmt::format("{}?limit={}", path, kMaxPageSize));
  if (response.status != 200) response = ask(path);
  for (int pages = 0; pages < 100'000; ++pages) {
    if (response.status != 200 || response.list_member.empty()) return std::nullopt;
    json body = json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body[response.list_member].is_array()) return std::nullopt;
    for (json& item : body[response.list_member]) items.push_back(std::move(item));
    if (!body.contains("next") || !body["next"].is_string()) break;
    const std::string next = body["next"].get<std::string>();
    if (!next.starts_with("/")) break;
    response = ask(next);
  }
  return items;
}

}  // namespace

core::Result<std::string> BuildOpenDataDump(const http::Router& router,
                                            const std::function<http::Response(http::Request&)>& handle,
                                            const DumpCard& card) {
  std::vector<formats::ZipFile> files;
  std::string listing;
  for (const std::string& path : PublicListPaths(router)) {
    const auto items = AllItems(path, handle);
    if (!items) continue;
    std::string name = path.substr(std::string_view("/api/v1/").size());
    for (char& c : name) {
      if (c == '/') c = '-';
    }
    name += ".csv";
    files.push_back({name, formats::WriteCsv(TableOfList(*items))});
    listing += fmt::format("- `{}`: {} rows, from {}{} (also as JSON there, and as CSV with `?format=csv`)\n", name,
                           items->size(), card.site, path);
  }
  const std::string readme = fmt::format(
      "# Khetane open data\n\n"
      "Every public list of the Khetane installation at {}, as a visitor sees it, made on {}.\n\n"
      "## What is here\n{}\n"
      "## How to read it\n"
      "- One CSV per list: UTF-8 with a byte order mark, comma-separated, the first row naming the columns. Nested\n"
      "  fields are named with dots (`population.value`); lists of values are joined with `; `.\n"
      "- Only published items are here: drafts, unverified community assessments and anything visible only to\n"
      "  signed-in people are not.\n"
      "- Counts of fewer people than the installation's threshold are suppressed, as on the site.\n"
      "- Items marked `demo` are made up to show how the site works: leave them out of any analysis.\n"
      "- The figures of the dashboards, their methods and sources are in `dashboards-measures.csv`; each\n"
      "  municipality's figures in `dashboards-figures.csv`, one column per figure (empty: no figure).\n\n"
      "## Licence\nCC BY 4.0: see LICENCE.txt.\n\n"
      "## Sources of the reference data\n{}\n",
      card.site.empty() ? "this address" : card.site, card.generated_at, listing, card.sources);
  files.push_back({"README.md", readme});
  files.push_back({"LICENCE.txt", std::string(kLicence)});
  return formats::WriteZip(files);
}

std::string ReferenceSources(const std::filesystem::path& share_directory) {
  std::string sources;
  for (const char* folder : {"bg", "policy", "indicators", "monitoring"}) {
    std::ifstream in(share_directory / "data" / folder / "SOURCES.md");
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    sources += "\n### data/" + std::string(folder) + "\n\n" + text.str();
  }
  return sources;
}

core::Result<std::string> MakeOpenDataDump(const http::Router& router,
                                           const std::function<http::Response(http::Request&)>& handle,
                                           const std::filesystem::path& share_directory, const std::string& site) {
  const std::string now = fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(std::time(nullptr)));
  return BuildOpenDataDump(router, handle, {now, site, ReferenceSources(share_directory)});
}

}  // namespace web
