#include "modules/places/places.hpp"

namespace places {
namespace {

bool IsUpperLatin(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsOblastCode(std::string_view text) {
  return text.size() == 3 && IsUpperLatin(text[0]) && IsUpperLatin(text[1]) && IsUpperLatin(text[2]);
}

bool IsMunicipalityCode(std::string_view text) {
  return text.size() == 5 && IsOblastCode(text.substr(0, 3)) && IsDigit(text[3]) && IsDigit(text[4]);
}

}  // namespace places
