#include "web/i18n.hpp"

#include <spdlog/spdlog.h>
#include <unicode/dcfmtsym.h>

#include <algorithm>
#include <boost/locale.hpp>
#include <charconv>
#include <sstream>
#include <stdexcept>

#include "web/catalogue.hpp"

namespace web {
namespace {

struct LanguageFacts {
  Language language;
  std::string_view code;     // BCP 47, and the folder of its catalogue
  std::string_view name;     // in itself
  std::string_view locale;   // what Boost.Locale generates: its messages come from the language part
  std::string_view formats;  // the ICU locale of its numbers, amounts and dates
};

// In the order the switcher lists them.
constexpr LanguageFacts kLanguages[] = {
    {Language::kBulgarian, "bg", "Български", "bg_BG.UTF-8", "bg_BG"},
    {Language::kEnglish, "en", "English", "en_GB.UTF-8", "en_GB"},
    {Language::kCzech, "cs", "Čeština", "cs_CZ.UTF-8", "cs_CZ"},
    {Language::kDutch, "nl", "Nederlands", "nl_NL.UTF-8", "nl_NL"},
    {Language::kRomani, "rom", "Romani čhib", "rom.UTF-8", "bg_BG"},
};

const LanguageFacts& FactsOf(Language language) {
  for (const LanguageFacts& facts : kLanguages) {
    if (facts.language == language) return facts;
  }
  throw std::logic_error("a language without its facts");
}

std::string DecimalMarkIn(std::string_view icu_locale) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::DecimalFormatSymbols symbols(icu::Locale(std::string(icu_locale).c_str()), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no number symbols for " + std::string(icu_locale));
  std::string mark;
  symbols.getConstSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol).toUTF8String(mark);
  return mark;
}

}  // namespace

std::string_view CodeOf(Language language) { return FactsOf(language).code; }

std::optional<Language> LanguageFromCode(std::string_view code) {
  for (const LanguageFacts& facts : kLanguages) {
    if (facts.code == code) return facts.language;
  }
  return std::nullopt;
}

std::string_view NameOf(Language language) { return FactsOf(language).name; }

std::string_view FormatLocaleOf(Language language) { return FactsOf(language).formats; }

const std::vector<Language>& AllLanguages() {
  static const std::vector<Language> kAll = [] {
    std::vector<Language> all;
    for (const LanguageFacts& facts : kLanguages) all.push_back(facts.language);
    return all;
  }();
  return kAll;
}

Language ChooseLanguage(const http::Request& request, const std::vector<Language>& offered) {
  const auto offered_language = [&offered](std::string_view code) -> std::optional<Language> {
    const auto language = LanguageFromCode(code);
    if (!language || std::find(offered.begin(), offered.end(), *language) == offered.end()) return std::nullopt;
    return language;
  };
  if (const auto cookie = request.Cookie(kLanguageCookie)) {
    if (const auto language = offered_language(*cookie)) return *language;
  }
  const auto header = request.Header("accept-language");
  if (!header) return kDefaultLanguage;

  // "en-GB,en;q=0.9,bg;q=0.8": take the offered language with the highest weight; the first wins a tie.
  std::optional<Language> best;
  double best_weight = 0.0;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double weight = 1.0;
    if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
      const auto q = item.find("q=", semicolon);
      if (q != std::string_view::npos) {
        const std::string text(item.substr(q + 2));
        weight = std::strtod(text.c_str(), nullptr);
      }
      item = item.substr(0, semicolon);
    }
    std::string primary(item.substr(0, item.find('-')));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto language = offered_language(primary);
    if (language && weight > best_weight) {
      best = language;
      best_weight = weight;
    }
  }
  return best.value_or(kDefaultLanguage);
}

Translations::Translations(const std::filesystem::path& locale_directory) {
  boost::locale::generator generator;
  generator.add_messages_path(locale_directory.string());
  generator.add_messages_domain("khetane");
  const auto file_of = [&locale_directory](Language language) {
    return locale_directory / CodeOf(language) / "LC_MESSAGES" / "khetane.mo";
  };
  for (const Language required : {Language::kBulgarian, Language::kEnglish}) {
    if (!std::filesystem::exists(file_of(required))) {
      throw std::runtime_error("translation catalogue not found: " + file_of(required).string());
    }
  }
  const Catalogue reference = ReadCatalogue(file_of(Language::kBulgarian));
  boost::locale::generator without_messages;  // for a language whose catalogue cannot be read
  for (const LanguageFacts& facts : kLanguages) {
    CatalogueStatus status;
    status.found = std::filesystem::exists(file_of(facts.language));
    std::locale locale;
    if (facts.language == Language::kBulgarian || facts.language == Language::kEnglish) {
      // The reference and the source: complete by definition. English needs no review.
      status.reviewed = facts.language == Language::kEnglish || reference.Reviewed();
      locale = generator(std::string(facts.locale));
    } else {
      try {
        if (status.found) {
          const Catalogue catalogue = ReadCatalogue(file_of(facts.language));
          status.missing = MissingMessages(reference, catalogue).size();
          status.reviewed = catalogue.Reviewed();
        }
        locale = generator(std::string(facts.locale));
      } catch (const std::exception& error) {
        // Neither a damaged catalogue nor one Boost.Locale refuses stops the server: the language speaks English.
        spdlog::error("{}: the catalogue cannot be read: {}", facts.code, error.what());
        status = {};
        locale = without_messages(std::string(facts.locale));
      }
      // At debug level: every command builds the catalogues, and what a command prints on standard output is its
      // answer (an API token, a file), not a log.
      if (!status.found) {
        spdlog::debug("{}: no readable catalogue at {}: not offered", facts.code, file_of(facts.language).string());
      } else if (status.missing > 0) {
        spdlog::debug("{}: {} of {} messages untranslated: not offered", facts.code, status.missing,
                      reference.messages.size());
      }
    }
    if (status.Complete()) offered_.push_back(facts.language);
    statuses_.emplace(facts.language, status);
    locales_.emplace(facts.language, locale);
    const std::string number_locale = std::string(facts.formats) + ".UTF-8";
    number_locales_.emplace(facts.language, number_locale == facts.locale ? locale : generator(number_locale));
    decimal_marks_.emplace(facts.language, DecimalMarkIn(facts.formats));
  }
}

bool Translations::Offers(Language language) const {
  return std::find(offered_.begin(), offered_.end(), language) != offered_.end();
}

std::string Translations::Translate(Language language, std::string_view msgid) const {
  return boost::locale::translate(std::string(msgid)).str(LocaleOf(language));
}

std::string Translations::TranslatePlural(Language language, std::string_view singular, std::string_view plural,
                                          long count) const {
  return boost::locale::translate(std::string(singular), std::string(plural), count).str(LocaleOf(language));
}

std::string Translations::FormatNumber(Language language, long long number) const {
  // Making a stream and giving it a locale costs far more than formatting: each thread keeps one per language.
  thread_local std::map<Language, std::ostringstream> streams;
  std::ostringstream& out = streams[language];
  const std::locale& locale = number_locales_.at(language);
  if (out.getloc() != locale) {  // first use on this thread, or another Translations object
    out.imbue(locale);
    out << boost::locale::as::number;
  }
  out.str({});
  out << number;
  return out.str();
}

}  // namespace web
