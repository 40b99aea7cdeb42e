#pragma once
// Machine translation of a practice's texts through a LibreTranslate server an installation configures
// (`khetane serve --translation-url`): one POST /translate with every text at once. No service is required; without
// one, readers see the versions people added.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace practices {

struct TranslationService {
  std::string url;                      // "https://translate.example.org", without /translate
  std::string api_key;                  // "" when the server asks for none
  std::string name = "LibreTranslate";  // what versions say translated them
  std::chrono::seconds timeout{60};
};

// The translations of `texts` from `source` to `target` (two-letter codes), in order; an empty text stays empty and
// is not sent. kUnavailable with a message a reader may see when the server cannot be reached, refuses, or answers
// with something else than the translations; the server's own words go to the log only.
core::Result<std::vector<std::string>> TranslateTexts(const TranslationService& service,
                                                      const std::vector<std::string>& texts, std::string_view source,
                                                      std::string_view target);

}  // namespace practices
