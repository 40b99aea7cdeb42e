#include "kernel/public_url_option.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <ostream>

#include "web/app.hpp"

namespace kernel {

std::shared_ptr<std::string> AddPublicUrlOption(CLI::App& command, std::string_view links) {
  const char* environment = std::getenv("KHETANE_PUBLIC_URL");
  auto public_url = std::make_shared<std::string>(environment != nullptr ? environment : "");
  command.add_option("--public-url", *public_url,
                     "Where users reach the site, e.g. https://khetane.example.org: " + std::string(links) +
                         " begin with it (env KHETANE_PUBLIC_URL; without it they are paths)");
  return public_url;
}

std::optional<std::string> CheckedPublicUrl(const std::string& given, std::ostream& err) {
  if (given.empty()) return std::string();
  const auto checked = web::PublicUrl(given);
  if (!checked) err << "--public-url must be an http:// or https:// address without a query\n";
  return checked;
}

}  // namespace kernel
