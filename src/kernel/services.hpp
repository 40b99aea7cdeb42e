#pragma once
// The services the modules provide, found by type: a module's `provide` step adds its own and takes those of the
// modules listed before it. A missing one is a wiring mistake, found when the application starts, never a request
// later.

#include <any>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kernel {

class Services {
 public:
  Services() = default;
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;
  // Destroyed in the reverse order of provision: a service may use those provided before it until its last moment.
  ~Services() {
    while (!owned_.empty()) owned_.pop_back();
  }

  // Owns `service`; throws std::logic_error when a service of this type is there already.
  template <typename T>
  T& Provide(std::unique_ptr<T> service) {
    T& provided = *service;
    if (!found_.emplace(std::type_index(typeid(T)), &provided).second) {
      throw std::logic_error(std::string("a service is provided twice: ") + typeid(T).name());
    }
    owned_.push_back(std::shared_ptr<void>(std::move(service)));
    return provided;
  }
  template <typename T, typename... Arguments>
  T& Make(Arguments&&... arguments) {
    return Provide(std::make_unique<T>(std::forward<Arguments>(arguments)...));
  }

  // Owns a module's private part (a store), which other modules must not find: they use the module's service.
  template <typename T, typename... Arguments>
  T& Keep(Arguments&&... arguments) {
    auto kept = std::make_unique<T>(std::forward<Arguments>(arguments)...);
    T& reference = *kept;
    owned_.push_back(std::shared_ptr<void>(std::move(kept)));
    return reference;
  }

  // Throws std::logic_error when no module provided a `T` (or it was provided by a module listed after the caller).
  template <typename T>
  T& Get() const {
    const auto found = found_.find(std::type_index(typeid(T)));
    if (found == found_.end()) {
      throw std::logic_error(std::string("no module provides ") + typeid(T).name() +
                             ": is its module listed before the one that needs it?");
    }
    return *static_cast<T*>(found->second);
  }
  template <typename T>
  bool Has() const {
    return found_.contains(std::type_index(typeid(T)));
  }

 private:
  std::unordered_map<std::type_index, void*> found_;
  std::vector<std::shared_ptr<void>> owned_;
};

}  // namespace kernel
