#pragma once
// The files of imports a person has previewed (a dry run) and may apply without choosing the file again: kept an
// hour, for that person and that document only, under a random token that only the person's page holds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "modules/policies/policies_store.hpp"

namespace policies {

inline constexpr std::int64_t kPendingImportSeconds = 3600;

struct PendingImport {
  std::int64_t document_id = 0;
  std::int64_t user_id = 0;
  std::string file_name;
  std::string bytes;
};

class PendingImports {
 public:
  PendingImports(PoliciesStore& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // Keeps the file for the user and the document; the token (random, from libsodium) applies it. Forgets the files
  // of others' previews that have expired.
  std::string Keep(std::int64_t user_id, std::int64_t document_id, std::string_view file_name, std::string_view bytes);
  // The file kept under `token` for this user and this document; nothing when the token is unknown, has expired
  // (then the file is forgotten), or was given to someone else or for another document.
  std::optional<PendingImport> Find(std::int64_t user_id, std::int64_t document_id, std::string_view token);
  // Forgets the file (once applied).
  void Forget(std::string_view token);

 private:
  PoliciesStore& store_;
  const core::Clock& clock_;
};

}  // namespace policies
