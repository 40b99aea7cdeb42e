#include "modules/practices/groups_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/monitoring/evidence_files.hpp"
#include "web/reader.hpp"

namespace practices {
namespace {

using core::Role;

core::Error NoSuchGroup() { return core::Error::NotFound("There is no such working group."); }
core::Error NoSuchThread() { return core::Error::NotFound("There is no such thread."); }
core::Error MembersOnly() {
  return core::Error::Forbidden("Only the group's members do this: join the group on its page first.");
}

core::Error Invalid(std::vector<core::FieldProblem> problems) {
  return core::Error::InvalidFields(std::move(problems));
}

// Roles held for the whole installation or for an organisation work for no municipality.
bool NamesPlaces(const core::Scope& scope) {
  return scope.kind == core::ScopeKind::kMunicipality || scope.kind == core::ScopeKind::kOblast;
}

void Blank(std::vector<GroupMember>& members) {
  for (GroupMember& member : members) member.name.clear();
}

// The messages of one member's digest, in their language.
std::string DigestText(const web::Reader& reader, const std::vector<DigestPost>& posts, const std::string& base_url) {
  std::string text = reader.SayPlural(
      "{count} new post in your working groups on Khetane:", "{count} new posts in your working groups on Khetane:",
      static_cast<long>(posts.size()), {{"count", reader.Number(static_cast<long long>(posts.size()))}});
  text += "\n";
  std::int64_t group = 0;
  const std::size_t shown = std::min(posts.size(), kMaxDigestPosts);
  for (std::size_t i = 0; i < shown; ++i) {
    const DigestPost& post = posts[i];
    if (post.group_id != group) {
      group = post.group_id;
      text += "\n" + post.group_name + "\n";
    }
    const std::string author = post.author_name.empty() ? reader.Translate("A demo member") : post.author_name;
    const std::string place = reader.Localised(post.municipality_name_bg, post.municipality_name_en);
    text += "- " + post.thread_title + ": " + author + (place.empty() ? "" : " (" + place + ")") + ", " +
            reader.DateTime(post.posted_at) + "\n  " + base_url + ThreadPath(post.group_id, post.thread_id) + "#post-" +
            std::to_string(post.post_id) + "\n";
  }
  if (posts.size() > shown) {
    const long more = static_cast<long>(posts.size() - shown);
    text +=
        "\n" +
        reader.SayPlural("… and {count} more post, on the groups' pages.",
                         "… and {count} more posts, on the groups' pages.", more, {{"count", reader.Number(more)}}) +
        "\n";
  }
  text += "\n" +
          reader.Translate(
              "You get this message because you are a member of these working groups. To stop it, "
              "leave a group on its page.") +
          "\n";
  return text;
}

}  // namespace

std::string GroupPath(std::int64_t id) { return "/practices/groups/" + std::to_string(id); }
std::string ThreadPath(std::int64_t group_id, std::int64_t thread_id) {
  return GroupPath(group_id) + "/threads/" + std::to_string(thread_id);
}

GroupsService::GroupsService(GroupsStore& store, PracticesService& practices, kernel::AuditLog& audit,
                             const core::Clock& clock, notifications::Outbox& outbox)
    : store_(store), practices_(practices), audit_(audit), clock_(clock), outbox_(outbox) {}

bool GroupsService::MayCreate(const core::Actor& actor) const {
  if (!actor.user_id) return false;
  if (actor.IsAdministrator()) return true;
  return std::any_of(actor.roles.begin(), actor.roles.end(),
                     [](const core::RoleAssignment& assignment) { return assignment.role == Role::kCoordinator; });
}

bool GroupsService::MayBeMemberFor(const core::Actor& actor, const std::string& municipality_code) const {
  if (!actor.user_id || municipality_code.empty()) return false;
  const core::Scope place{core::ScopeKind::kMunicipality, municipality_code};
  return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const core::RoleAssignment& assignment) {
    return NamesPlaces(assignment.scope) && accounts::ScopeCovers(assignment.scope, place);
  });
}

