#pragma once
// Rendered fragments (SVG charts and maps) of data that does not change while the server runs, kept by key.
// Rendering twice under a race is harmless: both results are the same and the first one stays.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace web {

class FragmentCache {
 public:
  template <typename Render>
  std::shared_ptr<const std::string> GetOrRender(const std::string& key, Render&& render) {
    {
      std::lock_guard lock(mutex_);
      if (const auto found = fragments_.find(key); found != fragments_.end()) return found->second;
    }
    auto fragment = std::make_shared<const std::string>(render());
    std::lock_guard lock(mutex_);
    return fragments_.emplace(key, std::move(fragment)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> fragments_;
};

// Fragments of data that changes (a municipality's indicator panel, its community monitoring) kept for a short while:
// a busy public page renders them once per key and lifetime instead of on every visit. For what visitors see only:
// whoever changes the data is signed in and gets it fresh.
template <typename Value>
class ExpiringFragmentCache {
 public:
  explicit ExpiringFragmentCache(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  template <typename Render>
  Value GetOrRender(const std::string& key, Render&& render) {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      if (const auto found = fragments_.find(key); found != fragments_.end() && now - found->second.first < lifetime_) {
        return found->second.second;
      }
    }
    Value value = render();
    std::lock_guard lock(mutex_);
    if (fragments_.size() >= kMaxEntries) fragments_.clear();  // keys are places × languages: a bound, not a policy
    fragments_.insert_or_assign(key, std::pair{now, value});
    return value;
  }

 private:
  static constexpr std::size_t kMaxEntries = 4096;
  std::chrono::steady_clock::duration lifetime_;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, Value>, std::less<>> fragments_;
};

}  // namespace web
