// /legal-clock: the rules Khetane counts deadlines by, the year's non-working days, a calculator, and an
// administrator's form to correct a rule; the same as JSON and CSV under /api/v1/legal-clock.
#include <fmt/format.h>

#include <charconv>

#include "core/text.hpp"
#include "modules/requests/requests_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace requests {
namespace {

using nlohmann::json;

std::string RulePath(std::string_view code) { return "/legal-clock/rules/" + std::string(code); }

std::string PeriodText(const web::Reader& reader, const DeadlineRule& rule) {
  std::string text;
  if (rule.months > 0) {
    text = reader.SayPlural("{count} month", "{count} months", rule.months, {{"count", reader.Number(rule.months)}});
  }
  if (rule.days > 0 || rule.months == 0) {
    const std::string days =
        rule.count == Count::kWorkingDays
            ? reader.SayPlural("{count} working day", "{count} working days", rule.days,
                               {{"count", reader.Number(rule.days)}})
            : reader.SayPlural("{count} day", "{count} days", rule.days, {{"count", reader.Number(rule.days)}});
    text = text.empty() ? days : text + " + " + days;
  }
  return text;
}

json RuleJson(const web::Reader& reader, const DeadlineRule& rule) {
  return {{"code", rule.code},
          {"title", reader.english() ? rule.title_en : rule.title_bg},
          {"citation", rule.law + ", " + rule.article},
          {"period", PeriodText(reader, rule)},
          {"starts", rule.starts},
          {"checked", rule.checked},
          {"check", rule.checked
                        ? web::ui::Badge(reader.Translate("checked"), "good")
                        : web::ui::Badge(reader.Translate("not checked against the law's current text"), "warning")},
          {"checked_on", rule.checked_on.empty() ? "" : reader.Date(rule.checked_on)},
          {"edit_url", RulePath(rule.code) + "/edit"}};
}

// The calculator's answer: when a deadline of `code` started on `start` ends, and why.
json Counted(const web::Reader& reader, const Rules& rules, const std::string& code, const std::string& start_text) {
  if (code.empty() && start_text.empty()) return nullptr;
  const auto start = DayOf(start_text);
  if (!rules.Has(code) || !start) {
    return {{"problem", reader.Translate("Choose a deadline and the day it starts.")}};
  }
  const DeadlineRule& rule = rules.Find(code);
  DeadlineRule unmoved = rule;
  unmoved.moves_off_non_working_day = false;
  const Day plain = Due(unmoved, *start, rules.calendar());
  const Day due = Due(rule, *start, rules.calendar());
  json answer = {{"sentence", reader.Say("Started on {start}, the deadline ends on {due}.",
                                         {{"start", IsoOf(*start), true}, {"due", IsoOf(due), true}})},
                 {"rule", RuleJson(reader, rule)}};
  if (due != plain) {
    const auto holidays = rules.calendar().HolidaysOf(static_cast<int>(std::chrono::year_month_day{plain}.year()));
    const auto holiday = holidays.find(plain);
    const std::string why = holiday != holidays.end()
                                ? (reader.english() ? holiday->second->name_en : holiday->second->name_bg)
                                : reader.Translate("a weekend");
    answer["moved"] = reader.Say("{day} is not a working day ({why}): the deadline moves to the next working day.",
                                 {{"day", IsoOf(plain), true}, {"why", why}});
    if (rules.Has("non_working_day_moves") && !rules.Find("non_working_day_moves").checked) {
      answer["moved_unchecked"] = reader.Translate(
          "That a deadline ending on a non-working day moves to the next working day was not checked against the "
          "law's current text.");
    }
  }
  return answer;
}

json DaysOfYear(const web::Reader& reader, const Rules& rules, int year) {
  json days = json::array();
  for (const auto& [day, rule] : rules.calendar().HolidaysOf(year)) {
    days.push_back({{"date", reader.Date(IsoOf(day))},
                    {"iso", IsoOf(day)},
                    {"name", reader.english() ? rule->name_en : rule->name_bg},
                    {"checked", rule->checked}});
  }
  return days;
}

// "Saved now: …" beside each field that the saved rule holds otherwise than `typed`, by the field's name.
json SavedValues(const web::Reader& reader, const DeadlineRule& saved, const DeadlineRule& typed) {
  json values = json::object();
  const auto add = [&](std::string_view field, bool differs, const std::string& value) {
    if (differs) values[std::string(field)] = reader.Say("Saved now: {value}", {{"value", value}});
  };
  const auto text = [&](std::string_view field, const std::string& saved_text, const std::string& typed_text) {
    add(field, saved_text != core::TrimSpaces(typed_text), saved_text);
  };
  const auto yes_or_no = [&](bool value) { return reader.Translate(value ? "Yes" : "No"); };
  text("law", saved.law, typed.law);
  text("article", saved.article, typed.article);
  add("days", saved.days != typed.days, reader.Number(saved.days));
  add("months", saved.months != typed.months, reader.Number(saved.months));
  add("count", saved.count != typed.count,
      reader.Translate(saved.count == Count::kWorkingDays ? "working days" : "calendar days"));
  add("moves", saved.moves_off_non_working_day != typed.moves_off_non_working_day,
      yes_or_no(saved.moves_off_non_working_day));
  text("starts", saved.starts, typed.starts);
  text("title_bg", saved.title_bg, typed.title_bg);
  text("title_en", saved.title_en, typed.title_en);
  add("checked", saved.checked != typed.checked, yes_or_no(saved.checked));
  add("checked_on", saved.checked_on != core::TrimSpaces(typed.checked_on),
      saved.checked_on.empty() ? reader.Translate("none") : reader.Date(saved.checked_on));
  return values;
}

// The form as typed; after someone else corrected the rule meanwhile, `saved` as it is now beside each field, and
// its version in the form, as the person has now seen it.
http::Response EditPage(http::Request& request, const web::Site& site, const DeadlineRule& rule,
                        const web::Refusal& refusal, const DeadlineRule* saved = nullptr) {
  const web::Reader reader = site.ReaderOf(request);
  json data = {{"csrf", web::CsrfOf(request)},
               {"version", saved ? saved->version : rule.version},
               {"saved", saved ? SavedValues(reader, *saved, rule) : json::object()},
               {"action", RulePath(rule.code)},
               {"code", rule.code},
               {"law", rule.law},
               {"article", rule.article},
               {"days", rule.days},
               {"months", rule.months},
               {"working", rule.count == Count::kWorkingDays},
               {"moves", rule.moves_off_non_working_day},
               {"starts", rule.starts},
               {"title_bg", rule.title_bg},
               {"title_en", rule.title_en},
               {"checked", rule.checked},
               {"checked_on", rule.checked_on}};
  data["refusal"] = refusal.Data(reader, [](std::string_view field) { return "rule-" + std::string(field); });
  data["problems"] = data["refusal"]["problems"];
  return site.Page(request, reader.Translate("Correct a deadline rule"), "requests/rule_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

int WholeNumber(const std::optional<std::string>& text, bool& bad) {
  int value = 0;
  const std::string s = text.value_or("0");
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty()) return 0;
  if (error != std::errc() || end != s.data() + s.size()) bad = true;
  return value;
}

}  // namespace

void AddLegalClockPages(kernel::Routes& routes, const web::Site& site, RequestsService& service) {
  routes.Get("/legal-clock", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    const Rules rules = service.CurrentRules();
    const std::string chosen = request.Query("rule").value_or("");
    const std::string start = request.Query("start").value_or(IsoOf(service.Today()));
    json list = json::array();
    json choices = json::array();
    for (const DeadlineRule& rule : rules.all()) {
      list.push_back(RuleJson(reader, rule));
      choices.push_back({{"value", rule.code},
                         {"label", reader.english() ? rule.title_en : rule.title_bg},
                         {"selected", rule.code == chosen}});
    }
    const int year = static_cast<int>(std::chrono::year_month_day{service.Today()}.year());
    const core::SignedIn* user = kernel::SignedInOf(request);
    const json data = {{"rules", list},
                       {"choices", choices},
                       {"start", start},
                       {"counted", Counted(reader, rules, chosen, request.Query("start").value_or(""))},
                       {"year", year},
                       {"days", DaysOfYear(reader, rules, year)},
                       {"next_year", year + 1},
                       {"next_days", DaysOfYear(reader, rules, year + 1)},
                       {"may_edit", user != nullptr && static_cast<const core::Actor&>(*user).IsAdministrator()}};
    return site.Page(request, reader.Translate("Legal deadlines"), "requests/legal_clock", data);
  });
  routes.Get("/legal-clock/rules/{code:[a-z_]+}/edit", core::Access::Administrator(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               const Rules rules = service.CurrentRules();
               if (!rules.Has(request.Parameter("code"))) {
                 return site.Fail(request, core::Error::NotFound("There is no such deadline rule."));
               }
               return EditPage(request, site, rules.Find(request.Parameter("code")), {});
             });
  routes.Post("/legal-clock/rules/{code:[a-z_]+}", core::Access::Administrator(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                DeadlineRule rule;
                rule.code = request.Parameter("code");
                rule.version = web::IdIn(request.Form("version")).value_or(0);
                rule.law = request.Form("law").value_or("");
                rule.article = request.Form("article").value_or("");
                bool bad_days = false, bad_months = false;
                rule.days = WholeNumber(request.Form("days"), bad_days);
                rule.months = WholeNumber(request.Form("months"), bad_months);
                rule.count =
                    request.Form("count").value_or("") == "working" ? Count::kWorkingDays : Count::kCalendarDays;
                rule.moves_off_non_working_day = request.Form("moves").has_value();
                rule.starts = request.Form("starts").value_or("");
                rule.title_bg = request.Form("title_bg").value_or("");
                rule.title_en = request.Form("title_en").value_or("");
                rule.checked = request.Form("checked").has_value();
                rule.checked_on = request.Form("checked_on").value_or("");
                if (bad_days || bad_months) {
                  std::vector<core::FieldProblem> problems;
                  if (bad_days) problems.push_back({"days", "A whole number of days from 0 to 3,660.", ""});
                  if (bad_months) problems.push_back({"months", "A whole number of months from 0 to 120.", ""});
                  return EditPage(request, site, rule, web::Refusal::Of(core::Error::InvalidFields(problems)));
                }
                const auto changed = service.ChangeRule(user, rule);
                if (changed) return http::Response::Redirect("/legal-clock#" + rule.code);
                const core::ErrorKind kind = changed.error().kind;
                if (kind != core::ErrorKind::kInvalidInput && kind != core::ErrorKind::kConflict) {
                  return site.Fail(request, changed.error());
                }
                const Rules rules = service.CurrentRules();
                if (kind == core::ErrorKind::kConflict && rules.Has(rule.code)) {
                  return EditPage(request, site, rule, web::Refusal::Of(changed.error()), &rules.Find(rule.code));
                }
                return EditPage(request, site, rule, web::Refusal::Of(changed.error()));
              });
  routes.Get("/api/v1/legal-clock/rules", core::Access::Anyone(), [&service](http::Request&) {
    json list = json::array();
    const Rules rules = service.CurrentRules();
    for (const DeadlineRule& rule : rules.all()) {
      list.push_back({{"code", rule.code},
                      {"law", rule.law},
                      {"article", rule.article},
                      {"days", rule.days},
                      {"months", rule.months},
                      {"count", rule.count == Count::kWorkingDays ? "working" : "calendar"},
                      {"moves_off_non_working_day", rule.moves_off_non_working_day},
                      {"starts", rule.starts},
                      {"title_bg", rule.title_bg},
                      {"title_en", rule.title_en},
                      {"checked", rule.checked},
                      {"checked_on", rule.checked_on.empty() ? json(nullptr) : json(rule.checked_on)}});
    }
    return web::Site::List({{"rules", list}}, "rules");
  });
  routes.Get("/api/v1/legal-clock/days", core::Access::Anyone(), [&site, &service](http::Request& request) {
    int year = static_cast<int>(std::chrono::year_month_day{service.Today()}.year());
    if (const auto asked = request.Query("year")) {
      const auto [end, error] = std::from_chars(asked->data(), asked->data() + asked->size(), year);
      if (error != std::errc() || end != asked->data() + asked->size() || year < 1900 || year > 2099) {
        return site.Fail(request, core::Error::InvalidInput("A year from 1900 to 2099."));
      }
    }
    const Rules rules = service.CurrentRules();
    json list = json::array();
    for (const auto& [day, rule] : rules.calendar().HolidaysOf(year)) {
      list.push_back({{"date", IsoOf(day)},
                      {"rule", rule->when},
                      {"name_bg", rule->name_bg},
                      {"name_en", rule->name_en},
                      {"checked", rule->checked}});
    }
    return web::Site::List({{"days", list}}, "days");
  });
}

}  // namespace requests
