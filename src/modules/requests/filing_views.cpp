// How a filing reads on a page and in the API: its state as a badge and a sentence, its deadlines with the rules
// they follow (and whether each was checked), its history; shared by the pages, the API and the meetings' agendas.
#include <fmt/format.h>

#include "modules/requests/requests_routes.hpp"
#include "web/ui.hpp"

namespace requests {

using nlohmann::json;

std::string_view KindTitle(std::string_view kind) {
  if (kind == kInformationRequest) return "Information request";
  return kind == "proposal" ? "Proposal" : "Signal";
}

std::string_view ChoiceTitle(std::string_view value) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"written", "In writing"},
      {"electronic", "By email or another electronic way"},
      {"oral", "Orally"},
      {"platform", "Through the national platform for access to public information"},
      {"municipality", "The municipality (its mayor)"},
      {"municipal_council", "The municipal council"},
      {"regional_administration", "The regional administration"},
      {"other", "Another institution"},
      {"electronic_copy", "Copies by email or on a data carrier"},
      {"paper_copy", "Copies on paper"},
      {"review", "Looking at the documents"},
      {"oral_answer", "An oral answer"},
      {"clarification_asked", "The institution asked to specify the request"},
      {"clarified", "The request was specified"},
      {"extended", "The deadline was extended"},
      {"decided", "The decision"},
      {"appealed", "Appealed to the administrative court"},
      {"volume", "A large volume of information (Art. 30)"},
      {"third_party", "A third party's consent is needed (Art. 31)"},
      {"higher_body", "The higher body extended it (Art. 118(2))"},
      {"granted", "Access granted"},
      {"partly_granted", "Access granted in part"},
      {"refused", "Access refused"},
      {"accepted", "Accepted"},
      {"partly_accepted", "Accepted in part"},
      {"rejected", "Rejected"},
      {"art37_1_1", "Classified information or another protected secret (Art. 37(1) item 1)"},
      {"art37_1_2", "A third party's interest, and it refused consent (Art. 37(1) item 2)"},
      {"art37_1_3", "Given to the requester in the past six months (Art. 37(1) item 3)"},
      {"other_ground", "Another legal ground"},
      {"none_stated", "The decision states no legal ground"}};
  for (const auto& [code, title] : kTitles) {
    if (code == value) return title;
  }
  return "";
}

json StateOfFiling(const web::Reader& reader, const FilingView& view) {
  const RequestClock& clock = view.clock;
  const auto date = [](const std::optional<Day>& day) { return day ? IsoOf(*day) : std::string(); };
  std::string label;
  std::string tone = "neutral";
  std::string sentence;
  const FilingEvent* decision = DecisionOf(view.events);
  switch (clock.state) {
    case RequestState::kWaiting:
      label = reader.Translate("Waiting for the decision");
      sentence =
          clock.days_left == 0
              ? reader.Say("The institution must decide today, {date}.", {{"date", date(clock.decide_by), true}})
              : reader.SayPlural("The institution must decide by {date}: {count} day left.",
                                 "The institution must decide by {date}: {count} days left.", clock.days_left,
                                 {{"date", date(clock.decide_by), true}, {"count", reader.Number(clock.days_left)}});
      break;
    case RequestState::kAwaitingClarification:
      label = reader.Translate("To be specified");
      tone = "warning";
      sentence = reader.Say(
          "The institution asked to specify the request: specify it by {date}, or it is left without consideration.",
          {{"date", date(clock.clarify_by), true}});
      break;
    case RequestState::kLeftWithoutConsideration:
      label = reader.Translate("Left without consideration");
      tone = "bad";
      sentence = reader.Say("It was not specified by {date}, so it is left without consideration.",
                            {{"date", date(clock.clarify_by), true}});
      break;
    case RequestState::kDecided: {
      label = reader.Translate(ChoiceTitle(decision ? decision->detail : ""));
      tone = decision && (decision->detail == "granted" || decision->detail == "accepted") ? "good" : "warning";
      const int late = clock.decide_by && decision && DayOf(decision->day)
                           ? DaysBetween(*clock.decide_by, *DayOf(decision->day))
                           : 0;
      sentence = late > 0 ? reader.SayPlural("Decided on {date}, {count} day after the deadline.",
                                             "Decided on {date}, {count} days after the deadline.", late,
                                             {{"date", decision->day, true}, {"count", reader.Number(late)}})
                          : reader.Say("Decided on {date}, within the deadline.",
                                       {{"date", decision ? decision->day : "", true}});
      break;
    }
    case RequestState::kSilentRefusal:
      label = reader.Translate("Silent refusal");
      tone = "bad";
      sentence = reader.Say("There was no decision by {date}: the law treats this as a silent refusal.",
                            {{"date", date(clock.decide_by), true}});
      break;
    case RequestState::kOverdue:
      label = reader.Translate("Overdue");
      tone = "bad";
      sentence = reader.Say("There was no decision by {date}.", {{"date", date(clock.decide_by), true}});
      break;
  }
  return {{"badge", web::ui::Badge(label, tone)}, {"sentence", sentence}, {"late", clock.decided_late}};
}

