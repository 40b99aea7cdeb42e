#include "application/modules.hpp"

#include <set>
#include <stdexcept>

#include "modules/accounts/accounts_module.hpp"
#include "modules/advocacy/advocacy_module.hpp"
#include "modules/consultations/consultations_module.hpp"
#include "modules/dashboards/dashboards_module.hpp"
#include "modules/guides/guides_module.hpp"
#include "modules/home/home_module.hpp"
#include "modules/indicators/indicators_module.hpp"
#include "modules/meetings/meetings_module.hpp"
#include "modules/monitoring/monitoring_module.hpp"
#include "modules/places/places_module.hpp"
#include "modules/policies/policies_module.hpp"
#include "modules/practices/practices_module.hpp"
#include "modules/programmes/programmes_module.hpp"
#include "modules/requests/requests_module.hpp"

namespace application {
namespace {

// One module a line, in the order their services depend on each other.
// clang-format off
constexpr kernel::RegisterFunction kModules[] = {
    &places::Register,
    &accounts::Register,
    &home::Register,
    &policies::Register,
    &indicators::Register,
    &monitoring::Register,
    &guides::Register,
    &consultations::Register,
    &requests::Register,
    &meetings::Register,
    &advocacy::Register,
    &practices::Register,
    &programmes::Register,
    &dashboards::Register,
};
// clang-format on

std::vector<kernel::Module> RegisterAll() {
  std::vector<kernel::Module> modules;
  std::set<std::string> names, actions, commands;
  for (const kernel::RegisterFunction register_module : kModules) {
    kernel::Module& module = modules.emplace_back();
    register_module(module);
    const std::string& name = module.name();
    if (name.empty()) throw std::logic_error("a module registered without a name");
    if (!names.insert(name).second) throw std::logic_error("two modules are named " + name);
    for (kernel::AuditAction& action : module.audit_actions()) {
      action.module = name;
      if (!actions.insert(action.code).second) {
        throw std::logic_error(name + ": the audit action " + action.code + " is declared twice");
      }
    }
    for (kernel::NavigationEntry& entry : module.navigation()) entry.module = name;
    for (const kernel::Command& command : module.commands()) {
      std::string path;
      for (const std::string& word : command.path) path += (path.empty() ? "" : " ") + word;
      if (!commands.insert(path).second) throw std::logic_error(name + ": the command " + path + " is declared twice");
    }
  }
  return modules;
}

}  // namespace

const std::vector<kernel::Module>& Modules() {
  static const std::vector<kernel::Module> modules = RegisterAll();
  return modules;
}

}  // namespace application
