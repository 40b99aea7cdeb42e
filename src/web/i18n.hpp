#pragma once
// Bulgarian and English through gettext catalogues (po/<lang>.po, compiled to .mo at build time), loaded with
// Boost.Locale. Each locale is generated once at start-up and shared between threads.

#include <filesystem>
#include <locale>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace web {

enum class Language { kBulgarian, kEnglish };

inline constexpr Language kDefaultLanguage = Language::kBulgarian;
inline constexpr std::string_view kLanguageCookie = "lang";

std::string_view CodeOf(Language language);  // "bg", "en"
std::optional<Language> LanguageFromCode(std::string_view code);
const std::vector<Language>& AllLanguages();

// The language cookie first, then the best of Accept-Language (q-values honoured), then Bulgarian.
Language ChooseLanguage(const http::Request& request);

class Translations {
 public:
  // `locale_directory` holds <lang>/LC_MESSAGES/khetane.mo; throws std::runtime_error if a catalogue is missing.
  explicit Translations(const std::filesystem::path& locale_directory);

  std::string Translate(Language language, std::string_view msgid) const;
  std::string TranslatePlural(Language language, std::string_view singular, std::string_view plural, long count) const;
  // 1234567 → "1 234 567" in Bulgarian, "1,234,567" in English.
  std::string FormatNumber(Language language, long long number) const;
  const std::locale& LocaleOf(Language language) const { return locales_.at(language); }

 private:
  std::map<Language, std::locale> locales_;
};

}  // namespace web
