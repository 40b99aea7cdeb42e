#pragma once
// What the cascade's pages share: their addresses, and the reader's language.

#include <cstdint>
#include <string>

#include "http/request.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"
#include "web/ui.hpp"

namespace policies {

inline std::string DocumentPath(std::int64_t id) { return "/policies/documents/" + std::to_string(id); }
inline std::string ItemPath(std::int64_t id) { return "/policies/items/" + std::to_string(id); }

// Whether the reader reads the English content: content is Bulgarian or English, and a reader of any language but
// Bulgarian reads the English (web::Reader::english).
inline bool InEnglish(const http::Request& request) {
  return web::Site::LanguageOf(request) != web::Language::kBulgarian;
}

// The text in the reader's language when there is one, the original otherwise.
inline const std::string& Localised(const http::Request& request, const std::string& original,
                                    const std::string& english) {
  return InEnglish(request) && !english.empty() ? english : original;
}

// A figure as the pages show it: a bar and "48%" (ui/progress), or why there is none ("not reported", …) as a state of
// its own.
inline nlohmann::json ProgressMeter(const web::Reader& reader, const RollUp& roll_up) {
  return web::ui::Progress(reader, roll_up.progress, NoProgressTitle(roll_up.no_progress));
}

}  // namespace policies