std::vector<places::Municipality> GroupsService::MunicipalitiesOf(const core::SignedIn& user) {
  std::vector<places::Municipality> municipalities;
  places::PlacesService& places = practices_.places();
  for (const core::RoleAssignment& role : user.roles()) {
    if (role.scope.kind == core::ScopeKind::kMunicipality) {
      if (const auto profile = places.FindMunicipality(role.scope.code)) {
        municipalities.push_back((*profile)->detail.municipality);
      }
    } else if (role.scope.kind == core::ScopeKind::kOblast) {
      const auto listed =
          places.ListMunicipalities(role.scope.code, places::SortMunicipalities::kByName, {places::kMaxPageLimit, 0});
      if (listed) municipalities.insert(municipalities.end(), listed->items.begin(), listed->items.end());
    }
  }
  std::sort(municipalities.begin(), municipalities.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  municipalities.erase(std::unique(municipalities.begin(), municipalities.end(),
                                   [](const auto& a, const auto& b) { return a.code == b.code; }),
                       municipalities.end());
  return municipalities;
}

std::optional<std::string> GroupsService::MembershipOf(const core::Actor& actor, std::int64_t group_id) {
  if (!actor.user_id) return std::nullopt;
  auto municipality = store_.MembershipOf(group_id, *actor.user_id);
  // A member who no longer holds a role for their municipality reads as anyone does until they join again.
  if (!municipality || !MayBeMemberFor(actor, *municipality)) return std::nullopt;
  return municipality;
}

core::Result<std::int64_t> GroupsService::Create(const core::SignedIn& user, const GroupFields& fields) {
  GroupFields checked{core::TrimSpaces(fields.area), core::TrimSpaces(fields.name), core::TrimSpaces(fields.purpose)};
  std::vector<core::FieldProblem> problems = GroupProblems(checked);
  const auto areas = practices_.Areas();
  if (!checked.area.empty() &&
      std::none_of(areas.begin(), areas.end(), [&](const auto& area) { return area.code == checked.area; })) {
    problems.push_back({"area", "Choose the area the group works in.", checked.area});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  if (!MayCreate(user)) {
    return core::Error::Forbidden(
        "Coordinators and administrators create working groups; anyone with a role for a "
        "municipality joins them.");
  }
  const auto id = store_.Create(checked, false, user.user_id(), clock_.Now());
  if (!id) return Invalid({{"area", "Choose the area the group works in.", checked.area}});
  audit_.Write(user, "working_group_created", fmt::format("working group {} ({})", *id, checked.name));
  return *id;
}

core::Result<GroupView> GroupsService::Read(const core::Actor& actor, std::int64_t id, const std::string& language) {
  auto group = store_.Find(id);
  if (!group) return NoSuchGroup();
  GroupView view;
  view.group = std::move(*group);
  view.membership = MembershipOf(actor, id);
  view.sees_names = SeesNames(actor, view.membership);
  view.may_write = view.sees_names;
  view.members = store_.Members(id);
  if (!view.sees_names) Blank(view.members);
  view.threads = store_.Threads(id);
  if (view.sees_names) view.documents = store_.Documents(id);
  view.outputs = store_.Outputs(id, language);
  return view;
}

core::Result<ThreadView> GroupsService::ReadThread(const core::Actor& actor, std::int64_t group_id,
                                                   std::int64_t thread_id) {
  auto group = store_.Find(group_id);
  if (!group) return NoSuchGroup();
  auto thread = store_.FindThread(group_id, thread_id);
  if (!thread) return NoSuchThread();
  ThreadView view;
  view.group = std::move(*group);
  view.thread = std::move(*thread);
  view.sees_names = SeesNames(actor, MembershipOf(actor, group_id));
  view.may_write = view.sees_names;
  view.posts = store_.Posts(thread_id);
  if (!view.sees_names) {
    for (GroupPost& post : view.posts) post.author_name.clear();
  }
  return view;
}

core::Result<WorkingGroup> GroupsService::GroupToWriteIn(const core::SignedIn& user, std::int64_t id) {
  auto group = store_.Find(id);
  if (!group) return NoSuchGroup();
  if (!SeesNames(user, MembershipOf(user, id))) return MembersOnly();
  return std::move(*group);
}

core::Result<std::int64_t> GroupsService::Join(const core::SignedIn& user, std::int64_t group_id,
                                               const std::string& municipality_code, const std::string& language) {
  const auto group = store_.Find(group_id);
  if (!group) return NoSuchGroup();
  const std::string code = core::TrimSpaces(municipality_code);
  if (code.empty()) {
    return Invalid({{"municipality", "Choose the municipality you are a member for: one a role of yours is for.", ""}});
  }
  if (!practices_.places().FindMunicipality(code)) {
    return Invalid({{"municipality", "There is no municipality with this code.", code}});
  }
  if (!MayBeMemberFor(user, code)) {
    return Invalid(
        {{"municipality", "Choose the municipality you are a member for: one a role of yours is for.", code}});
  }
  const std::string kept = web::LanguageFromCode(language) ? language : std::string(web::CodeOf(web::kDefaultLanguage));
  if (store_.Join(group_id, user.user_id(), code, kept, clock_.Now())) {
    audit_.Write(user, "working_group_joined", fmt::format("working group {} for {}", group_id, code));
  }
  return group_id;
}

core::Result<std::int64_t> GroupsService::Leave(const core::SignedIn& user, std::int64_t group_id) {
  if (!store_.Find(group_id)) return NoSuchGroup();
  // Leaving a group one is not in leaves it as it was: a form sent twice.
  if (store_.Leave(group_id, user.user_id())) {
    audit_.Write(user, "working_group_left", fmt::format("working group {}", group_id));
  }
  return group_id;
}

core::Result<std::int64_t> GroupsService::StartThread(const core::SignedIn& user, std::int64_t group_id,
                                                      ThreadFields fields) {
  const auto group = store_.Find(group_id);
  if (!group) return NoSuchGroup();
  fields.title = core::TrimSpaces(fields.title);
  fields.body = core::TrimSpaces(fields.body);
  std::vector<core::FieldProblem> problems = ThreadProblems(fields);
  if (!problems.empty()) return Invalid(std::move(problems));
  const auto membership = MembershipOf(user, group_id);
  if (!SeesNames(user, membership)) return MembersOnly();
  return store_.StartThread(group_id, fields, user.user_id(), membership.value_or(""), false, clock_.Now());
}

core::Result<std::int64_t> GroupsService::Reply(const core::SignedIn& user, std::int64_t group_id,
                                                std::int64_t thread_id, const std::string& body) {
  if (!store_.Find(group_id)) return NoSuchGroup();
  if (!store_.FindThread(group_id, thread_id)) return NoSuchThread();
  const std::string text = core::TrimSpaces(body);
  std::vector<core::FieldProblem> problems = PostProblems(text);
  if (!problems.empty()) return Invalid(std::move(problems));
  const auto membership = MembershipOf(user, group_id);
  if (!SeesNames(user, membership)) return MembersOnly();
  return store_.AddPost(group_id, thread_id, text, user.user_id(), membership.value_or(""), false, clock_.Now());
}

core::Result<std::int64_t> GroupsService::Share(const core::SignedIn& user, std::int64_t group_id,
                                                const std::string& file_name, const std::string& bytes) {
  if (!store_.Find(group_id)) return NoSuchGroup();
  // Before the file is decoded: a photo costs a second of work, which only members may ask of the server.
  if (!SeesNames(user, MembershipOf(user, group_id))) return MembersOnly();
  if (file_name.empty() && bytes.empty()) return Invalid({{"file", "Choose a file to share.", ""}});
  auto prepared = monitoring::PrepareEvidenceFile(bytes);
  if (!prepared) return Invalid({{"file", prepared.error().message, file_name}});
  std::string name(core::CutAtCharacter(file_name, 200));
  if (!core::IsStorableText(name)) name.clear();
  const std::int64_t id = store_.AddDocument(group_id, *prepared, name, user.user_id(), clock_.Now());
  audit_.Write(
      user, "working_group_document_shared",
      fmt::format("working group {}: {} ({})", group_id, prepared->sha256.substr(0, 12), prepared->media_type));
  return id;
}

core::Result<StoredGroupFile> GroupsService::FileFor(const core::Actor& actor, std::int64_t group_id,
                                                     const std::string& sha256) {
  if (!store_.Find(group_id)) return NoSuchGroup();
  if (!SeesNames(actor, MembershipOf(actor, group_id))) {
    return core::Error::Forbidden("The group's documents are for its members only.");
  }
  auto file = store_.FindFile(group_id, sha256);
  if (!file) return core::Error::NotFound("There is no such document in this group.");
  return std::move(*file);
}

core::Result<std::int64_t> GroupsService::MarkOutput(const core::SignedIn& user, std::int64_t group_id,
                                                     const std::string& practice, const std::string& kind) {
  if (!store_.Find(group_id)) return NoSuchGroup();
  std::vector<core::FieldProblem> problems;
  const auto practice_id = PracticeIdIn(practice);
  if (core::TrimSpaces(practice).empty()) {
    problems.push_back({"practice", "Write the practice's number or paste its address.", ""});
  } else if (!practice_id || !store_.PracticeExists(*practice_id)) {
    problems.push_back(
        {"practice", "There is no practice with this number in the library.", core::Shortened(practice)});
  }
  const auto output_kind = OutputKindFromCode(kind);
  if (!output_kind) problems.push_back({"kind", "Choose whether it is a concept or a method.", kind});
  if (!problems.empty()) return Invalid(std::move(problems));
  if (!SeesNames(user, MembershipOf(user, group_id))) return MembersOnly();
  store_.SaveOutput(group_id, *practice_id, *output_kind, false, user.user_id(), clock_.Now());
  audit_.Write(user, "working_group_output_marked",
               fmt::format("working group {}: practice {} ({})", group_id, *practice_id, CodeOf(*output_kind)));
  return *practice_id;
}

int GroupsService::QueueDigests(const web::Translations& translations, const std::string& base_url) {
  const std::int64_t now = clock_.Now();
  const std::vector<DigestPost> posts = store_.PostsForDigests(now);
  int queued = 0;
  for (std::size_t first = 0; first < posts.size();) {
    std::size_t end = first;
    while (end < posts.size() && posts[end].user_id == posts[first].user_id) ++end;
    const DigestPost& person = posts[first];
    web::Language language = web::LanguageFromCode(person.language).value_or(web::kDefaultLanguage);
    if (!translations.Offers(language)) language = web::kDefaultLanguage;
    const web::Reader reader(translations, language, nullptr);
    const std::vector<DigestPost> theirs(posts.begin() + static_cast<std::ptrdiff_t>(first),
                                         posts.begin() + static_cast<std::ptrdiff_t>(end));
    notifications::Message message;
    message.recipient = person.email;
    message.subject = reader.Translate("Khetane: new posts in your working groups");
    message.text = DigestText(reader, theirs, base_url);
    message.purpose = "working_group_digest";
    // The message and the mark that it went are written together, or neither is.
    store_.database().Transaction([&](db::Connection& connection) {
      outbox_.Queue(connection, message);
      GroupsStore::MarkDigestSent(connection, person.user_id, now);
    });
    ++queued;
    first = end;
  }
  return queued;
}

}  // namespace practices
