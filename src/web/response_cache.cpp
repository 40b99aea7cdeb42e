#include "web/response_cache.hpp"

#include <fmt/format.h>

#include <functional>
#include <mutex>

#include "http/compression.hpp"
#include "web/list_formats.hpp"

namespace web {

std::string ResponseCache::KeyOf(const http::Request& request) {
  std::string key;
  const auto language = request.Attribute("lang");
  key.reserve(request.path.size() + request.query_string.size() + 12);
  key.append(language ? *language : "").append(" ");
  key.append(AsksForCsv(request) ? "csv " : AsksForXlsx(request) ? "xlsx " : "- ");
  key.append(request.path);
  if (!request.query_string.empty()) key.append("?").append(request.query_string);
  return key;
}

std::shared_ptr<const ResponseCache::Kept> ResponseCache::Find(std::string_view key, std::int64_t version,
                                                               std::int64_t day) const {
  std::shared_lock lock(mutex_);
  const auto found = kept_.find(key);
  if (found == kept_.end() || found->second->version != version || found->second->day != day) return nullptr;
  return found->second;
}

std::shared_ptr<const ResponseCache::Kept> ResponseCache::Keep(std::string key, std::int64_t version,
                                                               http::Response response, std::int64_t day) {
  response.SetHeader("ETag", WeakEtagOf(response.body));
  if (!response.Header("Cache-Control")) response.SetHeader("Cache-Control", "no-cache");
  // Both forms vary by the same: the session cookie (the signed-in get their own), the language, the coding.
  response.SetHeader("Vary", "Cookie, Accept-Language, Accept, Accept-Encoding");
  std::string gzip_body;
  if (const auto type = response.Header("Content-Type"); type && http::WorthCompressing(*type, response.body.size())) {
    gzip_body = http::Gzip(response.body, http::CompressionLevel::kFast);
    if (gzip_body.size() >= response.body.size()) gzip_body.clear();
  }
  auto kept = std::make_shared<const Kept>(Kept{version, std::move(response), std::move(gzip_body), day});
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

ResponseCache::Made ResponseCache::FindOrMake(std::string key, std::int64_t version, std::int64_t day,
                                              const std::function<http::Response()>& make) {
  if (auto kept = Find(key, version, day)) return {std::move(kept), {}};
  const std::string making_key = fmt::format("{} {} {}", version, day, key);
  std::promise<std::shared_ptr<const Kept>> promise;
  {
    std::unique_lock lock(making_mutex_);
    if (const auto making = making_.find(making_key); making != making_.end()) {
      const auto made = making->second;  // a copy: the maker erases its entry when done
      lock.unlock();
      if (auto kept = made.get()) return {std::move(kept), {}};
      return {nullptr, make()};
    }
    // Made by another request between Find and here: it has left making_ already.
    if (auto kept = Find(key, version, day)) return {std::move(kept), {}};
    making_.emplace(making_key, promise.get_future().share());
  }
  const auto done = [&](std::shared_ptr<const Kept> kept) {
    std::lock_guard lock(making_mutex_);
    promise.set_value(std::move(kept));
    making_.erase(making_key);
  };
  http::Response response;
  try {
    response = make();
  } catch (...) {
    done(nullptr);
    throw;
  }
  if (!KeepsWell(response)) {
    done(nullptr);
    return {nullptr, std::move(response)};
  }
  auto kept = Keep(std::move(key), version, std::move(response), day);
  done(kept);
  return {std::move(kept), {}};
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

http::Response AnswerFromKept(const http::Request& request, const ResponseCache::Kept& kept) {
  const auto etag = kept.response.Header("ETag");
  if (const auto condition = request.Header("if-none-match"); condition && etag) {
    if (http::MatchIfNoneMatch(*condition, *etag) != http::EntityTagMatch::kNone) {
      http::Response answer;
      answer.status = 304;
      for (const char* name : {"ETag", "Cache-Control", "Vary"}) {
        if (const auto value = kept.response.Header(name)) answer.SetHeader(name, std::string(*value));
      }
      return answer;
    }
  }
  if (!kept.gzip_body.empty() && request.method != http::Method::kHead &&
      http::PreferredCoding(request.Header("accept-encoding")) == http::ContentCoding::kGzip) {
    http::Response answer = kept.response;
    answer.body = kept.gzip_body;
    answer.SetHeader("Content-Encoding", "gzip");
    return answer;
  }
  return kept.response;
}

}  // namespace web
