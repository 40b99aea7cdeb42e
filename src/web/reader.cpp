#include "web/reader.hpp"

#include <fmt/format.h>
#include <unicode/datefmt.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/ucurr.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "core/local_time.hpp"

namespace web {
namespace {

constexpr std::string_view kNoBreakSpace = "\u00A0";
constexpr double kMillisecondsInADay = 86'400'000.0;

bool ReadNumber(std::string_view text, int& number) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
}

// "2026-12-06" → its day, or nothing for what is not such a date.
std::optional<std::chrono::year_month_day> DayOf(std::string_view iso) {
  int year = 0, month = 0, day = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !ReadNumber(iso.substr(0, 4), year) ||
      !ReadNumber(iso.substr(5, 2), month) || !ReadNumber(iso.substr(8, 2), day) || month < 1 || month > 12 ||
      day < 1 || day > 31) {
    return std::nullopt;
  }
  return std::chrono::year_month_day{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                     std::chrono::day(static_cast<unsigned>(day))};
}

std::string Utf8(const icu::UnicodeString& text) {
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

enum class WithTime { kNo, kYes };

// ICU's formats, in the language's own conventions (CLDR): Czech offices write a date in numerals, "6. 12. 2026"
// (CLDR's medium date; ČSN 01 6910), and a time without a leading zero; English and Dutch write the month's name,
// "6 December 2026", "6 december 2026 om 05:46". Romani, which CLDR does not describe, writes numerals as Bulgarian
// does, without the Bulgarian "г.". Bulgarian keeps its own numerals, "06.12.2026 г.", below.
std::unique_ptr<icu::DateFormat> MakeDateFormat(Language language, WithTime with_time) {
  const icu::Locale locale(std::string(FormatLocaleOf(language)).c_str());
  const bool time = with_time == WithTime::kYes;
  std::unique_ptr<icu::DateFormat> format;
  if (language == Language::kRomani) {
    UErrorCode status = U_ZERO_ERROR;
    format = std::make_unique<icu::SimpleDateFormat>(time ? "d.M.y, HH:mm" : "d.M.y", locale, status);
    if (U_FAILURE(status)) format.reset();
  } else {
    const auto style = language == Language::kCzech ? icu::DateFormat::kMedium : icu::DateFormat::kLong;
    format.reset(time ? icu::DateFormat::createDateTimeInstance(style, icu::DateFormat::kShort, locale)
                      : icu::DateFormat::createDateInstance(style, locale));
  }
  if (!format) throw std::runtime_error("ICU has no date format for " + std::string(CodeOf(language)));
  // The instant given is the local date and time itself, counted as if in UTC: the zone was applied already.
  format->setTimeZone(*icu::TimeZone::getGMT());
  return format;
}

// `milliseconds` since 1970 in UTC, shown as the language writes a date (and a time). An ICU DateFormat keeps state
// while it formats: each thread keeps its own.
std::string FormatDate(Language language, WithTime with_time, double milliseconds) {
  thread_local std::map<std::pair<Language, WithTime>, std::unique_ptr<icu::DateFormat>> formats;
  std::unique_ptr<icu::DateFormat>& format = formats[{language, with_time}];
  if (!format) format = MakeDateFormat(language, with_time);
  icu::UnicodeString text;
  format->format(milliseconds, text);
  return Utf8(text);
}

double MillisecondsOf(const std::chrono::year_month_day& day) {
  return static_cast<double>(std::chrono::sys_days(day).time_since_epoch().count()) * kMillisecondsInADay;
}

// The currencies a reader sees as a symbol: the euro and the lev, which the installation's plans are in, and their
// own country's (ICU's currency of the language's locale: koruna for Czech).
bool HasSymbolFor(Language language, std::string_view currency) {
  if (currency == "EUR" || currency == "BGN") return true;
  if (currency.size() != 3) return false;
  UChar own[4] = {};
  UErrorCode status = U_ZERO_ERROR;
  ucurr_forLocale(std::string(FormatLocaleOf(language)).c_str(), own, 4, &status);
  return U_SUCCESS(status) && icu::UnicodeString(own, 3) == icu::UnicodeString(currency.data(), 3, US_INV);
}

}  // namespace

std::string Reader::Decimal(double value, int decimals) const {
  if (!std::isfinite(value)) return "";
  decimals = std::clamp(decimals, 0, 6);
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(std::abs(value) * scale);
  if (rounded >= 9e15) return fmt::format("{:.0f}", value);  // beyond whole numbers a double holds exactly
  const auto scaled = static_cast<long long>(rounded);
  const long long whole = scaled / static_cast<long long>(scale);
  std::string fraction = decimals > 0 ? fmt::format("{:0{}}", scaled % static_cast<long long>(scale), decimals) : "";
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  const bool negative = value < 0 && scaled != 0;
  return (negative ? "-" : "") + Number(whole) +
         (fraction.empty() ? "" : translations_.DecimalMarkOf(language_) + fraction);
}

