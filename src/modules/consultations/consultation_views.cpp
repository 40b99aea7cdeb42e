// Template data the consultation pages share, and the parts the module adds to other modules' pages: a document's
// consultation, the proposal behind an item, a municipality's consultations, the open ones on the home page, an
// official's proposals to answer and the week's news.
#include <fmt/format.h>

#include "modules/consultations/consultations_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace consultations {
namespace {

using nlohmann::json;

std::string_view StateTone(State state) {
  switch (state) {
    case State::kActive:
    case State::kReopened:
      return "good";
    case State::kPlanned:
      return "neutral";
    case State::kCompleted:
      return "neutral";
  }
  return "neutral";
}

std::string_view AnswerTone(std::string_view answer) {
  if (answer == "accepted") return "good";
  if (answer == "partly_accepted") return "warning";
  if (answer == "rejected") return "bad";
  return "neutral";
}

// The consultations that take proposals today, those closing first.
std::vector<Listed> OpenNow(ConsultationsService& service, const ListFilter& filter, const std::string& today) {
  std::vector<Listed> open;
  for (Listed& listed : service.List(filter)) {
    if (TakesInput(listed.consultation, today)) open.push_back(std::move(listed));
  }
  std::stable_sort(open.begin(), open.end(), [](const Listed& a, const Listed& b) {
    return a.consultation.closes_on < b.consultation.closes_on;
  });
  return open;
}

}  // namespace

std::string ConsultationPath(std::int64_t id) { return "/consultations/" + std::to_string(id); }
std::string ProposalPath(std::int64_t id) { return "/consultations/proposals/" + std::to_string(id); }

json StateBadge(const web::Reader& reader, State state) {
  return web::ui::Badge(reader.Translate(StateTitle(state)), StateTone(state));
}

std::string Countdown(const web::Reader& reader, const Consultation& consultation, const std::string& today) {
  switch (StateOn(consultation, today)) {
    case State::kPlanned:
      return reader.Say("Opens on {date}", {{"date", consultation.opens_on, true}});
    case State::kCompleted:
      return reader.Say("Closed on {date}", {{"date", consultation.closes_on, true}});
    case State::kActive:
    case State::kReopened:
      break;
  }
  const int left = DaysBetween(today, consultation.closes_on);
  if (left == 0) return reader.Say("Closes today, {date}", {{"date", consultation.closes_on, true}});
  return reader.SayPlural("Closes in {count} day, on {date}", "Closes in {count} days, on {date}", left,
                          {{"count", reader.Number(left)}, {"date", consultation.closes_on, true}});
}

json ConsultationJson(const web::Reader& reader, ConsultationsService& service, const Listed& listed,
                      const std::string& today) {
  const Consultation& consultation = listed.consultation;
  const State state = StateOn(consultation, today);
  const auto place = service.PlaceOf(listed);
  return {{"id", consultation.id},
          {"url", ConsultationPath(consultation.id)},
          {"title", reader.Localised(listed.document_title, listed.document_title_en)},
          {"document_url", "/policies/documents/" + std::to_string(consultation.document_id)},
          {"place", reader.english() ? place.en : place.bg},
          {"state", StateBadge(reader, state)},
          {"takes_input", TakesInput(consultation, today)},
          {"countdown", Countdown(reader, consultation, today)},
          {"opens_on", reader.Date(consultation.opens_on)},
          {"closes_on", reader.Date(consultation.closes_on)},
          {"days", reader.Number(DaysBetween(consultation.opens_on, consultation.closes_on))},
          {"short_period_reason", consultation.short_period_reason},
          {"reopened_on", consultation.reopened_on.empty() ? "" : reader.Date(consultation.reopened_on)},
          {"comments", reader.SayPlural("{count} comment", "{count} comments", listed.comments,
                                        {{"count", reader.Number(listed.comments)}})},
          {"proposals", reader.SayPlural("{count} proposal", "{count} proposals", listed.proposals,
                                         {{"count", reader.Number(listed.proposals)}})},
          {"report_url", ConsultationPath(consultation.id) + "/report"},
          {"report_published", consultation.report_published_at.has_value()},
          {"demo", consultation.demo}};
}

