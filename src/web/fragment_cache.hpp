#pragma once
// Rendered fragments (SVG charts and maps) of data that does not change while the server runs, kept by key.
// Rendering twice under a race is harmless: both results are the same and the first one stays.

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

}  // namespace web
