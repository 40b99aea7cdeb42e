#include "web/site.hpp"

#include <spdlog/spdlog.h>

namespace web {

int StatusOf(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::kNotFound:
      return 404;
    case core::ErrorKind::kInvalidInput:
      return 400;
    case core::ErrorKind::kConflict:
      return 409;
    case core::ErrorKind::kForbidden:
      return 403;
    case core::ErrorKind::kUnauthenticated:
      return 401;
    case core::ErrorKind::kRateLimited:
      return 429;
    case core::ErrorKind::kGone:
      return 410;
    case core::ErrorKind::kUnavailable:
      return 503;
    case core::ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

bool IsApiRequest(const http::Request& request) { return request.path.starts_with("/api/"); }

Site::Site(const SiteOptions& options)
    : share_directory_(options.share_directory),
      translations_(options.locale_directory),
      static_files_("/static/", options.share_directory / "static") {
  templates_.LoadDirectory(share_directory_ / "templates");
  templates_.LoadDirectory(share_directory_ / "templates" / "ui", "ui/");  // the design system's partials
}

void Site::LoadModuleTemplates(const std::string& module) {
  templates_.LoadDirectory(share_directory_ / "src" / "modules" / module / "templates", module + "/");
}

Language Site::LanguageOf(const http::Request& request) {
  const auto code = request.Attribute("lang");
  return code ? LanguageFromCode(*code).value_or(kDefaultLanguage) : kDefaultLanguage;
}

Reader Site::ReaderOf(const http::Request& request) const {
  return Reader(translations_, LanguageOf(request), request.Context<core::SignedIn>(core::kSignedInContext));
}

std::string Site::Translate(const http::Request& request, std::string_view msgid) const {
  return translations_.Translate(LanguageOf(request), msgid);
}

std::string Site::FormatNumber(const http::Request& request, long long number) const {
  return translations_.FormatNumber(LanguageOf(request), number);
}

mustache::data Site::BaseData(const http::Request& request) const {
  const Language language = LanguageOf(request);
  mustache::data data{mustache::data::type::object};
  data.set("lang", std::string(CodeOf(language)));
  // {{#t}}Places{{/t}}: the catalogue's text, escaped; never re-parsed as a template.
  data.set("t", mustache::lambda2{[this, language](const std::string& msgid, const mustache::renderer&) {
             return mustache::html_escape(translations_.Translate(language, msgid));
           }});
  return data;
}

http::Response Site::Page(const http::Request& request, std::string_view title, std::string_view template_name,
                          const nlohmann::json& data, int status) const {
  return PageAround(request, title, RenderBody(request, template_name, data), status);
}

http::Response Site::PageOfTemplateData(const http::Request& request, std::string_view title,
                                        std::string_view template_name, mustache::data data, int status) const {
  return PageAround(request, title, RenderTemplateData(request, template_name, std::move(data)), status);
}

std::string Site::RenderBody(const http::Request& request, std::string_view template_name,
                             const nlohmann::json& data) const {
  return RenderTemplateData(request, template_name, ToMustache(data));
}

std::string Site::RenderTemplateData(const http::Request& request, std::string_view template_name,
                                     mustache::data body_data) const {
  mustache::data base = BaseData(request);
  body_data.set("lang", base.get("lang")->string_value());
  body_data.set("t", *base.get("t"));
  return templates_.Render(template_name, body_data);
}

http::Response Site::PageAround(const http::Request& request, std::string_view title, const std::string& body,
                                int status) const {
  mustache::data base = BaseData(request);
  const Language language = LanguageOf(request);
  std::string here = request.path;
  if (!request.query_string.empty()) here += "?" + request.query_string;
  // The languages whose catalogue is complete, each named in itself so that a reader finds their own; one no fluent
  // speaker has reviewed yet carries a mark in the reader's language.
  mustache::data languages{mustache::data::type::list};
  for (const Language other : translations_.Offered()) {
    mustache::data item{mustache::data::type::object};
    item.set("code", std::string(CodeOf(other)));
    item.set("name", std::string(NameOf(other)));
    item.set("url", "/language/" + std::string(CodeOf(other)) + "?next=" + http::PercentEncode(here));
    item.set("current", other == language);
    if (!translations_.Reviewed(other)) {
      item.set("unreviewed", translations_.Translate(language, "not reviewed"));
      item.set("unreviewed_title",
               translations_.Translate(language,
                                       "Translated by machine or by someone not fluent in the language: a fluent "
                                       "speaker has not reviewed it yet."));
    }
    languages.push_back(std::move(item));
  }
  base.set("title", std::string(title));
  base.set("body", body);  // rendered above from escaped data: the one raw insertion of the layout
  base.set("languages", languages);
  base.set("css_url", static_files_.VersionedUrl("app.css"));
  base.set("search_query", request.path == "/places/search" ? request.Query("q").value_or("") : "");
  const auto user_name = request.Attribute("user_name");
  if (user_name) {
    base.set("user_name", std::string(*user_name));
    base.set("csrf_token", std::string(request.Attribute("csrf_token").value_or("")));
  }
  // The modules' links that this reader may open.
  const core::SignedIn* user = request.Context<core::SignedIn>(core::kSignedInContext);
  mustache::data main_links{mustache::data::type::list};
  mustache::data account_links{mustache::data::type::list};
  for (const NavigationEntry& entry : navigation_) {
    if (!entry.access.Allows(user ? &user->actor() : nullptr)) continue;
    mustache::data link{mustache::data::type::object};
    link.set("title", translations_.Translate(language, entry.title));
    link.set("url", entry.path);
    (entry.place == NavigationPlace::kMain ? main_links : account_links).push_back(std::move(link));
  }
  base.set("navigation", std::move(main_links));
  base.set("account_navigation", std::move(account_links));
  http::Response response = http::Response::Html(templates_.Render("layout", base), status);
  // A page that shows who is signed in is theirs alone: no shared cache may keep it.
  if (user_name) response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

http::Response Site::ErrorPage(const http::Request& request, int status) const {
  std::string heading;
  std::string explanation;
  switch (status) {
    case 400:
      heading = "This address is not valid";
      explanation = "Part of the address or the form could not be understood. Check it and try again.";
      break;
    case 401:
      heading = "Sign in first";
      explanation = "This page is for signed-in users. Sign in, then open it again.";
      break;
    case 404:
      heading = "Page not found";
      explanation = "There is no page at this address. It may have moved, or the address may be mistyped.";
      break;
    case 405:
      heading = "This action is not possible here";
      explanation = "The page exists, but it does not accept this kind of request.";
      break;
    case 410:
      heading = "This is no longer here";
      explanation = "What this address led to has expired or was used up, and will not come back. Ask for a new one.";
      break;
    case 413:
      heading = "The upload is too large";
      explanation = "What you sent is larger than this server accepts. Send a smaller file.";
      break;
    case 414:
      heading = "This address is too long";
      explanation = "The address is longer than this server reads. Shorten the search or the filters and try again.";
      break;
    case 429:
      heading = "Too many tries";
      explanation = "There were too many tries in a short while. Wait a little, then try again.";
      break;
    case 431:
      heading = "The request is too large";
      explanation =
          "Your browser sent more with this request than this server reads, often too many cookies. Clear this "
          "site's cookies and try again.";
      break;
    case 503:
      heading = "The service is unavailable";
      explanation = "The server is too busy, or cannot reach its database, right now. Try again in a minute.";
      break;
    default:
      heading = "Something went wrong";
      explanation =
          "The server could not answer this request. The error has been logged; if you report it, give the request id "
          "below.";  // NOLINT: one msgid
      break;
  }
  if (IsApiRequest(request)) {
    return JsonError(request, status, heading);
  }
  const nlohmann::json data = {{"status", status},
                               {"heading", Translate(request, heading)},
                               {"explanation", Translate(request, explanation)},
                               {"request_id", request.request_id},
                               {"show_request_id", status >= 500}};
  try {
    return Page(request, Translate(request, heading), "error", data, status);
  } catch (const std::exception& error) {
    spdlog::error("request {}: the error page itself failed: {}", request.request_id, error.what());
    return http::Response::Text("Error " + std::to_string(status) + ". Request id: " + request.request_id, status);
  }
}

http::Response Site::Fail(const http::Request& request, const core::Error& error) const {
  http::Response response = FailWithoutRetry(request, error);
  if (error.retry_after_seconds > 0) response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

http::Response Site::FailWithoutRetry(const http::Request& request, const core::Error& error) const {
  const int status = StatusOf(error.kind);
  if (!error.detail.empty()) spdlog::warn("request {}: {}: {}", request.request_id, error.message, error.detail);
  if (status >= 500 || error.message.empty()) return ErrorPage(request, status);
  if (IsApiRequest(request)) {
    // In English, the arguments as given (dates in ISO 8601), for a program to read.
    const std::string message =
        core::FillArguments(error.message, error.arguments, [](const core::MessageArgument& argument) {
          return argument.value_en.empty() ? argument.value : argument.value_en;
        });
    return JsonError(request, status, message, error.problems);
  }
  const std::string heading = ReaderOf(request).Say(error.message, error.arguments);
  const nlohmann::json data = {{"status", status},
                               {"heading", heading},
                               {"explanation", ""},
                               {"request_id", request.request_id},
                               {"show_request_id", false}};
  return Page(request, heading, "error", data, status);
}

http::Response Site::JsonError(const http::Request& request, int status, std::string_view message,
                               const std::vector<core::FieldProblem>& problems) {
  nlohmann::json body = {{"status", status}, {"message", message}, {"request_id", request.request_id}};
  // Input refused field by field: every problem, for a client to show beside its field.
  for (const core::FieldProblem& problem : problems) {
    const std::string text =
        core::FillArguments(problem.message, problem.arguments, [](const core::MessageArgument& argument) {
          return argument.value_en.empty() ? argument.value : argument.value_en;
        });
    body["problems"].push_back({{"field", problem.field}, {"message", text}, {"value", problem.value}});
  }
  return Json({{"error", body}}, status);
}

http::Response Site::Download(std::string body, std::string_view content_type, std::string_view file_name) {
  http::Response response = http::Response::Text(std::move(body));
  response.SetHeader("Content-Type", std::string(content_type));
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + std::string(file_name) + "\"");
  return response;
}

http::Response Site::Json(const nlohmann::json& value, int status) {
  return http::Response::Json(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

http::Response Site::List(const nlohmann::json& value, std::string member) {
  http::Response response = Json(value);
  response.list_member = std::move(member);
  return response;
}

http::Response Site::JsonCreated(const nlohmann::json& value, std::string location) {
  http::Response response = Json(value, 201);
  response.SetHeader("Location", std::move(location));
  return response;
}

}  // namespace web
