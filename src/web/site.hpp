#pragma once
// What every page shares: the layout, the user's language, error pages, and the mapping of errors to answers.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/static_files.hpp"
#include "web/i18n.hpp"
#include "web/reader.hpp"
#include "web/templates.hpp"

namespace web {

enum class NavigationPlace {
  kMain,     // the site's main navigation
  kAccount,  // beside the signed-in user's name
};

// A link in the navigation, declared by a module. It shows only to readers its route admits: it has the access of
// the GET route at `path` (the application fills it in when it starts).
struct NavigationEntry {
  std::string title;  // msgid
  std::string path;
  NavigationPlace place = NavigationPlace::kMain;
  core::Access access = core::Access::Administrator();
  std::string module;
};

struct SiteOptions {
  std::filesystem::path share_directory;   // holds templates/, static/, data/ and src/modules/*/templates
  std::filesystem::path locale_directory;  // compiled catalogues
};

class Site {
 public:
  explicit Site(const SiteOptions& options);

  // Templates of a module live beside its code: src/modules/<module>/templates/<name>.mustache → "<module>/<name>".
  void LoadModuleTemplates(const std::string& module);
  // The links of the layout's navigation, in order; each shows to the readers its access admits.
  void SetNavigation(std::vector<NavigationEntry> entries) { navigation_ = std::move(entries); }

  // Who reads this request and how (language, translations, number formats, the signed-in user): build it once
  // per request and hand it to the views.
  Reader ReaderOf(const http::Request& request) const;
  // The language middleware chose for this request.
  static Language LanguageOf(const http::Request& request);
  std::string Translate(const http::Request& request, std::string_view msgid) const;
  std::string FormatNumber(const http::Request& request, long long number) const;

  // Renders `template_name` with `data` (plus `t` for translation and `lang`) inside the layout.
  http::Response Page(const http::Request& request, std::string_view title, std::string_view template_name,
                      const nlohmann::json& data, int status = 200) const;
  // The same with template data the route built (a page of thousands of rows; see web::TemplateText).
  http::Response PageOfTemplateData(const http::Request& request, std::string_view title,
                                    std::string_view template_name, mustache::data data, int status = 200) const;
  // The two halves of Page, for a route that keeps a rendered body (see web::FragmentCache).
  std::string RenderBody(const http::Request& request, std::string_view template_name,
                         const nlohmann::json& data) const;
  http::Response PageAround(const http::Request& request, std::string_view title, const std::string& body,
                            int status = 200) const;
  http::Response ErrorPage(const http::Request& request, int status) const;
  // One place maps an error to its answer: a page, or JSON under /api/. The detail goes to the log only.
  http::Response Fail(const http::Request& request, const core::Error& error) const;
  static http::Response Json(const nlohmann::json& value, int status = 200);
  // A public list: `value` with its records under `member` ({"items": [...]}). web::App pages it and answers CSV when
  // asked (web/list_formats.hpp); its GET in openapi.json says "x-list": member.
  static http::Response List(const nlohmann::json& value, std::string member);
  // A file to save rather than show: `body` as `content_type`, named `file_name` (plain ASCII) for the browser.
  static http::Response Download(std::string body, std::string_view content_type, std::string_view file_name);
  // 201 Created: `value` is what was created, and `location` where the API shows it.
  static http::Response JsonCreated(const nlohmann::json& value, std::string location);
  // The one shape of a JSON error (components/schemas/Error in docs/api/openapi.json):
  // {"error": {"status": 404, "message": "…", "request_id": "…"}}.
  // With `problems` of input refused field by field: "problems": [{"field", "message", "value"}].
  static http::Response JsonError(const http::Request& request, int status, std::string_view message,
                                  const std::vector<core::FieldProblem>& problems = {});

  const Translations& translations() const { return translations_; }
  const http::StaticFiles& static_files() const { return static_files_; }
  const std::filesystem::path& share_directory() const { return share_directory_; }

 private:
  http::Response FailWithoutRetry(const http::Request& request, const core::Error& error) const;
  std::string RenderTemplateData(const http::Request& request, std::string_view template_name,
                                 mustache::data data) const;
  mustache::data BaseData(const http::Request& request) const;

  std::filesystem::path share_directory_;
  Translations translations_;
  Templates templates_;
  http::StaticFiles static_files_;
  std::vector<NavigationEntry> navigation_;
};

int StatusOf(core::ErrorKind kind);
bool IsApiRequest(const http::Request& request);

}  // namespace web
