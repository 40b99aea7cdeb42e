#include "modules/requests/filings.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/one_of.hpp"
#include "core/text.hpp"

namespace requests {
namespace {

bool IsInformationRequest(const Filing& filing) { return filing.kind == kInformationRequest; }

// A day that must be given and must not lie after today.
std::optional<Day> CheckDay(std::vector<core::FieldProblem>& problems, std::string_view field, const std::string& text,
                            Day today) {
  const auto day = DayOf(text);
  if (!day) {
    problems.push_back({std::string(field),
                        text.empty() ? "Give the date."
                                     : "This is not a date: write it as "
                                       "2026-03-31.",
                        text});
    return std::nullopt;
  }
  if (*day > today) {
    problems.push_back(core::FieldProblem{std::string(field), "This date is in the future.", text});
    return std::nullopt;
  }
  return day;
}

const FilingEvent* Last(const std::vector<FilingEvent>& events, std::string_view kind) {
  for (auto at = events.rbegin(); at != events.rend(); ++at) {
    if (at->kind == kind) return &*at;
  }
  return nullptr;
}

}  // namespace

std::vector<core::FieldProblem> FilingProblems(const Filing& filing, Day today, const Rules& rules) {
  std::vector<core::FieldProblem> problems;
  if (!core::IsOneOf(filing.kind, kFilingKinds)) problems.push_back({"kind", "Choose what you file.", filing.kind});
  if (filing.place_code.empty()) problems.push_back({"place", "Choose the place of the institution.", ""});
  if (!core::IsOneOf(filing.addressee_kind, kAddresseeKinds)) {
    problems.push_back({"addressee_kind", "Choose the institution.", filing.addressee_kind});
  }
  core::CheckText(problems, "addressee", filing.addressee, 200, true);
  if (!core::IsOneOf(filing.channel, kChannels))
    problems.push_back({"channel", "Choose how it was filed.", filing.channel});
  if (IsInformationRequest(filing) && !core::IsOneOf(filing.access_form, kAccessForms)) {
    problems.push_back({"access_form", "Choose how you want the information.", filing.access_form});
  }
  core::CheckText(problems, "subject", filing.subject, 300, true);
  core::CheckText(problems, "body", filing.body, 20000, true);
  core::CheckText(problems, "registration_number", filing.registration_number, 100, false);
  core::CheckText(problems, "contact", filing.contact, 500, false);
  const auto filed = CheckDay(problems, "filed_on", filing.filed_on, today);
  if (const auto registered = CheckDay(problems, "registered_on", filing.registered_on, today); registered && filed) {
    if (*registered < *filed) {
      problems.push_back(core::FieldProblem{"registered_on", "It cannot be registered before it was filed ({date}).",
                                            filing.registered_on}
                             .With("date", filing.filed_on, true));
    }
  }
  if (filing.kind == "signal" && !filing.violation_on.empty()) {
    const auto violation = CheckDay(problems, "violation_on", filing.violation_on, today);
    if (violation && filed && rules.Has("signal_age_limit") &&
        LatestBefore(rules.Find("signal_age_limit"), *filed) > *violation) {
      const DeadlineRule& rule = rules.Find("signal_age_limit");
      problems.push_back(core::FieldProblem{
          "violation_on", "A signal about a violation more than two years old is not considered ({law}, {article}).",
          filing.violation_on}
                             .With("law", rule.law)
                             .With("article", rule.article));
    }
  }
  return problems;
}

std::vector<core::FieldProblem> EventProblems(const Filing& filing, const std::vector<FilingEvent>& earlier,
                                              const FilingEvent& event, Day today) {
  std::vector<core::FieldProblem> problems;
  if (!core::IsOneOf(event.kind, kEventKinds)) {
    problems.push_back({"kind", "Choose what happened.", event.kind});
    return problems;
  }
  const auto day = CheckDay(problems, "day", event.day, today);
  const auto registered = DayOf(filing.registered_on);
  if (day && registered && *day < *registered) {
    problems.push_back(
        core::FieldProblem{"day", "This is before the institution registered it ({date}).", event.day}.With(
            "date", filing.registered_on, true));
  }
  core::CheckText(problems, "text", event.text, 20000, false);
  const FilingEvent* decision = Last(earlier, "decided");
  const bool request = IsInformationRequest(filing);
  const auto after = [&](const FilingEvent* before) {
    if (day && before && DayOf(before->day) && *day < *DayOf(before->day)) {
      problems.push_back(core::FieldProblem{"day", "This is before the step it follows ({date}).", event.day}.With(
          "date", before->day, true));
    }
  };
  if (event.kind == "clarification_asked" || event.kind == "clarified") {
    if (!request)
      problems.push_back({"kind", "Only an information request is specified on the institution's ask.", ""});
    if (decision) problems.push_back({"kind", "The institution has decided already.", ""});
    if (event.kind == "clarification_asked" && Last(earlier, "clarification_asked")) {
      problems.push_back({"kind", "The institution asked to specify it already.", ""});
    }
    if (event.kind == "clarified") {
      const FilingEvent* asked = Last(earlier, "clarification_asked");
      if (!asked) problems.push_back({"kind", "Record first that the institution asked to specify it.", ""});
      if (Last(earlier, "clarified")) problems.push_back({"kind", "It was specified already.", ""});
      after(asked);
    }
  } else if (event.kind == "extended") {
    if (decision) problems.push_back({"kind", "The institution has decided already.", ""});
    if (Last(earlier, "extended")) problems.push_back({"kind", "The deadline was extended already.", ""});
    const bool fits =
        request ? (event.detail == "volume" || event.detail == "third_party") : event.detail == "higher_body";
    if (!fits) problems.push_back({"detail", "Choose why the deadline was extended.", event.detail});
  } else if (event.kind == "decided") {
    if (decision) problems.push_back({"kind", "The institution has decided already.", ""});
    if (request ? !core::IsOneOf(event.detail, kRequestDecisions) : !core::IsOneOf(event.detail, kProposalDecisions)) {
      problems.push_back({"detail", "Choose what the institution decided.", event.detail});
    }
    const bool refusal = event.detail == "refused" || event.detail == "partly_granted";
    if (request && refusal && !core::IsOneOf(event.grounds, kRefusalGrounds)) {
      problems.push_back(
          {"grounds", "Choose the legal ground the decision gives, or that it gives none.", event.grounds});
    }
    after(Last(earlier, "clarified"));
  } else if (event.kind == "appealed") {
    if (!request) problems.push_back({"kind", "Only a decision on an information request is appealed here.", ""});
    if (Last(earlier, "appealed")) problems.push_back({"kind", "It was appealed already.", ""});
    if (decision && decision->detail == "granted") {
      problems.push_back({"kind", "Access was granted in full: there is nothing to appeal.", ""});
    }
    after(decision);
  }
  return problems;
}

RequestClock ClockOfFiling(const Filing& filing, const std::vector<FilingEvent>& events, Day today,
                           const Rules& rules) {
  const auto day_of = [&](std::string_view kind) -> std::optional<Day> {
    const FilingEvent* event = Last(events, kind);
    return event ? DayOf(event->day) : std::nullopt;
  };
  const Day registered = DayOf(filing.registered_on).value_or(today);
  const FilingEvent* extension = Last(events, "extended");
  if (!IsInformationRequest(filing)) {
    return ClockOf(ProposalEvents{registered, filing.kind == "signal", extension != nullptr, day_of("decided")}, today,
                   rules);
  }
  RequestEvents request{registered};
  request.clarification_asked = day_of("clarification_asked");
  request.clarified = day_of("clarified");
  if (extension) request.extension = extension->detail;
  request.decided = day_of("decided");
  return ClockOf(request, today, rules);
}

const FilingEvent* DecisionOf(const std::vector<FilingEvent>& events) { return Last(events, "decided"); }
const FilingEvent* AppealOf(const std::vector<FilingEvent>& events) { return Last(events, "appealed"); }

bool MayAppeal(const Filing& filing, const std::vector<FilingEvent>& events, const RequestClock& clock) {
  if (!IsInformationRequest(filing) || AppealOf(events) || !clock.appeal_by) return false;
  if (clock.state == RequestState::kSilentRefusal) return true;
  const FilingEvent* decision = DecisionOf(events);
  return decision && decision->detail != "granted";
}

int AppealDaysLate(const std::vector<FilingEvent>& events, const RequestClock& clock) {
  const FilingEvent* appeal = AppealOf(events);
  if (!appeal || !clock.appeal_by) return 0;
  const auto day = DayOf(appeal->day);
  return day ? std::max(0, DaysBetween(*clock.appeal_by, *day)) : 0;
}

std::string FilingPath(std::int64_t id) { return "/requests/" + std::to_string(id); }

std::string AddresseeName(std::string_view addressee_kind, std::string_view place_name_bg) {
  if (addressee_kind == "municipality") return fmt::format("Община {}", place_name_bg);
  if (addressee_kind == "municipal_council") return fmt::format("Общински съвет {}", place_name_bg);
  if (addressee_kind == "regional_administration") return fmt::format("Областна администрация {}", place_name_bg);
  return "";
}

std::string LetterText(const Filing& filing) {
  std::string title;
  std::string basis;
  if (IsInformationRequest(filing)) {
    title = "ЗАЯВЛЕНИЕ\nза достъп до обществена информация";
    basis = "На основание Закона за достъп до обществена информация моля да ми бъде предоставена следната информация:";
  } else if (filing.kind == "proposal") {
    title = "ПРЕДЛОЖЕНИЕ";
    basis = "На основание чл. 107 и следващите от Административнопроцесуалния кодекс отправям следното предложение:";
  } else {
    title = "СИГНАЛ";
    basis = "На основание чл. 107 и следващите от Административнопроцесуалния кодекс подавам следния сигнал:";
  }
  const std::string from =
      filing.organisation_name.empty() ? filing.filer_name : filing.organisation_name + ", " + filing.filer_name;
  std::string letter = fmt::format("До\n{}\n\n{}\n\nот {}\n", filing.addressee, title, from);
  if (!filing.contact.empty()) letter += fmt::format("Адрес за кореспонденция: {}\n", filing.contact);
  letter += fmt::format("\nОтносно: {}\n\n{}\n\n{}\n", filing.subject, basis, core::TrimSpaces(filing.body));
  if (filing.kind == "signal" && !filing.violation_on.empty()) {
    letter += fmt::format("\nНарушението е извършено на {}.\n", filing.violation_on);
  }
  if (IsInformationRequest(filing)) {
    static constexpr std::pair<std::string_view, std::string_view> kForms[] = {
        {"electronic_copy", "копия на технически носител или по електронна поща"},
        {"paper_copy", "копия на хартиен носител"},
        {"review", "преглед на информацията — оригинал или копие"},
        {"oral_answer", "устна справка"}};
    for (const auto& [code, text] : kForms) {
      if (code == filing.access_form)
        letter += fmt::format("\nПредпочитана форма на предоставяне на достъп: {}.\n", text);
    }
  }
  letter += fmt::format("\nДата: {}\t\t\t\tПодпис:\n", filing.filed_on);
  return letter;
}

std::vector<OnTime> OnTimeFigures(const std::vector<FilingWithEvents>& filings, Day today, const Rules& rules) {
  std::vector<OnTime> figures;
  for (const FilingWithEvents& each : filings) {
    if (!IsInformationRequest(each.filing)) continue;
    const RequestClock clock = ClockOfFiling(each.filing, each.events, today, rules);
    if (clock.state == RequestState::kLeftWithoutConsideration) continue;
    auto figure = std::find_if(figures.begin(), figures.end(), [&](const OnTime& known) {
      return known.place_code == each.filing.place_code && known.addressee == each.filing.addressee;
    });
    if (figure == figures.end()) {
      figures.push_back({each.filing.place_code, each.filing.addressee});
      figure = figures.end() - 1;
    }
    if (clock.state == RequestState::kDecided) {
      ++(clock.decided_late ? figure->late : figure->on_time);
    } else if (clock.state == RequestState::kSilentRefusal) {
      ++figure->silent;
    } else {
      ++figure->waiting;
    }
  }
  return figures;
}

OnTime OnTimeOfPlace(const std::vector<FilingWithEvents>& filings, const std::string& place_code, int year, Day today,
                     const Rules& rules) {
  std::vector<FilingWithEvents> of_year;
  for (const FilingWithEvents& each : filings) {
    if (each.filing.place_code != place_code || !IsInformationRequest(each.filing)) continue;
    const RequestClock clock = ClockOfFiling(each.filing, each.events, today, rules);
    if (!clock.decide_by || static_cast<int>(std::chrono::year_month_day{*clock.decide_by}.year()) != year) continue;
    FilingWithEvents counted = each;
    counted.filing.addressee.clear();  // every institution of the place together
    of_year.push_back(std::move(counted));
  }
  const std::vector<OnTime> figures = OnTimeFigures(of_year, today, rules);
  return figures.empty() ? OnTime{place_code, ""} : figures.front();
}

}  // namespace requests