json DeadlinesOf(const web::Reader& reader, const FilingView& view, const Rules& rules) {
  const RequestClock& clock = view.clock;
  json rows = json::array();
  const auto add = [&](std::string_view title, const std::optional<Day>& day, std::vector<std::string_view> codes) {
    if (!day) return;
    json cited = json::array();
    bool unchecked = false;
    for (const std::string_view code : codes) {
      if (!rules.Has(code) || std::find(clock.rules.begin(), clock.rules.end(), code) == clock.rules.end()) {
        continue;
      }
      const DeadlineRule& rule = rules.Find(code);
      cited.push_back({{"citation", rule.law + ", " + rule.article},
                       {"title", reader.english() ? rule.title_en : rule.title_bg},
                       {"url", "/legal-clock#" + rule.code}});
      unchecked = unchecked || !rule.checked;
    }
    rows.push_back({{"title", reader.Translate(title)},
                    {"date", reader.Date(IsoOf(*day))},
                    {"iso", IsoOf(*day)},
                    {"rules", cited},
                    {"unchecked", unchecked}});
  };
  add("Specify the request by", clock.clarify_by, {"info_request_clarification"});
  add("Decision due by", clock.decide_by,
      {"info_request_decision", "info_request_extension_volume", "info_request_extension_third_party",
       "proposal_decision", "proposal_extension"});
  add("The filer told by", clock.notify_by, {"proposal_notice", "signal_notice"});
  add(clock.state == RequestState::kSilentRefusal ? "Appeal against the silent refusal by" : "Appeal by",
      clock.appeal_by, {"appeal_decision", "appeal_silent_refusal"});
  return rows;
}

json FilingJson(const web::Reader& reader, const FilingView& view, const Rules& rules) {
  const Filing& filing = view.filing;
  json history = json::array();
  for (const FilingEvent& event : view.events) {
    std::string detail = event.detail.empty() ? "" : reader.Translate(ChoiceTitle(event.detail));
    history.push_back({{"date", reader.Date(event.day)},
                       {"what", reader.Translate(ChoiceTitle(event.kind))},
                       {"detail", detail},
                       {"grounds", event.grounds.empty() ? "" : reader.Translate(ChoiceTitle(event.grounds))},
                       {"no_grounds", event.kind == "decided" && event.grounds == "none_stated"},
                       {"text", event.text}});
  }
  const std::string by = !filing.organisation_name.empty() ? filing.organisation_name
                         : view.may_record                 ? filing.filer_name
                                                           : reader.Translate("A resident");
  return {{"id", filing.id},
          {"url", FilingPath(filing.id)},
          {"kind", reader.Translate(KindTitle(filing.kind))},
          {"is_request", filing.kind == kInformationRequest},
          {"is_signal", filing.kind == "signal"},
          {"subject", filing.subject},
          {"body", filing.body},
          {"addressee", filing.addressee},
          {"channel", reader.Translate(ChoiceTitle(filing.channel))},
          {"access_form", filing.access_form.empty() ? "" : reader.Translate(ChoiceTitle(filing.access_form))},
          {"filed_on", reader.Date(filing.filed_on)},
          {"registered_on", reader.Date(filing.registered_on)},
          {"registration_number", filing.registration_number},
          {"violation_on", filing.violation_on.empty() ? "" : reader.Date(filing.violation_on)},
          {"by", by},
          {"contact", view.may_record ? filing.contact : ""},
          {"private", !filing.is_public},
          {"demo", filing.demo},
          {"state", StateOfFiling(reader, view)},
          {"deadlines", DeadlinesOf(reader, view, rules)},
          {"history", history},
          {"has_history", !history.empty()},
          {"appeal_late", view.appeal_days_late > 0
                              ? reader.SayPlural("Appealed {count} day after the deadline.",
                                                 "Appealed {count} days after the deadline.", view.appeal_days_late,
                                                 {{"count", reader.Number(view.appeal_days_late)}})
                              : ""}};
}

json FilingApiJson(const FilingView& view) {
  const Filing& filing = view.filing;
  const auto date = [](const std::optional<Day>& day) { return day ? json(IsoOf(*day)) : json(nullptr); };
  static constexpr std::string_view kStates[] = {"waiting", "awaiting_clarification", "left_without_consideration",
                                                 "decided", "silent_refusal",         "overdue"};
  const FilingEvent* decision = DecisionOf(view.events);
  json events = json::array();
  for (const FilingEvent& event : view.events) {
    events.push_back({{"kind", event.kind},
                      {"day", event.day},
                      {"detail", event.detail},
                      {"grounds", event.grounds},
                      {"text", event.text}});
  }
  return {{"id", filing.id},
          {"kind", filing.kind},
          {"place", filing.place_code},
          {"addressee", filing.addressee},
          {"channel", filing.channel},
          {"subject", filing.subject},
          {"filed_on", filing.filed_on},
          {"registered_on", filing.registered_on},
          {"organisation", filing.organisation_name.empty() ? json(nullptr) : json(filing.organisation_name)},
          {"state", kStates[static_cast<int>(view.clock.state)]},
          {"decision", decision ? json(decision->detail) : json(nullptr)},
          {"decided_on", decision ? json(decision->day) : json(nullptr)},
          {"decide_by", date(view.clock.decide_by)},
          {"clarify_by", date(view.clock.clarify_by)},
          {"appeal_by", date(view.clock.appeal_by)},
          {"notify_by", date(view.clock.notify_by)},
          {"decided_late", view.clock.decided_late},
          {"rules", view.clock.rules},
          {"events", events},
          {"demo", filing.demo},
          {"version", filing.version},
          {"url", FilingPath(filing.id)}};
}

}  // namespace requests
