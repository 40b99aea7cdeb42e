#include "web/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "core/local_time.hpp"

namespace web {
namespace {

constexpr std::string_view kNoBreakSpace = "\u00A0";

bool ReadNumber(std::string_view text, int& number) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
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
  return (negative ? "-" : "") + Number(whole) + (fraction.empty() ? "" : (english() ? "." : ",") + fraction);
}

std::string Reader::Amount(std::int64_t cents) const {
  const std::int64_t magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}{}{:02}", cents < 0 ? "-" : "", Number(magnitude / 100), english() ? "." : ",",
                     magnitude % 100);
}

std::string Reader::Money(std::int64_t cents, std::string_view currency) const {
  const std::string amount = Amount(cents);
  if (currency == "BGN") return english() ? fmt::format("BGN{}{}", kNoBreakSpace, amount) : amount + "\u00A0лв.";
  if (currency == "EUR") return english() ? "€" + amount : amount + "\u00A0€";
  return fmt::format("{}{}{}", amount, kNoBreakSpace, currency);
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
    return english() && !argument.value_en.empty() ? argument.value_en : argument.value;
  });
}

std::string Reader::Date(std::string_view iso) const {
  int year = 0, month = 0, day = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !ReadNumber(iso.substr(0, 4), year) ||
      !ReadNumber(iso.substr(5, 2), month) || !ReadNumber(iso.substr(8, 2), day) || month < 1 || month > 12 ||
      day < 1 || day > 31) {
    return std::string(iso);
  }
  if (!english()) return fmt::format("{:02}.{:02}.{}{}г.", day, month, year, kNoBreakSpace);
  static constexpr std::array<std::string_view, 12> kMonths = {"January",   "February", "March",    "April",
                                                               "May",       "June",     "July",     "August",
                                                               "September", "October",  "November", "December"};
  return fmt::format("{} {} {}", day, kMonths[static_cast<std::size_t>(month - 1)], year);
}

std::string Reader::DateTime(std::int64_t unix_seconds) const {
  const std::string local = core::LocalMinute(unix_seconds);  // "2026-12-06 05:46"
  return fmt::format("{}, {}", Date(local.substr(0, 10)), local.substr(11));
}

std::string Reader::Percent(double percent) { return fmt::format("{}%", static_cast<long long>(std::lround(percent))); }

}  // namespace web
