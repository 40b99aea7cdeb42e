#include "web/response_cache.hpp"

#include <fmt/format.h>

#include <functional>
#include <mutex>

#include "web/list_formats.hpp"

namespace web {

std::string ResponseCache::KeyOf(const http::Request& request) {
  std::string key;
  const auto language = request.Attribute("lang");
  key.reserve(request.path.size() + request.query_string.size() + 12);
  key.append(language ? *language : "").append(" ");
  key.append(AsksForCsv(request) ? "csv " : "- ");
  key.append(request.path);
  if (!request.query_string.empty()) key.append("?").append(request.query_string);
  return key;
}

std::shared_ptr<const ResponseCache::Kept> ResponseCache::Find(std::string_view key, std::int64_t version) const {
  std::shared_lock lock(mutex_);
  const auto found = kept_.find(key);
  if (found == kept_.end() || found->second->version != version) return nullptr;
  return found->second;
}

std::shared_ptr<const ResponseCache::Kept> ResponseCache::Keep(std::string key, std::int64_t version,
                                                               http::Response response) {
  response.SetHeader("ETag", WeakEtagOf(response.body));
  if (!response.Header("Cache-Control")) response.SetHeader("Cache-Control", "no-cache");
  auto kept = std::make_shared<const Kept>(Kept{version, std::move(response)});
  std::unique_lock lock(mutex_);
  // Addresses with every query a visitor may type are not a bounded set: past the bound, start again.
  if (kept_.size() >= kMaxEntries || bytes_ >= kMaxBytes) {
    kept_.clear();
    bytes_ = 0;
  }
  auto& slot = kept_[std::move(key)];
  if (slot) bytes_ -= slot->response.body.size();
  bytes_ += kept->response.body.size();
  slot = kept;
  return kept;
}

std::size_t ResponseCache::size() const {
  std::shared_lock lock(mutex_);
  return kept_.size();
}

bool KeepsWell(const http::Response& response) {
  if (response.status != 200 || response.Header("Set-Cookie")) return false;
  const auto control = response.Header("Cache-Control");
  return !control || control->find("no-store") == std::string_view::npos;
}

std::string WeakEtagOf(std::string_view body) {
  return fmt::format("W/\"{:016x}-{:x}\"", std::hash<std::string_view>{}(body), body.size());
}

namespace {

// The opaque tag of an entity tag, without W/: W/"abc" → "abc" (quotes kept, as the comparison needs them).
std::string_view OpaqueTag(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool NoneMatchHolds(std::string_view if_none_match, std::string_view etag) {
  if_none_match = Trim(if_none_match);
  if (if_none_match == "*") return true;
  const std::string_view wanted = OpaqueTag(etag);
  // Entity tags hold no commas inside their quotes in what this server sends; a comma-separated list is enough.
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    const std::string_view tag = Trim(if_none_match.substr(0, comma));
    if (!tag.empty() && OpaqueTag(tag) == wanted) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

http::Response NotModified(const http::Response& kept) {
  http::Response response;
  response.status = 304;
  for (const char* name : {"ETag", "Cache-Control", "Vary", "Content-Language"}) {
    if (const auto value = kept.Header(name)) response.SetHeader(name, std::string(*value));
  }
  return response;
}

}  // namespace web
