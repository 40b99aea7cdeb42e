#pragma once
// Working groups of the practice platform (issue 21, part 5): one for an area of the platform, with members from
// municipalities of several countries, threads of plain-text posts, shared documents, and outputs (a concept, a
// method) that are practices of the library. Pure types and checks; the store keeps them
// (migrations/0031_working_groups.sql), the service decides who may do what.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace practices {

inline constexpr std::size_t kMaxGroupNameCharacters = 200;
inline constexpr std::size_t kMaxGroupPurposeCharacters = 2000;
inline constexpr std::size_t kMaxThreadTitleCharacters = 200;
inline constexpr std::size_t kMaxPostCharacters = 10000;
// The posts one digest lists; more are counted, and the groups' pages show them.
inline constexpr std::size_t kMaxDigestPosts = 50;

// What a group made that became a practice of the library: an idea worked out (a concept), or a way of doing a thing
// that others can follow (a method).
enum class OutputKind { kConcept, kMethod };
std::string_view CodeOf(OutputKind kind);   // "concept"
std::string_view TitleOf(OutputKind kind);  // msgid: "Concept"
std::optional<OutputKind> OutputKindFromCode(std::string_view code);
inline constexpr std::array<OutputKind, 2> kOutputKinds = {OutputKind::kConcept, OutputKind::kMethod};

struct WorkingGroup {
  std::int64_t id = 0;
  std::string area;  // a platform area's code: "education"
  std::string area_name_bg;
  std::string area_name_en;
  std::string name;
  std::string purpose;
  bool demo = false;
  std::int64_t created_at = 0;
  std::int64_t last_activity_at = 0;  // its newest thread or post, else its creation
  // How many, for the lists.
  std::int64_t members = 0;
  std::int64_t municipalities = 0;
  std::vector<std::string> countries;  // codes, in order: "BE", "BG", "CZ"
  std::int64_t threads = 0;
  std::int64_t outputs = 0;
};

// A membership: a person, for one municipality they work for. The demo's invented members name nobody.
struct GroupMember {
  std::optional<std::int64_t> user_id;
  std::string name;  // the person's display name; "" for a demo member
  std::string municipality_code;
  std::string municipality_name_bg;
  std::string municipality_name_en;
  std::string country_code;
  std::int64_t joined_at = 0;
  bool demo = false;
};

struct GroupThread {
  std::int64_t id = 0;
  std::int64_t group_id = 0;
  std::string title;
  std::int64_t posts = 0;
  std::int64_t started_at = 0;
  std::int64_t last_post_at = 0;
  bool demo = false;
};

// A post, with its author's name as it is now (an erased account shows its pseudonym) and the municipality the
// author was a member for.
struct GroupPost {
  std::int64_t id = 0;
  std::int64_t thread_id = 0;
  std::optional<std::int64_t> author_id;
  std::string author_name;
  std::string municipality_code;
  std::string municipality_name_bg;
  std::string municipality_name_en;
  std::string country_code;
  std::string body;
  std::int64_t posted_at = 0;
  bool demo = false;
};

// A document shared with the group: a file checked and stored as monitoring evidence is
// (monitoring::PrepareEvidenceFile).
struct GroupDocument {
  std::int64_t id = 0;
  std::string sha256;
  std::string kind;  // "photo" or "document"
  std::string media_type;
  std::int64_t size = 0;
  std::string original_name;
  std::string added_by_name;
  std::int64_t added_at = 0;
};

struct GroupOutput {
  std::int64_t practice_id = 0;
  OutputKind kind = OutputKind::kMethod;
  std::string title;  // in the reader's language where the practice has a version in it, else its original's
  std::string title_language;
  std::string municipality_name_bg;
  std::string municipality_name_en;
  bool demo = false;
  std::int64_t recorded_at = 0;
};

// A group a practice is an output of, for the practice's page.
struct OutputOf {
  std::int64_t group_id = 0;
  std::string group_name;
  OutputKind kind = OutputKind::kMethod;
};

// What the forms bring.
struct GroupFields {
  std::string area;
  std::string name;
  std::string purpose;
};
struct ThreadFields {
  std::string title;
  std::string body;  // its first post
};

// The problems of each form by field: UTF-8 without NUL, required where a reader needs it, within its length.
std::vector<core::FieldProblem> GroupProblems(const GroupFields& fields);
std::vector<core::FieldProblem> ThreadProblems(const ThreadFields& fields);
std::vector<core::FieldProblem> PostProblems(std::string_view body);

// The practice a member names as typed: its number ("12"), or its address ("/practices/12",
// "https://khetane.example.org/practices/12?version=nl"); nothing for anything else.
std::optional<std::int64_t> PracticeIdIn(std::string_view typed);

}  // namespace practices
