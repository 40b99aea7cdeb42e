#include "modules/policies/pending_imports.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "modules/accounts/session.hpp"

namespace policies {
namespace {

constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

std::string Base64(std::string_view bytes) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kBase64), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kBase64);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, kBase64) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

}  // namespace

std::string PendingImports::Keep(std::int64_t user_id, std::int64_t document_id, std::string_view file_name,
                                 std::string_view bytes) {
  const std::int64_t now = clock_.Now();
  store_.DeletePendingImportsBefore(now - kPendingImportSeconds);
  std::string token = accounts::NewToken();
  store_.InsertPendingImport(accounts::HashToken(token),
                             {document_id, user_id, std::string(file_name), Base64(bytes), now});
  return token;
}

std::optional<PendingImport> PendingImports::Find(std::int64_t user_id, std::int64_t document_id,
                                                  std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  const std::string hash = accounts::HashToken(token);
  const auto row = store_.FindPendingImport(hash);
  if (!row) return std::nullopt;
  if (row->created_at < clock_.Now() - kPendingImportSeconds) {
    store_.DeletePendingImport(hash);
    return std::nullopt;
  }
  if (row->user_id != user_id || row->document_id != document_id) return std::nullopt;
  auto bytes = FromBase64(row->file_base64);
  if (!bytes) return std::nullopt;
  return PendingImport{row->document_id, row->user_id, row->file_name, std::move(*bytes)};
}

void PendingImports::Forget(std::string_view token) {
  if (!token.empty()) store_.DeletePendingImport(accounts::HashToken(token));
}

}  // namespace policies
