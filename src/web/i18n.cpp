#include "web/i18n.hpp"

#include <boost/locale.hpp>
#include <charconv>
#include <sstream>
#include <stdexcept>

namespace web {

std::string_view CodeOf(Language language) { return language == Language::kBulgarian ? "bg" : "en"; }

std::optional<Language> LanguageFromCode(std::string_view code) {
  if (code == "bg") return Language::kBulgarian;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

const std::vector<Language>& AllLanguages() {
  static const std::vector<Language> kAll = {Language::kBulgarian, Language::kEnglish};
  return kAll;
}

Language ChooseLanguage(const http::Request& request) {
  if (const auto cookie = request.Cookie(kLanguageCookie)) {
    if (const auto language = LanguageFromCode(*cookie)) return *language;
  }
  const auto header = request.Header("accept-language");
  if (!header) return kDefaultLanguage;

  // "en-GB,en;q=0.9,bg;q=0.8": take the known language with the highest weight; the first wins a tie.
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
    const auto language = LanguageFromCode(primary);
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
  for (const Language language : AllLanguages()) {
    const std::string code(CodeOf(language));
    const auto catalogue = locale_directory / code / "LC_MESSAGES" / "khetane.mo";
    if (!std::filesystem::exists(catalogue)) {
      throw std::runtime_error("translation catalogue not found: " + catalogue.string());
    }
    locales_.emplace(language, generator(code == "bg" ? "bg_BG.UTF-8" : "en_GB.UTF-8"));
  }
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
  if (out.getloc() != LocaleOf(language)) {  // first use on this thread, or another Translations object
    out.imbue(LocaleOf(language));
    out << boost::locale::as::number;
  }
  out.str({});
  out << number;
  return out.str();
}

}  // namespace web
