#include "kernel/place_sections.hpp"

#include <memory>
#include <optional>
#include <string>

#include "kernel/module.hpp"
#include "web/fragment_cache.hpp"
#include "web/i18n.hpp"
#include "web/site.hpp"

namespace kernel {

PlaceSectionSource KeptForVisitors(PlaceSectionSource source, std::chrono::seconds lifetime) {
  auto kept = std::make_shared<web::ExpiringFragmentCache<std::optional<std::string>>>(lifetime);
  return [source = std::move(source), kept](const http::Request& request,
                                            std::string_view municipality) -> std::optional<std::string> {
    if (SignedInOf(request) != nullptr) return source(request, municipality);
    const std::string key = std::string(municipality) + "/" + std::string(web::CodeOf(web::Site::LanguageOf(request)));
    return kept->GetOrRender(key, [&] { return source(request, municipality); });
  };
}

}  // namespace kernel