json ProposalJson(const web::Reader& reader, const Proposal& proposal) {
  const std::string by =
      proposal.by_authority ? reader.Translate("the authority")
      : proposal.organisation_name.empty()
          ? proposal.author_name
          : reader.Say("{person} for {organisation}",
                       {{"person", proposal.author_name}, {"organisation", proposal.organisation_name}});
  json data = {{"id", proposal.id},
               {"number", proposal.number},
               {"url", ProposalPath(proposal.id)},
               {"kind", reader.Translate(ProposalKindTitle(proposal.kind))},
               {"title", proposal.title},
               {"body", proposal.body},
               {"by", by},
               {"by_authority", proposal.by_authority},
               {"written", reader.Date(IsoDay(proposal.written_at))},
               {"supports", reader.SayPlural("{count} supporter", "{count} supporters", proposal.supports,
                                             {{"count", reader.Number(proposal.supports)}})},
               {"hidden", proposal.hidden_at.has_value()},
               {"hidden_reason", proposal.hidden_reason},
               {"answered", !proposal.answer.empty()},
               {"published", proposal.answer_published_at.has_value()},
               {"answer", web::ui::Badge(reader.Translate(AnswerTitle(proposal.answer)), AnswerTone(proposal.answer))},
               {"answer_reason", proposal.answer_reason},
               {"became_url", proposal.became_item_id ? "/policies/items/" + std::to_string(*proposal.became_item_id)
                                                      : std::string()},
               {"demo", proposal.demo}};
  if (proposal.answer_published_at) data["answered_on"] = reader.Date(IsoDay(*proposal.answer_published_at));
  return data;
}

kernel::ItemSectionSource ProposalsBehindTheItem(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](const http::Request& request, std::int64_t item_id) -> std::optional<std::string> {
    const auto origins = service.OriginsOf(item_id);
    if (origins.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    for (const Origin& origin : origins) {
      const std::string by =
          origin.by_authority ? reader.Translate("the authority")
          : origin.organisation_name.empty()
              ? origin.author_name
              : reader.Say("{person} for {organisation}",
                           {{"person", origin.author_name}, {"organisation", origin.organisation_name}});
      rows.push_back({{"text", reader.Say("Came from proposal {number} by {by} ({answer})",
                                          {{"number", std::to_string(origin.number)},
                                           {"by", by},
                                           {"answer", reader.Translate(AnswerTitle(origin.answer))}})},
                      {"url", ProposalPath(origin.proposal_id)},
                      {"demo", origin.demo}});
    }
    return site.RenderBody(request, "consultations/item_section", json{{"origins", rows}});
  };
}

kernel::DocumentSectionSource ConsultationOfTheDocument(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](const http::Request& request, std::int64_t document_id) -> std::optional<std::string> {
    const auto listed = service.List({.document_id = document_id, .municipality_code = ""});
    const web::Reader reader = site.ReaderOf(request);
    const std::string today = service.Today();
    json rows = json::array();
    bool running = false;
    for (const Listed& each : listed) {
      rows.push_back(ConsultationJson(reader, service, each, today));
      running = running || StateOn(each.consultation, today) != State::kCompleted;
    }
    // The authority of a draft with no consultation planned or open is offered to open one.
    const core::Actor actor = kernel::ActorOf(request);
    const bool may_open = !running && actor.user_id && service.DocumentToConsult(actor, document_id).ok();
    if (rows.empty() && !may_open) return std::nullopt;
    return site.RenderBody(
        request, "consultations/document_section",
        json{{"consultations", rows},
             {"open_url", may_open ? "/consultations/new?document=" + std::to_string(document_id) : ""}});
  };
}

kernel::PlaceSectionSource ConsultationsOfThePlace(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](const http::Request& request, std::string_view code) -> std::optional<std::string> {
    auto listed = service.List({.document_id = std::nullopt, .municipality_code = std::string(code)});
    if (listed.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    const std::string today = service.Today();
    std::stable_partition(listed.begin(), listed.end(),
                          [&](const Listed& each) { return TakesInput(each.consultation, today); });
    json rows = json::array();
    for (const Listed& each : listed) rows.push_back(ConsultationJson(reader, service, each, today));
    return site.RenderBody(request, "consultations/place_section", json{{"consultations", rows}});
  };
}

kernel::HomeFrontSource OpenConsultationsOnTheFront(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](http::Request& request) -> std::optional<std::string> {
    const std::string today = service.Today();
    const auto open = OpenNow(service, {}, today);
    if (open.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    for (std::size_t i = 0; i < open.size() && i < 5; ++i) {
      rows.push_back(ConsultationJson(reader, service, open[i], today));
    }
    return site.RenderBody(request, "consultations/front", json{{"consultations", rows}, {"more", open.size() > 5}});
  };
}

kernel::HomeSectionSource ProposalsToAnswer(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](const http::Request& request,
                           const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
    const web::Reader reader = site.ReaderOf(request);
    const std::string today = service.Today();
    json rows = json::array();
    for (const Listed& listed : service.List()) {
      if (listed.consultation.report_published_at) continue;
      const auto view = service.Read(user, listed.consultation.id);
      if (!view || !view->may_speak_for_authority) continue;
      std::int64_t waiting = 0;
      for (const Proposal& proposal : view->proposals) {
        if (!proposal.hidden_at && !proposal.by_authority && !proposal.answer_published_at) ++waiting;
      }
      if (waiting == 0) continue;
      json row = ConsultationJson(reader, service, listed, today);
      row["waiting"] =
          reader.SayPlural("{count} proposal waits for your answer", "{count} proposals wait for your answer", waiting,
                           {{"count", reader.Number(waiting)}});
      row["answers_url"] = ConsultationPath(listed.consultation.id) + "/answers";
      rows.push_back(std::move(row));
    }
    if (rows.empty()) return std::nullopt;
    return kernel::HomeSection{reader.Translate("Public consultations"),
                               site.RenderBody(request, "consultations/desk", json{{"consultations", rows}})};
  };
}

