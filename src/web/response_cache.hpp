#pragma once
// Whole responses of the pages every visitor sees alike, kept by address, language and format under the data version
// they were made from (kernel::DataVersion: a number the database holds and every write moves on). A visitor gets the
// kept bytes while the version stands; after a change, made through this process or any other, the next visitor's
// request renders the page again. Conditional requests are answered 304 when the page has not changed.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace web {

class ResponseCache {
 public:
  struct Kept {
    std::int64_t version = 0;
    http::Response response;  // status 200, with its ETag
  };

  // What `request` asks for, as a key: its language, path, query and the format its Accept header prefers.
  static std::string KeyOf(const http::Request& request);

  // The response kept under `key` for `version`; null when there is none, or it was made from an older version.
  std::shared_ptr<const Kept> Find(std::string_view key, std::int64_t version) const;
  // Keeps `response` (a 200 without cookies: KeepsWell) under `key`, giving it an ETag and `Cache-Control: no-cache`
  // (browsers keep it and ask again with If-None-Match). Returns the response as kept.
  std::shared_ptr<const Kept> Keep(std::string key, std::int64_t version, http::Response response);

  std::size_t size() const;

 private:
  static constexpr std::size_t kMaxEntries = 8192;
  static constexpr std::size_t kMaxBytes = 256u << 20;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Kept>, std::less<>> kept_;
  std::size_t bytes_ = 0;
};

// Whether a response may be kept for every visitor: a 200 that sets no cookie and does not forbid it (no-store).
bool KeepsWell(const http::Response& response);

// A weak validator of a body: W/"…" from a 64-bit hash of its bytes. Weak, because the server may send the same page
// gzipped or not (and a proxy may compress it again): the bytes differ, the page does not.
std::string WeakEtagOf(std::string_view body);

// Whether an If-None-Match header names `etag`, by the weak comparison RFC 9110 (13.1.2) asks for: "*", or a list of
// entity tags of which one has the same opaque tag, with or without W/.
bool NoneMatchHolds(std::string_view if_none_match, std::string_view etag);

// A 304 Not Modified for `kept`: its validator and caching headers, no body.
http::Response NotModified(const http::Response& kept);

}  // namespace web
