#include "core/collation.hpp"

#include <unicode/ucol.h>

#include <stdexcept>

namespace core {

Collator::Collator(std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string locale(language);
  collator_.reset(ucol_open(locale.c_str(), &status));
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU collator for ") + locale + ": " + u_errorName(status));
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;

void Collator::Closer::operator()(UCollator* collator) const { ucol_close(collator); }

int Collator::Compare(std::string_view a, std::string_view b) const {
  UErrorCode status = U_ZERO_ERROR;
  // ucol_strcollUTF8 reads malformed bytes as U+FFFD; the byte comparison below still orders them.
  const UCollationResult result = ucol_strcollUTF8(collator_.get(), a.data(), static_cast<int32_t>(a.size()), b.data(),
                                                   static_cast<int32_t>(b.size()), &status);
  if (U_SUCCESS(status) && result != UCOL_EQUAL) return result == UCOL_LESS ? -1 : 1;
  return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
}

}  // namespace core