kernel::ScorecardSource ConsultationsOnTheScorecard(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](const http::Request& request,
                           std::string_view code) -> std::optional<kernel::ScorecardPart> {
    const auto listed = service.List({.document_id = std::nullopt, .municipality_code = std::string(code)});
    if (listed.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    const std::string today = service.Today();
    const std::string heading = reader.Translate("Public consultations");
    const auto column = [](std::string label, bool number = false) {
      return json{{"label", std::move(label)}, {"number", number}};
    };
    const auto cell = [](std::string text, std::string url = "", bool number = false) {
      return json{{"text", std::move(text)}, {"url", std::move(url)}, {"number", number}};
    };
    json columns =
        json::array({column(reader.Translate("Draft")), column(reader.Translate("Proposals taken")),
                     column(reader.Translate("proposals received"), true), column(reader.Translate("accepted"), true),
                     column(reader.Translate("Accepted in full"), true)});
    std::vector<std::vector<std::string>> table = {
        {reader.Translate("Draft"), reader.Translate("First day for proposals"),
         reader.Translate("Last day for proposals"), reader.Translate("proposals received"),
         reader.Translate("accepted"), reader.Translate("Accepted in full")}};
    json rows = json::array();
    bool demo = false;
    for (const Listed& each : listed) {
      const ReportFigures figures = service.FiguresOf(each.consultation.id);
      const auto share = figures.accepted_share();
      const std::string title = reader.Localised(each.document_title, each.document_title_en);
      demo = demo || each.consultation.demo;
      json cells =
          json::array({cell(title, ConsultationPath(each.consultation.id)),
                       cell(reader.Date(each.consultation.opens_on) + " – " + reader.Date(each.consultation.closes_on)),
                       cell(reader.Number(figures.received), "", true), cell(reader.Number(figures.accepted), "", true),
                       cell(share ? web::Reader::Percent(*share) : reader.Translate("no answer yet"),
                            ConsultationPath(each.consultation.id) + "/report", true)});
      rows.push_back({{"cells", std::move(cells)}});
      table.push_back({title, each.consultation.opens_on, each.consultation.closes_on, std::to_string(figures.received),
                       std::to_string(figures.accepted), share ? fmt::format("{:.1f}", *share) : ""});
    }
    const std::string html =
        site.RenderBody(request, "ui/table", {{"label", heading}, {"columns", columns}, {"rows", rows}});
    return kernel::ScorecardPart{heading, html, std::move(table), demo};
  };
}

kernel::RecentChangeSource ConsultationNewsOfTheWeek(const web::Site& site, ConsultationsService& service) {
  return [&site, &service](const http::Request& request, std::int64_t since, std::size_t limit) {
    const web::Reader reader = site.ReaderOf(request);
    std::vector<kernel::RecentChange> changes;
    const std::string today = service.Today();
    const std::string since_day = IsoDay(since);
    for (const Listed& listed : service.List()) {
      const Consultation& consultation = listed.consultation;
      const std::string title = reader.Localised(listed.document_title, listed.document_title_en);
      if (consultation.opened_at >= since) {
        changes.push_back({consultation.opened_at,
                           reader.Say("Public consultation opened on “{title}”, until {date}",
                                      {{"title", title}, {"date", consultation.closes_on, true}}),
                           ConsultationPath(consultation.id), consultation.demo});
      }
      if (consultation.closes_on >= since_day && consultation.closes_on < today) {
        const auto day = DayOf(consultation.closes_on);
        const std::int64_t at =
            std::chrono::duration_cast<std::chrono::seconds>((*day + std::chrono::days(1)).time_since_epoch()).count();
        changes.push_back({at, reader.Say("Public consultation closed on “{title}”", {{"title", title}}),
                           ConsultationPath(consultation.id) + "/report", consultation.demo});
      }
      if (consultation.report_published_at && *consultation.report_published_at >= since) {
        changes.push_back(
            {*consultation.report_published_at,
             reader.Say("The statement on the proposals about “{title}” was published", {{"title", title}}),
             ConsultationPath(consultation.id) + "/report", consultation.demo});
      }
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const kernel::RecentChange& a, const kernel::RecentChange& b) { return a.at > b.at; });
    if (changes.size() > limit) changes.resize(limit);
    return changes;
  };
}

}  // namespace consultations