std::string Reader::Amount(std::int64_t cents) const {
  const std::int64_t magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}{}{:02}", cents < 0 ? "-" : "", Number(magnitude / 100),
                     translations_.DecimalMarkOf(language_), magnitude % 100);
}

std::string Reader::Money(std::int64_t cents, std::string_view currency) const {
  if (!HasSymbolFor(language_, currency)) return fmt::format("{}{}{}", Amount(cents), kNoBreakSpace, currency);
  // An ICU formatter is immutable once made, but making one costs: each thread keeps those it made.
  thread_local std::map<std::pair<Language, std::string>, icu::number::LocalizedNumberFormatter> formatters;
  auto formatter = formatters.find({language_, std::string(currency)});
  if (formatter == formatters.end()) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::CurrencyUnit unit(icu::UnicodeString(currency.data(), 3, US_INV).getTerminatedBuffer(), status);
    if (U_FAILURE(status)) return fmt::format("{}{}{}", Amount(cents), kNoBreakSpace, currency);
    const icu::Locale locale(std::string(FormatLocaleOf(language_)).c_str());
    // Grouped as Number() groups, "5 112,92 €", where CLDR would leave a Bulgarian number of four digits whole.
    auto made = icu::number::NumberFormatter::withLocale(locale).unit(unit).grouping(UNUM_GROUPING_ON_ALIGNED);
    formatter = formatters.emplace(std::pair{language_, std::string(currency)}, std::move(made)).first;
  }
  // The amount as a decimal text, so that no cent is lost to a double.
  const std::uint64_t magnitude = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  const std::string decimal = fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString text = formatter->second.formatDecimal(decimal, status).toString(status);
  if (U_FAILURE(status)) return fmt::format("{}{}{}", Amount(cents), kNoBreakSpace, currency);
  return Utf8(text);
}

std::string Reader::Say(std::string_view msgid, const std::vector<core::MessageArgument>& arguments) const {
  return Fill(Translate(msgid), arguments);
}

std::string Reader::SayPlural(std::string_view singular, std::string_view plural, long count,
                              const std::vector<core::MessageArgument>& arguments) const {
  return Fill(TranslatePlural(singular, plural, count), arguments);
}

std::string Reader::Fill(std::string text, const std::vector<core::MessageArgument>& arguments) const {
  return core::FillArguments(std::move(text), arguments, [this](const core::MessageArgument& argument) {
    if (argument.date) return Date(argument.value);
    if (!argument.currency.empty()) return Money(std::stoll(argument.value), argument.currency);
    return english() && !argument.value_en.empty() ? argument.value_en : argument.value;
  });
}

std::string Reader::Date(std::string_view iso) const {
  const auto day = DayOf(iso);
  if (!day) return std::string(iso);
  if (language_ == Language::kBulgarian) {
    return fmt::format("{:02}.{:02}.{}{}г.", static_cast<unsigned>(day->day()), static_cast<unsigned>(day->month()),
                       static_cast<int>(day->year()), kNoBreakSpace);
  }
  return FormatDate(language_, WithTime::kNo, MillisecondsOf(*day));
}

std::string Reader::MonthYear(std::string_view iso) const {
  const auto day = DayOf(iso);
  if (!day) return std::string(iso);
  thread_local std::map<Language, std::unique_ptr<icu::DateFormat>> formats;
  std::unique_ptr<icu::DateFormat>& format = formats[language_];
  if (!format) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(FormatLocaleOf(language_)).c_str());
    format.reset(icu::DateFormat::createInstanceForSkeleton("MMMy", locale, status));
    if (U_FAILURE(status) || !format) {
      format.reset();
      return std::string(iso.substr(0, 7));
    }
    format->setTimeZone(*icu::TimeZone::getGMT());
  }
  icu::UnicodeString text;
  format->format(MillisecondsOf(*day), text);
  return Utf8(text);
}

std::string Reader::DateTime(std::int64_t unix_seconds) const {
  const std::string local = core::LocalMinute(unix_seconds);  // "2026-12-06 05:46"
  int hours = 0, minutes = 0;
  const auto day = DayOf(local.substr(0, 10));
  if (language_ == Language::kBulgarian || language_ == Language::kEnglish || !day || local.size() != 16 ||
      !ReadNumber(local.substr(11, 2), hours) || !ReadNumber(local.substr(14, 2), minutes)) {
    // "06.12.2026 г., 05:46", "6 December 2026, 05:46": CLDR's English "at" reads as an appointment.
    return fmt::format("{}, {}", Date(local.substr(0, 10)), local.substr(11));
  }
  return FormatDate(language_, WithTime::kYes, MillisecondsOf(*day) + (hours * 60 + minutes) * 60'000.0);
}

std::string Reader::Percent(double percent) { return fmt::format("{}%", static_cast<long long>(std::lround(percent))); }

}  // namespace web
