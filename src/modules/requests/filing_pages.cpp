// /requests: information requests, proposals and signals with their deadlines; the form that files one, the page
// that records what happened to it and offers the appeal, the letter to print, and how each institution answers.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "core/one_of.hpp"
#include "modules/requests/requests_routes.hpp"
#include "web/ui.hpp"

namespace requests {
namespace {

using nlohmann::json;

constexpr std::int64_t kPageSize = 50;

std::string GuideOf(std::string_view kind) {
  return kind == kInformationRequest ? "/guides/information-requests" : "/guides/proposals-and-signals";
}

json Choices(const web::Reader& reader, std::span<const std::string_view> values, std::string_view chosen) {
  json list = json::array();
  for (const std::string_view value : values) {
    list.push_back({{"value", value}, {"label", reader.Translate(ChoiceTitle(value))}, {"checked", value == chosen}});
  }
  return list;
}

constexpr std::string_view kRequestExtensions[] = {"volume", "third_party"};
constexpr std::string_view kProposalExtensions[] = {"higher_body"};

std::string_view NewTitle(std::string_view kind) {
  if (kind == kInformationRequest) return "File an information request";
  return kind == "proposal" ? "File a proposal" : "File a signal";
}

http::Response FilingForm(http::Request& request, const web::Site& site, FilingsService& service,
                          const core::SignedIn& user, const Filing& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  auto places = service.Places();
  json place_choices = json::array();
  for (auto& [code, name] : places) {
    place_choices.push_back(
        {{"value", code}, {"label", reader.english() ? name.en : name.bg}, {"selected", code == typed.place_code}});
  }
  json organisations = json::array();
  for (const accounts::Organisation& organisation : service.OrganisationsOf(user)) {
    organisations.push_back({{"value", organisation.id},
                             {"label", organisation.name},
                             {"selected", typed.organisation_id == organisation.id}});
  }
  const json refused = refusal.Data(reader, [](std::string_view field) { return "filing-" + std::string(field); });
  json data = {{"csrf", web::CsrfOf(request)},
               {"heading", reader.Translate(NewTitle(typed.kind))},
               {"kind", typed.kind},
               {"is_request", typed.kind == kInformationRequest},
               {"is_signal", typed.kind == "signal"},
               {"is_apc", typed.kind != kInformationRequest},
               {"guide_url", GuideOf(typed.kind)},
               {"places", place_choices},
               {"addressee_kinds", Choices(reader, kAddresseeKinds, typed.addressee_kind)},
               {"addressee", typed.addressee_kind == "other" ? typed.addressee : ""},
               {"channels", Choices(reader, kChannels, typed.channel)},
               {"access_forms", Choices(reader, kAccessForms, typed.access_form)},
               {"subject", typed.subject},
               {"body", typed.body},
               {"filed_on", typed.filed_on},
               {"registered_on", typed.registered_on},
               {"registration_number", typed.registration_number},
               {"violation_on", typed.violation_on},
               {"organisations", organisations},
               {"has_organisations", !organisations.empty()},
               {"contact", typed.contact},
               {"is_public", typed.is_public},
               {"refusal", refused},
               {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate(NewTitle(typed.kind)), "requests/filing_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

Filing TypedFiling(const http::Request& request) {
  Filing typed;
  typed.kind = request.Form("kind").value_or("");
  typed.place_code = request.Form("place").value_or("");
  typed.addressee_kind = request.Form("addressee_kind").value_or("");
  typed.addressee = request.Form("addressee").value_or("");
  typed.channel = request.Form("channel").value_or("");
  typed.access_form = request.Form("access_form").value_or("");
  typed.subject = request.Form("subject").value_or("");
  typed.body = request.Form("body").value_or("");
  typed.filed_on = request.Form("filed_on").value_or("");
  typed.registered_on = request.Form("registered_on").value_or("");
  typed.registration_number = request.Form("registration_number").value_or("");
  typed.violation_on = request.Form("violation_on").value_or("");
  typed.organisation_id = web::IdIn(request.Form("organisation"));
  typed.contact = request.Form("contact").value_or("");
  typed.is_public = request.Form("is_public").has_value();
  return typed;
}

// The forms a reader who may record sees on a filing's page: only the steps that can follow now.
json StepForms(const web::Reader& reader, const FilingView& view, const FilingEvent& typed) {
  const bool request = view.filing.kind == kInformationRequest;
  const bool decided = DecisionOf(view.events) != nullptr;
  const auto has = [&](std::string_view kind) {
    return std::any_of(view.events.begin(), view.events.end(),
                       [&](const FilingEvent& event) { return event.kind == kind; });
  };
  json forms = json::array();
  const auto add = [&](std::string_view kind, std::string_view summary, json extra) {
    json form = {{"kind", kind},
                 {"summary", reader.Translate(summary)},
                 {"open", typed.kind == kind},
                 {"day", typed.kind == kind ? typed.day : ""},
                 {"text", typed.kind == kind ? typed.text : ""}};
    form.update(extra);
    form["has_details"] = form.contains("details") && !form["details"].empty();
    forms.push_back(std::move(form));
  };
  if (request && !decided && !has("clarification_asked")) {
    add("clarification_asked", "The institution asked to specify the request", json::object());
  }
  if (request && !decided && has("clarification_asked") && !has("clarified")) {
    add("clarified", "The request was specified", json::object());
  }
  if (!decided && !has("extended")) {
    add("extended", "The institution extended the deadline",
        {{"details", Choices(reader,
                             request ? std::span<const std::string_view>(kRequestExtensions)
                                     : std::span<const std::string_view>(kProposalExtensions),
                             typed.detail)}});
  }
  if (!decided) {
    add("decided", "The institution decided",
        {{"details", request ? Choices(reader, kRequestDecisions, typed.detail)
                             : Choices(reader, kProposalDecisions, typed.detail)},
         {"grounds", request ? Choices(reader, kRefusalGrounds, typed.grounds) : json::array()},
         {"has_grounds", request},
         {"text_label", reader.Translate(request ? "The answer, and a refusal's factual grounds" : "The answer")}});
  }
  if (view.may_appeal) add("appealed", "The decision was appealed", json::object());
  return forms;
}

http::Response FilingPage(http::Request& request, const web::Site& site, FilingsService& service,
                          const kernel::DiscussedSections& discussed, std::int64_t id, const FilingEvent& typed,
                          const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.Read(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const Rules rules = service.CurrentRules();
  json data = FilingJson(reader, *view, rules);
  const json refused = refusal.Data(
      reader, [&typed](std::string_view field) { return "step-" + typed.kind + "-" + std::string(field); });
  data["refusal"] = refused;
  data["problems"] = refused["problems"];
  data["csrf"] = web::CsrfOf(request);
  data["version"] = view->filing.version;
  data["may_record"] = view->may_record;
  data["signed_in"] = kernel::SignedInOf(request) != nullptr;
  data["steps"] = view->may_record ? StepForms(reader, *view, typed) : json::array();
  data["guide_url"] = GuideOf(view->filing.kind);
  data["discussed"] = discussed.HtmlFor(request, FilingPath(id));
  data["letter_url"] = FilingPath(id) + "/letter";
  data["api_url"] = "/api/v1/requests/" + std::to_string(id);
  data["may_appeal"] = view->may_appeal;
  // An answer is evidence a community monitor may cite: a public filing's address goes in an assessment's links.
  data["evidence_address"] =
      view->filing.is_public && DecisionOf(view->events) ? service.AddressOf(view->filing.id) : "";
  if (view->may_appeal && view->clock.appeal_by) {
    data["appeal"] = reader.Say(
        view->clock.state == RequestState::kSilentRefusal
            ? "You may appeal the silent refusal to the administrative court until {date} (Administrative Procedure "
              "Code, Art. 149(2))."
            : "You may appeal the decision to the administrative court until {date} (Administrative Procedure Code, "
              "Art. 149(1)).",
        {{"date", IsoOf(*view->clock.appeal_by), true}});
    data["appeal_over"] = view->clock.days_left < 0;
  }
  const std::string title = reader.Translate(KindTitle(view->filing.kind)) + ": " + view->filing.subject;
  return site.Page(request, title, "requests/filing", data, refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddFilingPages(kernel::Routes& routes, const web::Site& site, FilingsService& service,
                    const kernel::DiscussedSections& discussed) {
  routes.Get(
      "/requests", core::Access::Anyone(),
      [&site, &service](http::Request& request) {
        const web::Reader reader = site.ReaderOf(request);
        FilingFilter filter;
        filter.kind = request.Query("kind").value_or("");
        if (!core::IsOneOf(filter.kind, kFilingKinds)) {
          filter.kind.clear();
        }
        filter.place_code = request.Query("place").value_or("");
        filter.mine = request.Query("mine").has_value() && kernel::SignedInOf(request) != nullptr;
        const std::vector<FilingView> views = service.List(kernel::ActorOf(request), filter);
        const Rules rules = service.CurrentRules();
        const auto page = web::IdIn(request.Query("page")).value_or(1);
        const auto first = std::min<std::size_t>(views.size(), static_cast<std::size_t>((page - 1) * kPageSize));
        const auto last = std::min<std::size_t>(views.size(), first + kPageSize);
        json rows = json::array();
        bool demo = false;
        for (std::size_t at = first; at < last; ++at) {
          rows.push_back(FilingJson(reader, views[at], rules));
          demo = demo || views[at].filing.demo;
        }
        json kinds =
            json::array({{{"label", reader.Translate("All")}, {"url", "/requests"}, {"current", filter.kind.empty()}}});
        for (const std::string_view kind : kFilingKinds) {
          kinds.push_back({{"label", reader.Translate(std::string(KindTitle(kind)) + "s")},
                           {"url", "/requests?kind=" + std::string(kind)},
                           {"current", kind == filter.kind}});
        }
        const std::string query = (filter.kind.empty() ? "" : "kind=" + filter.kind + "&") +
                                  (filter.place_code.empty() ? "" : "place=" + filter.place_code + "&") +
                                  (filter.mine ? "mine=1&" : "");
        const json data = {
            {"rows", rows},
            {"has_rows", !rows.empty()},
            {"none",
             web::ui::Empty(reader.Translate("Nothing is filed here yet."),
                            reader.Translate("File an information request"), "/requests/new?kind=information_request")},
            {"kinds", kinds},
            {"has_demo", demo},
            {"signed_in", kernel::SignedInOf(request) != nullptr},
            {"mine", filter.mine},
            {"count", reader.SayPlural("{count} filed", "{count} filed", static_cast<long>(views.size()),
                                       {{"count", reader.Number(static_cast<long long>(views.size()))}})},
            {"previous", page > 1 ? "/requests?" + query + "page=" + std::to_string(page - 1) : ""},
            {"next", last < views.size() ? "/requests?" + query + "page=" + std::to_string(page + 1) : ""}};
        return site.Page(request, reader.Translate("Requests, proposals and signals"), "requests/filings", data);
      },
      http::Kept::kForVisitors);

  routes.Get("/requests/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               Filing typed;
               typed.kind = request.Query("kind").value_or(std::string(kInformationRequest));
               if (!core::IsOneOf(typed.kind, kFilingKinds)) {
                 typed.kind = std::string(kInformationRequest);
               }
               typed.place_code = request.Query("place").value_or("");
               typed.filed_on = IsoOf(service.Today());
               return FilingForm(request, site, service, user, typed, {});
             });
  routes.Post("/requests", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const Filing typed = TypedFiling(request);
                const auto filed = service.File(user, typed);
                if (filed) return http::Response::Redirect(FilingPath(filed->id));
                Filing shown = typed;
                if (!core::IsOneOf(shown.kind, kFilingKinds)) {
                  shown.kind = std::string(kInformationRequest);
                }
                return FilingForm(request, site, service, user, shown, web::Refusal::Of(filed.error()));
              });

  routes.Get(
      "/requests/institutions", core::Access::Anyone(),
      [&site, &service](http::Request& request) {
        const web::Reader reader = site.ReaderOf(request);
        json rows = json::array();
        for (const OnTime& figure : service.Institutions()) {
          const auto place = service.NameOfPlace(figure.place_code);
          rows.push_back({{"addressee", figure.addressee},
                          {"place", place ? (reader.english() ? place->en : place->bg) : figure.place_code},
                          {"on_time", reader.Number(figure.on_time)},
                          {"late", reader.Number(figure.late)},
                          {"silent", reader.Number(figure.silent)},
                          {"waiting", reader.Number(figure.waiting)},
                          {"progress", web::ui::Progress(reader, figure.share(), "no deadline has ended yet")},
                          {"url", "/requests?place=" + figure.place_code}});
        }
        const json data = {{"rows", rows},
                           {"has_rows", !rows.empty()},
                           {"none", web::ui::Empty(reader.Translate("No information request is recorded yet."))}};
        return site.Page(request, reader.Translate("How institutions answer information requests"),
                         "requests/institutions", data);
      },
      http::Kept::kForVisitors);

  const std::string filing = "/requests/{id:int}";
  routes.Get(filing, core::Access::Anyone(), [&site, &service, &discussed](http::Request& request) {
    return FilingPage(request, site, service, discussed, request.IntParameter("id"), {}, {});
  });
  routes.Get(filing + "/letter", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    const auto view = service.Read(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    Filing shown = view->filing;
    if (!view->may_record) {
      shown.contact.clear();
      if (shown.organisation_name.empty()) shown.filer_name = "…";
    }
    const json data = {{"letter", LetterText(shown)},
                       {"url", FilingPath(shown.id)},
                       {"subject", shown.subject},
                       {"is_request", shown.kind == kInformationRequest},
                       {"demo", shown.demo}};
    return site.Page(request, reader.Translate("The letter"), "requests/letter", data);
  });
  routes.Post(filing + "/events", core::Access::SignedIn(),
              [&site, &service, &discussed](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                FilingEvent typed;
                typed.kind = request.Form("kind").value_or("");
                typed.day = request.Form("day").value_or("");
                typed.detail = request.Form("detail").value_or("");
                typed.grounds = request.Form("grounds").value_or("");
                typed.text = request.Form("text").value_or("");
                const auto recorded = service.Record(user, id, web::IdIn(request.Form("version")).value_or(0), typed);
                if (recorded) return http::Response::Redirect(FilingPath(id) + "#history");
                if (recorded.error().kind == core::ErrorKind::kNotFound ||
                    recorded.error().kind == core::ErrorKind::kForbidden) {
                  return site.Fail(request, recorded.error());
                }
                return FilingPage(request, site, service, discussed, id, typed, web::Refusal::Of(recorded.error()));
              });
}

}  // namespace requests

namespace requests {

kernel::HomeSectionSource DeadlinesOnTheHome(const web::Site& site, FilingsService& service) {
  return [&site, &service](const http::Request& request,
                           const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
    FilingFilter filter;
    filter.mine = true;
    const std::vector<FilingView> views = service.List(user, filter);
    const web::Reader reader = site.ReaderOf(request);
    const Rules rules = service.CurrentRules();
    nlohmann::json rows = nlohmann::json::array();
    for (const FilingView& view : views) {
      const bool running = view.clock.state == RequestState::kWaiting ||
                           view.clock.state == RequestState::kAwaitingClarification ||
                           view.clock.state == RequestState::kOverdue ||
                           view.clock.state == RequestState::kSilentRefusal || view.may_appeal;
      if (running) rows.push_back(FilingJson(reader, view, rules));
      if (rows.size() == 10) break;
    }
    if (rows.empty()) return std::nullopt;
    return kernel::HomeSection{reader.Translate("Requests and their deadlines"),
                               site.RenderBody(request, "requests/home", {{"rows", rows}})};
  };
}

}  // namespace requests
