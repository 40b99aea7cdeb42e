// /practices/groups: the working groups by area, a group's page (purpose, members by country and municipality,
// threads, documents for its members, outputs, joining and leaving), a thread with its posts and the reply form, and
// the forms to create a group, start a thread, share a document and mark a practice as an output; and the documents
// themselves, served as monitoring serves its evidence.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "http/multipart.hpp"
#include "modules/practices/practices_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace practices {
namespace {

using nlohmann::json;

// What the pages need to name countries in the reader's language.
struct CountryNames {
  std::map<std::string, std::string, std::less<>> names;

  CountryNames(const web::Reader& reader, GroupsService& service) {
    for (const places::Country& country : service.practices().places().ListCountries()) {
      names[country.code] = reader.Localised(country.name_bg, country.name_en);
    }
  }
  std::string Of(const std::string& code) const {
    const auto found = names.find(code);
    return found == names.end() ? code : found->second;
  }
  // "Belgium, Bulgaria, Czechia", in the reader's alphabetical order.
  std::string List(const web::Reader& reader, const std::vector<std::string>& codes) const {
    std::vector<std::string> named;
    for (const std::string& code : codes) named.push_back(Of(code));
    reader.SortByName(named, [](const std::string& name) { return name; });
    std::string text;
    for (const std::string& name : named) (text += text.empty() ? "" : ", ") += name;
    return text;
  }
};

std::string Counted(const web::Reader& reader, std::string_view singular, std::string_view plural, std::int64_t count) {
  return reader.SayPlural(singular, plural, static_cast<long>(count), {{"count", reader.Number(count)}});
}

std::string SignInUrl(const http::Request& request) { return "/signin?next=" + http::PercentEncode(request.path); }

// Who wrote a post, as the reader may see it: the name for members, else the municipality the author was a member
// for.
std::string AuthorOf(const web::Reader& reader, const CountryNames& countries, const GroupPost& post) {
  if (post.municipality_code.empty()) {
    return post.author_name.empty() ? reader.Translate("An administrator of Khetane")
                                    : reader.Say("{name}, administrator of Khetane", {{"name", post.author_name}});
  }
  const std::string place =
      reader.Localised(post.municipality_name_bg, post.municipality_name_en) + ", " + countries.Of(post.country_code);
  if (!post.author_id) return reader.Say("A demo member for {place}", {{"place", place}});
  if (post.author_name.empty()) return reader.Say("A member for {place}", {{"place", place}});
  return post.author_name + " (" + place + ")";
}

std::string_view ExtensionOf(std::string_view media_type) {
  if (media_type == "image/jpeg") return ".jpg";
  if (media_type == "application/pdf") return ".pdf";
  if (media_type == "text/plain") return ".txt";
  if (media_type == "application/msword") return ".doc";
  if (media_type.ends_with("wordprocessingml.document")) return ".docx";
  if (media_type.ends_with("spreadsheetml.sheet")) return ".xlsx";
  if (media_type.ends_with("opendocument.text")) return ".odt";
  if (media_type.ends_with("opendocument.spreadsheet")) return ".ods";
  return "";
}

std::string SizeOf(const web::Reader& reader, std::int64_t bytes) {
  if (bytes < 100 * 1024) {
    return reader.Say("{size} KB", {{"size", reader.Number(std::max<std::int64_t>(1, (bytes + 1023) / 1024))}});
  }
  return reader.Say("{size} MB", {{"size", reader.Decimal(static_cast<double>(bytes) / (1024.0 * 1024.0), 1)}});
}

json AreaOptions(const web::Reader& reader, GroupsService& service, std::string_view selected) {
  json list = json::array();
  for (const auto& area : service.Areas()) {
    list.push_back({{"value", area.code},
                    {"label", reader.Localised(area.name_bg, area.name_en)},
                    {"selected", area.code == selected}});
  }
  return list;
}

// The groups of each area that has any, in the platform's order of areas.
http::Response GroupsPage(http::Request& request, const web::Site& site, GroupsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const CountryNames countries(reader, service);
  const std::vector<WorkingGroup> groups = service.List();
  json areas = json::array();
  for (const auto& area : service.Areas()) {
    json rows = json::array();
    for (const WorkingGroup& group : groups) {
      if (group.area != area.code) continue;
      rows.push_back(
          {{"url", GroupPath(group.id)},
           {"name", group.name},
           {"demo", group.demo},
           {"members", Counted(reader, "{count} member", "{count} members", group.members)},
           {"municipalities", Counted(reader, "{count} municipality", "{count} municipalities", group.municipalities)},
           {"countries", countries.List(reader, group.countries)},
           {"threads", Counted(reader, "{count} thread", "{count} threads", group.threads)},
           {"active", reader.Say("active {date}", {{"date", reader.DateTime(group.last_activity_at)}})}});
    }
    if (rows.empty()) continue;
    areas.push_back({{"code", area.code}, {"name", reader.Localised(area.name_bg, area.name_en)}, {"groups", rows}});
  }
  const core::SignedIn* user = kernel::SignedInOf(request);
  const bool may_create = user != nullptr && service.MayCreate(*user);
  const json data = {{"areas", areas},
                     {"has_groups", !groups.empty()},
                     {"may_create", may_create},
                     {"none", web::ui::Empty(reader.Translate("There is no working group yet."),
                                             may_create ? reader.Translate("Create a working group") : "",
                                             may_create ? "/practices/groups/new" : "")}};
  return site.Page(request, reader.Translate("Working groups"), "practices/groups", data);
}

// The members by country and municipality: how many, and their names for those who may see them.
json MembersData(const web::Reader& reader, const CountryNames& countries, const GroupView& view) {
  struct Place {
    std::string name;
    std::int64_t count = 0;
    std::vector<std::string> people;
  };
  std::map<std::string, std::map<std::string, Place>> by_country;
  for (const GroupMember& member : view.members) {
    Place& place = by_country[member.country_code][member.municipality_code];
    place.name = reader.Localised(member.municipality_name_bg, member.municipality_name_en);
    ++place.count;
    if (view.sees_names) {
      place.people.push_back(member.user_id ? member.name : reader.Translate("A demo member"));
    }
  }
  std::vector<std::pair<std::string, json>> list;
  for (const auto& [code, in_country] : by_country) {
    std::vector<std::pair<std::string, json>> municipalities;
    for (const auto& [municipality, place] : in_country) {
      std::vector<std::string> people = place.people;
      reader.SortByName(people, [](const std::string& name) { return name; });
      std::string names;
      for (const std::string& name : people) (names += names.empty() ? "" : ", ") += name;
      municipalities.emplace_back(place.name,
                                  json{{"name", place.name},
                                       {"url", "/places/municipalities/" + municipality},
                                       {"count", Counted(reader, "{count} member", "{count} members", place.count)},
                                       {"people", names}});
    }
    reader.SortByName(municipalities, [](const auto& each) { return each.first; });
    json rows = json::array();
    for (auto& each : municipalities) rows.push_back(std::move(each.second));
    list.emplace_back(countries.Of(code), json{{"country", countries.Of(code)}, {"municipalities", rows}});
  }
  reader.SortByName(list, [](const auto& each) { return each.first; });
  json result = json::array();
  for (auto& each : list) result.push_back(std::move(each.second));
  return result;
}

// The join form: the municipalities the person may be a member for, by name.
json JoinChoices(const web::Reader& reader, GroupsService& service, const core::SignedIn& user,
                 const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> choices;
  const CountryNames countries(reader, service);
  for (const places::Municipality& municipality : service.MunicipalitiesOf(user)) {
    choices.emplace_back(municipality.code, reader.Localised(municipality.name_bg, municipality.name_en) + ", " +
                                                countries.Of(municipality.country_code));
  }
  reader.SortByName(choices, [](const auto& choice) { return choice.second; });
  json list = json::array();
  for (const auto& [code, name] : choices) {
    list.push_back({{"value", code}, {"label", name}, {"selected", code == selected}});
  }
  return list;
}

http::Response GroupPage(http::Request& request, const web::Site& site, GroupsService& service,
                         const std::string& typed_municipality, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const std::int64_t id = request.IntParameter("id");
  auto view = service.Read(kernel::ActorOf(request), id, std::string(reader.code()));
  if (!view) return site.Fail(request, view.error());
  const CountryNames countries(reader, service);
  const WorkingGroup& group = view->group;
  const std::string path = GroupPath(group.id);
  const core::SignedIn* user = kernel::SignedInOf(request);

  json threads = json::array();
  for (const GroupThread& thread : view->threads) {
    threads.push_back({{"url", ThreadPath(group.id, thread.id)},
                       {"title", thread.title},
                       {"demo", thread.demo},
                       {"posts", Counted(reader, "{count} post", "{count} posts", thread.posts)},
                       {"active", reader.DateTime(thread.last_post_at)}});
  }
  json documents = json::array();
  for (const GroupDocument& document : view->documents) {
    const std::string_view extension = ExtensionOf(document.media_type);
    std::string type =
        document.kind == "photo" ? reader.Translate("photo") : std::string(extension.substr(extension.empty() ? 0 : 1));
    if (document.kind != "photo") {
      for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    documents.push_back(
        {{"url", path + "/files/" + document.sha256},
         {"name", document.original_name.empty() ? reader.Translate(document.kind == "photo" ? "A photo" : "A document")
                                                 : document.original_name},
         {"photo", document.kind == "photo"},
         {"type", type},
         {"size", SizeOf(reader, document.size)},
         {"added", document.added_by_name.empty()
                       ? reader.DateTime(document.added_at)
                       : document.added_by_name + ", " + reader.DateTime(document.added_at)}});
  }
  json outputs = json::array();
  for (const GroupOutput& output : view->outputs) {
    outputs.push_back({{"url", PracticePath(output.practice_id)},
                       {"title", output.title},
                       {"lang", output.title_language},
                       {"kind", reader.Translate(TitleOf(output.kind))},
                       {"place", reader.Localised(output.municipality_name_bg, output.municipality_name_en)},
                       {"demo", output.demo}});
  }
  json join = nullptr;
  if (user != nullptr && !view->membership) {
    const json choices = JoinChoices(reader, service, *user, typed_municipality);
    const json refused = refusal.Data(reader, [](std::string_view field) { return "join-" + std::string(field); });
    join = {{"choices", choices},
            {"has_choices", !choices.empty()},
            {"refusal", refused},
            {"problem", refusal.ProblemOf(reader, "municipality")}};
  }
  std::string member_for;
  if (view->membership) {
    for (const GroupMember& member : view->members) {
      if (member.municipality_code == *view->membership) {
        member_for = reader.Localised(member.municipality_name_bg, member.municipality_name_en);
      }
    }
  }
  const json data = {
      {"name", group.name},
      {"demo", group.demo},
      {"purpose", group.purpose},
      {"area", reader.Localised(group.area_name_bg, group.area_name_en)},
      {"area_url", "/practices?area=" + group.area},
      {"summary", web::ui::Cards({{reader.Number(group.members), reader.Translate("members")},
                                  {reader.Number(group.municipalities), reader.Translate("municipalities")},
                                  {reader.Number(static_cast<std::int64_t>(group.countries.size())),
                                   reader.Translate("countries")},
                                  {reader.Number(group.outputs), reader.Translate("outputs")}})},
      {"countries", MembersData(reader, countries, *view)},
      {"has_members", !view->members.empty()},
      {"sees_names", view->sees_names},
      {"may_write", view->may_write},
      {"signed_in", user != nullptr},
      {"sign_in_url", SignInUrl(request)},
      {"csrf", web::CsrfOf(request)},
      {"join", join},
      {"join_url", path + "/join"},
      {"member", view->membership.has_value()},
      {"member_for", reader.Say("You are a member for {place}.", {{"place", member_for}})},
      {"leave_url", path + "/leave"},
      {"threads", threads},
      {"has_threads", !threads.empty()},
      {"new_thread_url", path + "/threads/new"},
      {"documents", documents},
      {"has_documents", !documents.empty()},
      {"new_document_url", path + "/documents/new"},
      {"outputs", outputs},
      {"has_outputs", !outputs.empty()},
      {"new_output_url", path + "/outputs/new"},
      {"json_url", "/api/v1" + path}};
  return site.Page(request, group.name, "practices/group", data, refusal.Empty() ? 200 : refusal.Status());
}

http::Response ThreadPage(http::Request& request, const web::Site& site, GroupsService& service,
                          const std::string& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  auto view = service.ReadThread(kernel::ActorOf(request), request.IntParameter("id"), request.IntParameter("thread"));
  if (!view) return site.Fail(request, view.error());
  const CountryNames countries(reader, service);
  json posts = json::array();
  for (const GroupPost& post : view->posts) {
    posts.push_back({{"id", post.id},
                     {"by", AuthorOf(reader, countries, post)},
                     {"written", reader.DateTime(post.posted_at)},
                     {"body", post.body},
                     {"demo", post.demo}});
  }
  const json refused = refusal.Data(reader, [](std::string_view field) { return "post-" + std::string(field); });
  const std::string path = ThreadPath(view->group.id, view->thread.id);
  const json data = {{"group", view->group.name},
                     {"group_url", GroupPath(view->group.id)},
                     {"title", view->thread.title},
                     {"demo", view->thread.demo},
                     {"posts", posts},
                     {"sees_names", view->sees_names},
                     {"may_write", view->may_write},
                     {"signed_in", kernel::SignedInOf(request) != nullptr},
                     {"sign_in_url", SignInUrl(request)},
                     {"csrf", web::CsrfOf(request)},
                     {"action", path + "/posts"},
                     {"typed", typed},
                     {"max", kMaxPostCharacters},
                     {"refusal", refused},
                     {"problem", refusal.ProblemOf(reader, "body")}};
  return site.Page(request, view->thread.title, "practices/group_thread", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response GroupForm(http::Request& request, const web::Site& site, GroupsService& service,
                         const GroupFields& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "group-" + std::string(field); });
  web::ui::Field name{"name", "group-name", reader.Translate("Name"), typed.name,
                      reader.Translate("What the group works on, in a line.")};
  name.required = true;
  name.maxlength = static_cast<int>(kMaxGroupNameCharacters);
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"refusal", refused},
                     {"problems", refused["problems"]},
                     {"areas", AreaOptions(reader, service, typed.area)},
                     {"name", web::ui::TextField(name, refusal.ProblemOf(reader, "name"))},
                     {"purpose", typed.purpose},
                     {"purpose_max", kMaxGroupPurposeCharacters}};
  return site.Page(request, reader.Translate("Create a working group"), "practices/group_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response ThreadForm(http::Request& request, const web::Site& site, const WorkingGroup& group,
                          const ThreadFields& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "thread-" + std::string(field); });
  web::ui::Field title{"title", "thread-title", reader.Translate("Title"), typed.title,
                       reader.Translate("What the thread is about, in a line.")};
  title.required = true;
  title.maxlength = static_cast<int>(kMaxThreadTitleCharacters);
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"refusal", refused},
                     {"problems", refused["problems"]},
                     {"group", group.name},
                     {"group_url", GroupPath(group.id)},
                     {"action", GroupPath(group.id) + "/threads"},
                     {"title", web::ui::TextField(title, refusal.ProblemOf(reader, "title"))},
                     {"body", typed.body},
                     {"max", kMaxPostCharacters}};
  return site.Page(request, reader.Translate("Start a thread"), "practices/group_thread_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response DocumentForm(http::Request& request, const web::Site& site, const WorkingGroup& group,
                            const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "document-" + std::string(field); });
  const json data = {{"csrf", web::CsrfOf(request)},     {"refusal", refused},
                     {"problems", refused["problems"]},  {"group", group.name},
                     {"group_url", GroupPath(group.id)}, {"action", GroupPath(group.id) + "/documents"}};
  return site.Page(request, reader.Translate("Share a document"), "practices/group_document_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

struct OutputTyped {
  std::string practice;
  std::string kind;
};

http::Response OutputForm(http::Request& request, const web::Site& site, const WorkingGroup& group,
                          const OutputTyped& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "output-" + std::string(field); });
  web::ui::Field practice{"practice", "output-practice", reader.Translate("The practice"), typed.practice,
                          reader.Translate("Its number in the library, or its address: the address of a practice ends "
                                           "with its number (/practices/12).")};
  practice.required = true;
  practice.maxlength = 500;
  json kinds = json::array();
  for (const OutputKind kind : kOutputKinds) {
    kinds.push_back({{"value", CodeOf(kind)},
                     {"label", reader.Translate(TitleOf(kind))},
                     {"hint", reader.Translate(kind == OutputKind::kConcept
                                                   ? "An idea the group worked out, for others to build on."
                                                   : "A way of doing a thing, step by step, that others can follow.")},
                     {"checked", CodeOf(kind) == typed.kind}});
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"refusal", refused},
                     {"problems", refused["problems"]},
                     {"group", group.name},
                     {"group_url", GroupPath(group.id)},
                     {"action", GroupPath(group.id) + "/outputs"},
                     {"practice", web::ui::TextField(practice, refusal.ProblemOf(reader, "practice"))},
                     {"kinds", kinds}};
  return site.Page(request, reader.Translate("Mark a practice as an output of the group"),
                   "practices/group_output_form", data, refusal.Empty() ? 200 : refusal.Status());
}

