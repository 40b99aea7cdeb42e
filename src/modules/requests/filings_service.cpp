#include "modules/requests/filings_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/text.hpp"
#include "modules/accounts/roles.hpp"

namespace requests {
namespace {

using core::Role;
using core::Scope;
using core::ScopeKind;

bool HoldsFor(const std::vector<core::RoleAssignment>& roles, std::initializer_list<Role> wanted, const Scope& where) {
  return std::any_of(roles.begin(), roles.end(), [&](const core::RoleAssignment& assignment) {
    return std::find(wanted.begin(), wanted.end(), assignment.role) != wanted.end() &&
           accounts::ScopeCovers(assignment.scope, where);
  });
}

// The scope a place's code names: "BG" the installation, three letters an oblast, five a municipality.
Scope ScopeOfPlace(const std::string& place_code) {
  if (place_code == "BG") return {ScopeKind::kInstallation, ""};
  return {place_code.size() == 3 ? ScopeKind::kOblast : ScopeKind::kMunicipality, place_code};
}

int YearOf(Day day) { return static_cast<int>(std::chrono::year_month_day{day}.year()); }

std::string KindTitleBg(std::string_view kind) {
  if (kind == kInformationRequest) return "заявление за достъп до обществена информация";
  return kind == "proposal" ? "предложение" : "сигнал";
}

}  // namespace

bool FilingsService::MayRecord(const core::Actor& actor, const Filing& filing) {
  if (!actor.user_id) return false;
  if (actor.IsAdministrator() || filing.filed_by == actor.user_id) return true;
  if (filing.organisation_id) {
    for (const accounts::Organisation& organisation : organisations_.OrganisationsOf(*actor.user_id)) {
      if (organisation.id == *filing.organisation_id) return true;
    }
  }
  return HoldsFor(actor.roles, {Role::kMunicipalOfficial, Role::kCoordinator}, ScopeOfPlace(filing.place_code));
}

std::optional<PlaceName> FilingsService::NameOfPlace(const std::string& place_code) {
  if (place_code == "BG") return PlaceName{"България", "Bulgaria"};
  if (place_code.size() == 3) {
    const auto oblast = places_.FindOblast(place_code);
    if (!oblast) return std::nullopt;
    return PlaceName{oblast->name_bg, oblast->name_en};
  }
  if (place_code.size() != 5) return std::nullopt;
  const auto municipality = places_.FindMunicipality(place_code);
  if (!municipality) return std::nullopt;
  const places::Municipality& found = (*municipality)->detail.municipality;
  return PlaceName{found.name_bg, found.name_en};
}

std::vector<std::pair<std::string, PlaceName>> FilingsService::Places() {
  std::vector<std::pair<std::string, PlaceName>> places{{"BG", {"България", "Bulgaria"}}};
  for (const places::Oblast& oblast : places_.AllOblasts()) {
    places.push_back({oblast.code, {"Област " + oblast.name_bg, oblast.name_en + " oblast"}});
  }
  for (const places::Municipality& municipality : places_.AllMunicipalities()) {
    places.push_back({municipality.code, {municipality.name_bg, municipality.name_en}});
  }
  return places;
}

core::Result<Filing> FilingsService::File(const core::SignedIn& user, Filing filing) {
  for (std::string* text : {&filing.addressee, &filing.subject, &filing.registration_number, &filing.contact,
                            &filing.filed_on, &filing.registered_on, &filing.violation_on}) {
    *text = core::TrimSpaces(*text);
  }
  if (filing.registered_on.empty()) filing.registered_on = filing.filed_on;
  const auto place = NameOfPlace(filing.place_code);
  if (place && filing.addressee_kind != "other") filing.addressee = AddresseeName(filing.addressee_kind, place->bg);
  if (filing.kind != kInformationRequest) filing.access_form.clear();
  if (filing.kind != "signal") filing.violation_on.clear();
  std::vector<core::FieldProblem> problems = FilingProblems(filing, Today(), CurrentRules());
  if (!place && filing.addressee_kind != "other") {
    // The institution's name is made from the place: without one, the place is the problem to mend.
    std::erase_if(problems, [](const core::FieldProblem& problem) { return problem.field == "addressee"; });
  }
  if (!place && !filing.place_code.empty()) {
    problems.push_back({"place", "There is no such place.", filing.place_code});
  }
  filing.organisation_name.clear();
  if (filing.organisation_id) {
    for (const accounts::Organisation& organisation : organisations_.OrganisationsOf(user.user_id())) {
      if (organisation.id == *filing.organisation_id) filing.organisation_name = organisation.name;
    }
    if (filing.organisation_name.empty()) {
      problems.push_back({"organisation", "You file on behalf of an organisation you belong to only.", ""});
    }
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  filing.filed_by = user.user_id();
  filing.filer_name = user.display_name();
  filing.created_at = time_.Now();
  filing.demo = false;
  filing.id = store_.Insert(filing);
  audit_.Write(user, "filing_filed", fmt::format("{} {} to {}", filing.kind, filing.id, filing.addressee));
  return *store_.Find(filing.id);
}

FilingView FilingsService::ViewOf(const core::Actor& actor, FilingWithEvents filing, const Rules& rules) {
  FilingView view;
  view.clock = ClockOfFiling(filing.filing, filing.events, Today(), rules);
  view.may_record = MayRecord(actor, filing.filing);
  view.may_appeal = MayAppeal(filing.filing, filing.events, view.clock);
  view.appeal_days_late = AppealDaysLate(filing.events, view.clock);
  view.filing = std::move(filing.filing);
  view.events = std::move(filing.events);
  return view;
}

core::Result<FilingView> FilingsService::Read(const core::Actor& actor, std::int64_t id) {
  auto filing = store_.Find(id);
  if (!filing || (!filing->is_public && !MayRecord(actor, *filing))) {
    return core::Error::NotFound("There is no such request, proposal or signal.");
  }
  auto events = store_.Events(id);
  return ViewOf(actor, {std::move(*filing), std::move(events)}, CurrentRules());
}

core::Result<FilingView> FilingsService::Record(const core::SignedIn& user, std::int64_t filing_id,
                                                std::int64_t version, FilingEvent event) {
  const auto filing = store_.Find(filing_id);
  if (!filing || (!filing->is_public && !MayRecord(user, *filing))) {
    return core::Error::NotFound("There is no such request, proposal or signal.");
  }
  if (!MayRecord(user, *filing)) {
    return core::Error::Forbidden(
        "Only its filer, the members of the organisation it was filed for, and officials of the place record what "
        "happened to it.");
  }
  event.day = core::TrimSpaces(event.day);
  event.text = core::TrimSpaces(event.text);
  if (event.kind != "extended" && event.kind != "decided") event.detail.clear();
  if (event.kind != "decided" || (event.detail != "refused" && event.detail != "partly_granted")) event.grounds.clear();
  const std::vector<FilingEvent> earlier = store_.Events(filing_id);
  if (auto problems = EventProblems(*filing, earlier, event, Today()); !problems.empty()) {
    return core::Error::InvalidFields(std::move(problems));
  }
  event.filing_id = filing_id;
  event.recorded_by = user.user_id();
  event.recorded_by_name = user.display_name();
  event.recorded_at = time_.Now();
  if (!store_.InsertEvent(event, version)) {
    return core::Error::Conflict("Someone recorded a step meanwhile: open it again to see the change.");
  }
  audit_.Write(user, "filing_event_recorded",
               fmt::format("{} {}: {} {}", filing->kind, filing_id, event.kind, event.day));
  auto view = Read(user, filing_id);
  if (view && event.kind == "decided" && filing->kind == kInformationRequest && view->clock.decide_by) {
    Feed(filing->place_code, YearOf(*view->clock.decide_by));
  }
  return view;
}

std::vector<FilingView> FilingsService::List(const core::Actor& actor, const FilingFilter& filter) {
  const Rules rules = CurrentRules();
  std::vector<FilingView> views;
  for (FilingWithEvents& each : store_.All(filter.place_code)) {
    if (!filter.kind.empty() && each.filing.kind != filter.kind) continue;
    const bool may_record = MayRecord(actor, each.filing);
    if (filter.mine ? !may_record : (!each.filing.is_public && !may_record)) continue;
    views.push_back(ViewOf(actor, std::move(each), rules));
  }
  return views;
}

std::vector<OnTime> FilingsService::Institutions(const std::string& place_code) {
  return OnTimeFigures(store_.All(place_code), Today(), CurrentRules());
}

void FilingsService::Feed(const std::string& place_code, int year) {
  if (place_code == "BG") return;  // the indicator is of places below the country: a ministry is not "Bulgaria"
  const OnTime figure = OnTimeOfPlace(store_.All(place_code), place_code, year, Today(), CurrentRules());
  const auto share = figure.share();
  if (!share) return;
  indicators::Entry entry;
  entry.indicator = std::string(kAnsweredOnTime);
  entry.place = place_code;
  entry.period = std::to_string(year);
  entry.source_kind = "civic";
  entry.value = fmt::format("{:.1f}", *share);
  entry.source_title = "Khetane: information requests";
  entry.note =
      fmt::format("{} of {} requests whose deadline ended in {} were decided on time, {} late, {} not at all.",
                  figure.on_time, figure.on_time + figure.late + figure.silent, year, figure.late, figure.silent);
  // Fed by Khetane itself: a refusal (a closed period) leaves the figure on the requests' pages.
  (void)indicators_.Enter(core::CommandLineActor(), entry);
}

int FilingsService::QueueReminders(const std::string& base_url) {
  const Rules rules = CurrentRules();
  const Day today = Today();
  int queued = 0;
  std::set<std::pair<std::string, int>> passed;  // places and years whose figure changed
  for (FilingWithEvents& each : store_.All()) {
    const RequestClock clock = ClockOfFiling(each.filing, each.events, today, rules);
    std::optional<Day> due;
    std::string kind = "before";
    std::string text_bg;
    std::string text_en;
    const std::string link = fmt::format("{}/requests/{}", base_url, each.filing.id);
    if (clock.state == RequestState::kWaiting && clock.decide_by && clock.days_left <= kReminderDays) {
      due = clock.decide_by;
      text_bg = fmt::format("Срокът за решение по „{}“ изтича на {}.", each.filing.subject, IsoOf(*due));
      text_en = fmt::format("The deadline for the decision on \"{}\" ends on {}.", each.filing.subject, IsoOf(*due));
    } else if (clock.state == RequestState::kAwaitingClarification && clock.clarify_by &&
               clock.days_left <= kReminderDays) {
      due = clock.clarify_by;
      text_bg = fmt::format("Уточнете „{}“ до {}, иначе остава без разглеждане.", each.filing.subject, IsoOf(*due));
      text_en =
          fmt::format("Specify \"{}\" by {}, or it is left without consideration.", each.filing.subject, IsoOf(*due));
    } else if ((clock.state == RequestState::kSilentRefusal || clock.state == RequestState::kOverdue) &&
               clock.decide_by) {
      due = clock.decide_by;
      kind = "passed";
      text_bg = fmt::format("Срокът за решение по „{}“ изтече на {} без решение.", each.filing.subject, IsoOf(*due));
      text_en = fmt::format("The deadline for the decision on \"{}\" ended on {} without a decision.",
                            each.filing.subject, IsoOf(*due));
      if (clock.appeal_by) {
        text_bg += fmt::format(" Мълчаливият отказ може да се обжалва до {}.", IsoOf(*clock.appeal_by));
        text_en += fmt::format(" The silent refusal may be appealed until {}.", IsoOf(*clock.appeal_by));
      }
      if (each.filing.kind == kInformationRequest) passed.insert({each.filing.place_code, YearOf(*due)});
    } else if (MayAppeal(each.filing, each.events, clock) && clock.days_left >= 0 && clock.days_left <= kReminderDays) {
      due = clock.appeal_by;
      text_bg = fmt::format("Решението по „{}“ може да се обжалва до {}.", each.filing.subject, IsoOf(*due));
      text_en = fmt::format("The decision on \"{}\" may be appealed until {}.", each.filing.subject, IsoOf(*due));
    }
    if (!due || store_.WasReminded(each.filing.id, kind, IsoOf(*due))) continue;
    const std::vector<std::string> recipients = store_.Recipients(each.filing);
    store_.database().Transaction([&](db::Connection& connection) {
      for (const std::string& email : recipients) {
        notifications::Message message;
        message.recipient = email;
        message.subject = fmt::format("Khetane: срок / deadline — {}", each.filing.subject);
        message.text = fmt::format("{}\n{}\n\n{}\n\n{} ({})\n", text_bg, text_en, link, KindTitleBg(each.filing.kind),
                                   each.filing.addressee);
        message.purpose = "deadline_reminder";
        outbox_.Queue(connection, message);
        ++queued;
      }
      FilingsStore::MarkReminded(connection, each.filing.id, kind, IsoOf(*due), time_.Now());
    });
  }
  for (const auto& [place, year] : passed) Feed(place, year);
  return queued;
}

bool FilingsService::EnsureIndicator() {
  if (indicators_.Find(std::string(kAnsweredOnTime))) return false;
  indicators::Indicator indicator;
  indicator.code = std::string(kAnsweredOnTime);
  indicator.name_bg = "Заявления за достъп до информация с решение в срок";
  indicator.name_en = "Information requests answered on time";
  indicator.unit = "percent";
  indicator.direction = "up";
  indicator.kind = "process";
  indicator.source = "Khetane, from the information requests its users record";
  indicator.method =
      "Of the requests for public information to the institutions of the place whose deadline for a decision "
      "(Access to Public Information Act, Art. 28(1), with any extension of Art. 30 or 31) ended in the year, the "
      "share decided by the deadline; a request with no decision by then counts as not answered on time, one left "
      "without consideration is not counted. Entered again whenever a decision is recorded or a deadline passes.";
  const auto created = indicators_.Create(core::CommandLineActor(), indicator);
  if (!created) throw std::runtime_error("requests: indicator: " + created.error().message);
  return true;
}

}  // namespace requests
