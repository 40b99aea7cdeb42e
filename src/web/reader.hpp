#pragma once
// Who reads a page and how they read it: the language with its translations and number formats, and the signed-in
// user (or none). Built once per request (Site::ReaderOf) and handed to the views, instead of each helper asking the
// site for the language, a translation or a number on every line.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/collation.hpp"
#include "core/error.hpp"
#include "web/i18n.hpp"

namespace web {

class Reader {
 public:
  Reader(const Translations& translations, Language language, const core::SignedIn* user)
      : translations_(translations), language_(language), user_(user) {}

  Language language() const { return language_; }
  std::string_view code() const { return CodeOf(language_); }
  // Which of the two languages content is stored in (names of places, plan texts) this reader reads. Content exists in
  // Bulgarian and English only, so every reader but a Bulgarian one reads the English: true for English, Czech,
  // Dutch and Romani alike. It says nothing of the interface's language: ask language() for that.
  bool english() const { return language_ != Language::kBulgarian; }
  bool bulgarian() const { return language_ == Language::kBulgarian; }

  std::string Translate(std::string_view msgid) const { return translations_.Translate(language_, msgid); }
  // The message in the reader's language with each "{name}" replaced by its argument (a date as the reader writes
  // dates): the words of an error that names who did what and when.
  std::string Say(std::string_view msgid, const std::vector<core::MessageArgument>& arguments) const;
  // Say for a message with a number in it: the singular or the plural form the reader's language wants for `count`.
  std::string SayPlural(std::string_view singular, std::string_view plural, long count,
                        const std::vector<core::MessageArgument>& arguments) const;
  std::string TranslatePlural(std::string_view singular, std::string_view plural, long count) const {
    return translations_.TranslatePlural(language_, singular, plural, count);
  }
  // 1234567 → "1 234 567" in Bulgarian and Czech (no-break spaces), "1,234,567" in English, "1.234.567" in Dutch.
  std::string Number(long long number) const { return translations_.FormatNumber(language_, number); }
  // A decimal number rounded to at most `decimals` places, without trailing zeros: 12.5 → "12,5" in Bulgarian, Czech
  // and Dutch, "12.5" in English; 1234.25 → "1 234,3" / "1,234.3" / "1.234,3"; a non-finite value → "".
  std::string Decimal(double value, int decimals = 1) const;
  // Whole cents as people write the amount: "48 000,50" in Bulgarian and Czech, "48,000.50" in English, "48.000,50"
  // in Dutch.
  std::string Amount(std::int64_t cents) const;
  // With its currency as the reader writes it (ICU's patterns for the language): "48 000,50 лв." / "BGN 48,000.50" /
  // "48 000,50 BGN" (Czech) / "BGN 48.000,50" (Dutch); "24 542,10 €" (Bulgarian, Czech) / "€24,542.10" /
  // "€ 24.542,10" (Dutch); "1 234,50 Kč" in Czech. The euro, the lev and the currency of the reader's country get
  // their symbols; any other code follows the amount: "1.00 USD".
  std::string Money(std::int64_t cents, std::string_view currency) const;
  // "2025-01-15" → "15.01.2025 г." / "15 January 2025" / "15. 1. 2025" (Czech, in numerals as Czech offices write
  // it) / "15 januari 2025" (Dutch) / "15.1.2025" (Romani); what is not such a date stays as it is.
  std::string Date(std::string_view iso) const;
  // The month of a day, short, as the language writes it on a chart's axis: "Apr 2027", "апр 2027 г.", "duben 2027".
  std::string MonthYear(std::string_view iso) const;
  // An instant as the reader's clock showed it, in the installation's zone (core/local_time.hpp):
  // "06.12.2026 г., 05:46" / "6 December 2026, 05:46" / "6. 12. 2026 5:46" / "6 december 2026 om 05:46" /
  // "6.12.2026, 05:46".
  std::string DateTime(std::int64_t unix_seconds) const;
  // 47.6 → "48%".
  static std::string Percent(double percent);
  // The English text for a reader of the English content (english()) when there is one, the original otherwise.
  const std::string& Localised(const std::string& original, const std::string& in_english) const {
    return english() && !in_english.empty() ? in_english : original;
  }

  // Sorts `items` by the name `name_of` gives each, in the reader's alphabetical order: ICU's collation of the
  // language, as the databases sort with db::CollationOf.
  template <typename T, typename NameOf>
  void SortByName(std::vector<T>& items, NameOf name_of) const {
    const core::Collator collator(code());
    std::vector<std::pair<std::string, T>> named;
    named.reserve(items.size());
    for (T& item : items) {
      std::string name = name_of(item);
      named.emplace_back(std::move(name), std::move(item));
    }
    std::stable_sort(named.begin(), named.end(),
                     [&collator](const auto& a, const auto& b) { return collator(a.first, b.first); });
    for (std::size_t i = 0; i < named.size(); ++i) items[i] = std::move(named[i].second);
  }

  // The signed-in user, or nullptr for a visitor.
  const core::SignedIn* user() const { return user_; }
  const Translations& translations() const { return translations_; }

 private:
  std::string Fill(std::string text, const std::vector<core::MessageArgument>& arguments) const;
  const Translations& translations_;
  Language language_;
  const core::SignedIn* user_;
};

}  // namespace web