// A refusal a form cannot mend (no such group, not a member) is a page of its own; the rest come back to the form.
bool NoFormMends(const core::Error& error) {
  return error.kind == core::ErrorKind::kNotFound || error.kind == core::ErrorKind::kForbidden;
}

}  // namespace

void AddGroupPages(kernel::Routes& routes, const web::Site& site, GroupsService& service) {
  routes.Get(
      "/practices/groups", core::Access::Anyone(),
      [&site, &service](http::Request& request) { return GroupsPage(request, site, service); },
      http::Kept::kForVisitors);
  routes.Get("/practices/groups/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               if (!service.MayCreate(user)) {
                 return site.Fail(request, core::Error::Forbidden("Coordinators and administrators create working "
                                                                  "groups; anyone with a role for a municipality joins "
                                                                  "them."));
               }
               GroupFields typed;
               typed.area = request.Query("area").value_or("");
               return GroupForm(request, site, service, typed, {});
             });
  routes.Post("/practices/groups", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const GroupFields typed{request.Form("area").value_or(""), request.Form("name").value_or(""),
                                        request.Form("purpose").value_or("")};
                const auto created = service.Create(user, typed);
                if (created) return http::Response::Redirect(GroupPath(*created));
                if (NoFormMends(created.error())) return site.Fail(request, created.error());
                return GroupForm(request, site, service, typed, web::Refusal::Of(created.error()));
              });
  routes.Get(
      "/practices/groups/{id:int}", core::Access::Anyone(),
      [&site, &service](http::Request& request) { return GroupPage(request, site, service, "", {}); },
      http::Kept::kForVisitors);
  routes.Post("/practices/groups/{id:int}/join", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::string typed = request.Form("municipality").value_or("");
                const auto joined =
                    service.Join(user, request.IntParameter("id"), typed, std::string(site.ReaderOf(request).code()));
                if (joined) return http::Response::Redirect(GroupPath(*joined) + "#members-heading");
                if (NoFormMends(joined.error())) return site.Fail(request, joined.error());
                return GroupPage(request, site, service, typed, web::Refusal::Of(joined.error()));
              });
  routes.Post("/practices/groups/{id:int}/leave", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto left = service.Leave(user, request.IntParameter("id"));
                if (!left) return site.Fail(request, left.error());
                return http::Response::Redirect(GroupPath(*left));
              });
  routes.Get("/practices/groups/{id:int}/threads/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto group = service.GroupToWriteIn(user, request.IntParameter("id"));
               if (!group) return site.Fail(request, group.error());
               return ThreadForm(request, site, *group, {}, {});
             });
  routes.Post("/practices/groups/{id:int}/threads", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const ThreadFields typed{request.Form("title").value_or(""), request.Form("body").value_or("")};
                const auto started = service.StartThread(user, id, typed);
                if (started) return http::Response::Redirect(ThreadPath(id, *started));
                if (NoFormMends(started.error())) return site.Fail(request, started.error());
                const auto group = service.GroupToWriteIn(user, id);
                if (!group) return site.Fail(request, group.error());
                return ThreadForm(request, site, *group, typed, web::Refusal::Of(started.error()));
              });
  routes.Get(
      "/practices/groups/{id:int}/threads/{thread:int}", core::Access::Anyone(),
      [&site, &service](http::Request& request) { return ThreadPage(request, site, service, "", {}); },
      http::Kept::kForVisitors);
  routes.Post("/practices/groups/{id:int}/threads/{thread:int}/posts", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const std::int64_t thread = request.IntParameter("thread");
                const std::string typed = request.Form("body").value_or("");
                const auto posted = service.Reply(user, id, thread, typed);
                if (posted)
                  return http::Response::Redirect(ThreadPath(id, thread) + "#post-" + std::to_string(*posted));
                if (NoFormMends(posted.error())) return site.Fail(request, posted.error());
                return ThreadPage(request, site, service, typed, web::Refusal::Of(posted.error()));
              });
  routes.Get("/practices/groups/{id:int}/documents/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto group = service.GroupToWriteIn(user, request.IntParameter("id"));
               if (!group) return site.Fail(request, group.error());
               return DocumentForm(request, site, *group, {});
             });
  // A multipart form: the CSRF check has read its parts already (http::CachedMultipartParts).
  routes.Post("/practices/groups/{id:int}/documents", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto* parts = http::CachedMultipartParts(request);
                const http::FormPart* file = http::FindPart(parts, "file");
                const std::string name = file != nullptr ? file->filename.value_or("") : "";
                const auto shared = service.Share(user, id, name, file != nullptr ? file->body : "");
                if (shared) return http::Response::Redirect(GroupPath(id) + "#documents-heading");
                if (NoFormMends(shared.error())) return site.Fail(request, shared.error());
                const auto group = service.GroupToWriteIn(user, id);
                if (!group) return site.Fail(request, group.error());
                return DocumentForm(request, site, *group, web::Refusal::Of(shared.error()));
              });
  // As monitoring serves its evidence: never sniffed, and a download unless it is a photo (re-encoded as JPEG).
  routes.Get("/practices/groups/{id:int}/files/{sha256:[0-9a-f]{64}}", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const std::string sha256 = request.Parameter("sha256");
               const auto file = service.FileFor(user, request.IntParameter("id"), sha256);
               if (!file) return site.Fail(request, file.error());
               http::Response response;
               response.body = file->content;
               response.SetHeader("Content-Type", file->media_type);
               response.SetHeader("X-Content-Type-Options", "nosniff");
               if (file->media_type != "image/jpeg") {
                 response.SetHeader("Content-Disposition",
                                    fmt::format("attachment; filename=\"group-document-{}{}\"", sha256.substr(0, 12),
                                                ExtensionOf(file->media_type)));
               }
               response.SetHeader("Cache-Control", "private, max-age=3600");
               return response;
             });
  routes.Get("/practices/groups/{id:int}/outputs/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto group = service.GroupToWriteIn(user, request.IntParameter("id"));
               if (!group) return site.Fail(request, group.error());
               return OutputForm(request, site, *group, {request.Query("practice").value_or(""), "method"}, {});
             });
  routes.Post("/practices/groups/{id:int}/outputs", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const OutputTyped typed{request.Form("practice").value_or(""), request.Form("kind").value_or("")};
                const auto marked = service.MarkOutput(user, id, typed.practice, typed.kind);
                if (marked) return http::Response::Redirect(GroupPath(id) + "#outputs-heading");
                if (NoFormMends(marked.error())) return site.Fail(request, marked.error());
                const auto group = service.GroupToWriteIn(user, id);
                if (!group) return site.Fail(request, group.error());
                return OutputForm(request, site, *group, typed, web::Refusal::Of(marked.error()));
              });
}

std::optional<std::string> OutputOfGroupsHtml(const http::Request& request, const web::Site& site,
                                              GroupsService& service, std::int64_t practice_id) {
  const std::vector<OutputOf> groups = service.OutputsOfPractice(practice_id);
  if (groups.empty()) return std::nullopt;
  const web::Reader reader = site.ReaderOf(request);
  json rows = json::array();
  for (const OutputOf& each : groups) {
    rows.push_back({{"url", GroupPath(each.group_id)},
                    {"name", each.group_name},
                    {"kind", reader.Translate(each.kind == OutputKind::kConcept ? "a concept" : "a method")}});
  }
  const json data = {{"groups", rows}};
  return site.RenderBody(request, "practices/group_outputs_of_practice", data);
}

}  // namespace practices
