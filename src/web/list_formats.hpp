#pragma once
// Every public list of the JSON API is also CSV, from the same address, and comes in pages: web::App applies this to
// the answer of any GET route under /api/ made by web::Site::List (the response names the member holding the list), so
// that a module's list is open data the day it is declared (docs/DEVELOPING.md, "Open data").
//
//   ?format=csv, or an Accept header that prefers text/csv  → the list as CSV (RFC 4180, UTF-8 with a BOM)
//   ?format=xlsx, or an Accept header that prefers kXlsxType → the list as a workbook of one sheet
//   ?limit=N&offset=M                                          → that page (1000 when no limit is given); the JSON
//                                                                says total, limit, offset, and next (the next
//                                                                page's address, or null)
//
// A list that pages itself (its JSON says a "total" larger than what it holds: the places) keeps its own pages.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace web {

inline constexpr std::size_t kDefaultPageSize = 1000;
inline constexpr std::size_t kMaxPageSize = 10000;

// Whether the request asks for CSV: ?format=csv, or text/csv ranked above application/json in Accept.
bool AsksForCsv(const http::Request& request);
inline constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// Whether it asks for a spreadsheet: ?format=xlsx, or kXlsxType ranked above application/json in Accept.
bool AsksForXlsx(const http::Request& request);

// The rows of a list of objects as a table: one column per field, nested objects flattened with dots
// ("population.value"), lists of values joined with "; ", other lists written as JSON; the header first, columns in
// the order they first appear.
std::vector<std::vector<std::string>> TableOfList(const nlohmann::json& list);

// The page `limit`/`offset` asks for, read from the query; a problem of the field when they are not whole numbers or
// the limit is outside 1–kMaxPageSize.
struct Page {
  std::size_t limit = kDefaultPageSize;
  std::size_t offset = 0;
};
core::Result<Page> PageOf(const http::Request& request);

// What App does to a JSON answer of a list: pages it when it does not page itself, and turns it into CSV when asked
// (a download named after the address: khetane-indicators-values.csv). False, and `response` as it was, when it is no
// list (not made by web::Site::List); the problems of a bad limit or offset.
core::Result<bool> ShapeList(const http::Request& request, http::Response& response);

}  // namespace web
