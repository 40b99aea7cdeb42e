#include "modules/places/places.hpp"

#include <algorithm>

namespace places {
namespace {

bool IsUpperLatin(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsOblastCode(std::string_view text) {
  return text.size() == 3 && IsUpperLatin(text[0]) && IsUpperLatin(text[1]) && IsUpperLatin(text[2]);
}

std::int64_t Census2021::answered_ethnic_question() const {
  std::int64_t answered = 0;
  for (std::size_t i = kFirstEthnicColumn; i < kFirstEthnicColumn + kEthnicAnswers; ++i) answered += counts[i];
  return answered;
}

std::optional<std::int64_t> Publishable(std::int64_t count) {
  if (count < kSmallCountThreshold) return std::nullopt;
  return count;
}

std::optional<double> PublishableShare(std::int64_t count, std::int64_t whole) {
  if (!Publishable(count) || whole <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(count) / static_cast<double>(whole);
}

bool IsCountryCode(std::string_view text) { return text.size() == 2 && IsUpperLatin(text[0]) && IsUpperLatin(text[1]); }

bool IsLauCode(std::string_view text) {
  return !text.empty() && text.size() <= 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return IsUpperLatin(c) || IsDigit(c); });
}

bool IsRegionCode(std::string_view text) {
  return text.size() == 5 && IsCountryCode(text.substr(0, 2)) && IsLauCode(text.substr(2));
}

bool IsMunicipalityCode(std::string_view text) {
  if (text.size() == 5 && IsOblastCode(text.substr(0, 3)) && IsDigit(text[3]) && IsDigit(text[4])) return true;
  return text.size() > 3 && IsCountryCode(text.substr(0, 2)) && text.substr(0, 2) != kBulgaria && text[2] == '-' &&
         IsLauCode(text.substr(3));
}

std::string MunicipalityCodeOf(std::string_view country, std::string_view lau_code) {
  if (country == kBulgaria) return std::string(lau_code);
  return std::string(country) + "-" + std::string(lau_code);
}

std::string_view CountryOfMunicipality(std::string_view code) {
  return code.size() > 3 && code[2] == '-' ? code.substr(0, 2) : kBulgaria;
}

}  // namespace places
