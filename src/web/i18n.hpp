#pragma once
// The interface languages through gettext catalogues (po/<lang>.po, compiled to .mo at build time), loaded with
// Boost.Locale. Each locale is generated once at start-up and shared between threads.
//
// Bulgarian is the reference: its catalogue holds every message. A language is offered to readers only when its
// catalogue translates all of them (web/catalogue.hpp); one that a fluent speaker has not reviewed is offered with a
// mark. Content (names of places, plan texts) exists in Bulgarian and English only: readers of any other language
// read the English (Reader::english()).

#include <filesystem>
#include <locale>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace web {

enum class Language { kBulgarian, kEnglish, kCzech, kDutch, kRomani };

inline constexpr Language kDefaultLanguage = Language::kBulgarian;
inline constexpr std::string_view kLanguageCookie = "lang";

std::string_view CodeOf(Language language);  // "bg", "en", "cs", "nl", "rom"
std::optional<Language> LanguageFromCode(std::string_view code);
// The language's name in itself ("Čeština"), so that a reader finds their own.
std::string_view NameOf(Language language);
// The ICU locale whose conventions the language's numbers, amounts and dates follow: "cs_CZ". Romani, which CLDR does
// not describe, writes numbers as Bulgaria, where the installation's Roma readers live, writes them.
std::string_view FormatLocaleOf(Language language);
// Every language with a catalogue, offered or not, in the order the switcher lists them.
const std::vector<Language>& AllLanguages();

// The language cookie first, then the best of Accept-Language (q-values honoured), then Bulgarian; a language not
// `offered` (its catalogue incomplete) counts as unknown.
Language ChooseLanguage(const http::Request& request, const std::vector<Language>& offered);

// What the server learnt of a language's catalogue when it started.
struct CatalogueStatus {
  bool found = false;
  std::size_t missing = 0;  // messages of the Bulgarian catalogue it does not translate
  bool reviewed = false;    // its header says X-Khetane-Reviewed: yes
  bool Complete() const { return found && missing == 0; }
};

class Translations {
 public:
  // `locale_directory` holds <lang>/LC_MESSAGES/khetane.mo. Throws std::runtime_error if the Bulgarian or the English
  // catalogue is missing: without the reference or the source the site cannot speak at all. Any other language
  // without its catalogue is not offered, as if it were incomplete: an installation may leave one out, and a
  // translation being written must not stop a server from starting. Its messages stay in English.
  explicit Translations(const std::filesystem::path& locale_directory);

  std::string Translate(Language language, std::string_view msgid) const;
  std::string TranslatePlural(Language language, std::string_view singular, std::string_view plural, long count) const;
  // 1234567 → "1 234 567" in Bulgarian and Czech (no-break spaces), "1,234,567" in English, "1.234.567" in Dutch.
  std::string FormatNumber(Language language, long long number) const;
  // What separates the whole from the fraction: "." in English, "," in the others.
  const std::string& DecimalMarkOf(Language language) const { return decimal_marks_.at(language); }
  const std::locale& LocaleOf(Language language) const { return locales_.at(language); }

  // The languages readers may choose, in AllLanguages' order: those whose catalogue is complete. Bulgarian (the
  // reference) and English (the source, whose catalogue is a header) always are.
  const std::vector<Language>& Offered() const { return offered_; }
  bool Offers(Language language) const;
  // Whether a fluent speaker reviewed the language's translation; English, the source, needs none.
  bool Reviewed(Language language) const { return StatusOf(language).reviewed; }
  const CatalogueStatus& StatusOf(Language language) const { return statuses_.at(language); }

 private:
  std::map<Language, std::locale> locales_;
  std::map<Language, std::locale> number_locales_;
  std::map<Language, std::string> decimal_marks_;
  std::map<Language, CatalogueStatus> statuses_;
  std::vector<Language> offered_;
};

}  // namespace web
