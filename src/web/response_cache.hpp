#pragma once
// Whole responses of the pages every visitor sees alike, kept by address, language and format under the data version
// they were made from (kernel::DataVersion: a number the database holds and every write moves on). A visitor gets the
// kept bytes while the version stands; after a change, made through this process or any other, the next visitor's
// request renders the page again. Conditional requests are answered 304 when the page has not changed.

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
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
    std::string gzip_body;    // the body gzipped once, for the clients that accept it; "" when not worth it
    std::int64_t day = 0;     // the day it was made (days since 1970 on the installation's clock)
  };

  // What `request` asks for, as a key: its language, path, query and the format its Accept header prefers.
  static std::string KeyOf(const http::Request& request);

  // The response kept under `key` for `version` on `day`; null when there is none, or it was made from an older
  // version or on another day: pages count days ("closes in 3 days", this week's changes), so a page is made again
  // each day even when the data stay as they were.
  std::shared_ptr<const Kept> Find(std::string_view key, std::int64_t version, std::int64_t day = 0) const;
  // Keeps `response` (a 200 without cookies: KeepsWell) under `key`, giving it an ETag, `Cache-Control: no-cache`
  // (browsers keep it and ask again with If-None-Match) and the Vary it varies by, and gzips it once when worth it.
  // Returns the response as kept.
  std::shared_ptr<const Kept> Keep(std::string key, std::int64_t version, http::Response response,
                                   std::int64_t day = 0);

  // The response kept under `key` for `version` on `day`, made with `make` when there is none; only one request makes
  // a given page at a time. Those that ask for it meanwhile wait for that one rather than all making it at once (64
  // visitors arriving at a country-wide page nobody has made since the data changed would each spend seconds on it).
  // What `make` returns that may not be kept (KeepsWell) is answered to its own request only: the waiting make theirs.
  // `make` may throw: its exception reaches its own request, and the waiting make the page themselves.
  struct Made {
    std::shared_ptr<const Kept> kept;  // set when the page was kept (or found)
    http::Response response;           // otherwise: what `make` returned, not to be kept
  };
  Made FindOrMake(std::string key, std::int64_t version, std::int64_t day, const std::function<http::Response()>& make);

  std::size_t size() const;

 private:
  static constexpr std::size_t kMaxEntries = 8192;
  static constexpr std::size_t kMaxBytes = 256u << 20;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Kept>, std::less<>> kept_;
  std::size_t bytes_ = 0;
  // The pages being made, by key, version and day: what those waiting for them will get (null: make it yourself).
  std::mutex making_mutex_;
  std::map<std::string, std::shared_future<std::shared_ptr<const Kept>>, std::less<>> making_;
};

// Whether a response may be kept for every visitor: a 200 that sets no cookie and does not forbid it (no-store).
bool KeepsWell(const http::Response& response);

// A weak validator of a body: W/"…" from a 64-bit hash of its bytes. Weak, because the server may send the same page
// gzipped or not (and a proxy may compress it again): the bytes differ, the page does not.
std::string WeakEtagOf(std::string_view body);

// What a kept page answers `request`: a 304 when its If-None-Match names the page's tag, the gzip body when the
// client accepts gzip, else the page as kept.
http::Response AnswerFromKept(const http::Request& request, const ResponseCache::Kept& kept);

}  // namespace web
