#pragma once
// The bulk download of open data: every public list of the JSON API, every page of it, as a visitor gets it (only
// published items, small counts suppressed), one CSV per list in a zip with a data card and the licence. Built from
// the routes themselves, so that a module's list is in the dump the day it is declared.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace web {

// The public lists: GET routes under /api/v1/ open to anyone, without a parameter in their path, but the API's
// description.
std::vector<std::string> PublicListPaths(const http::Router& router);

struct DumpCard {
  std::string generated_at;  // "2026-12-05 03:00 UTC"
  std::string site;          // where it comes from: the public URL, or "" for a path
  std::string sources;       // the reference data's attributions (data/*/SOURCES.md), appended to the card
};

// The zip's bytes. `handle` answers a request as the site does (web::App::Handle).
core::Result<std::string> BuildOpenDataDump(const http::Router& router,
                                            const std::function<http::Response(http::Request&)>& handle,
                                            const DumpCard& card);

// The reference data's attributions (data/*/SOURCES.md under the share directory), for the data card.
std::string ReferenceSources(const std::filesystem::path& share_directory);

// BuildOpenDataDump made now, with the reference data's sources: for the site's stable address and for
// `khetane export dump`. `site` names where it comes from (the public URL, or "").
core::Result<std::string> MakeOpenDataDump(const http::Router& router,
                                           const std::function<http::Response(http::Request&)>& handle,
                                           const std::filesystem::path& share_directory, const std::string& site);

}  // namespace web
