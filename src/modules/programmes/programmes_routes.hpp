#pragma once
// The programmes' pages and API: programmes and their projects, each project's timeline, budget lines, progress
// reports with their review, and its registers of problems and risks.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/discussed_sections.hpp"
#include "kernel/gap_sections.hpp"
#include "kernel/item_sections.hpp"
#include "kernel/module.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/meetings/meetings_service.hpp"
#include "modules/programmes/programmes_service.hpp"
#include "modules/programmes/projects_service.hpp"
#include "web/form.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"

namespace programmes {

void AddProgrammePages(kernel::Routes& routes, const web::Site& site, ProjectsService& service,
                       meetings::MeetingsService& meetings, places::PlacesService& places);
void AddProjectPages(kernel::Routes& routes, const web::Site& site, ProjectsService& service);
void AddReportPages(kernel::Routes& routes, const web::Site& site, ProjectsService& service,
                    indicators::IndicatorsService& indicators, const kernel::DiscussedSections& discussed);
// For the operator: /programmes/import takes a donor's IATI activities file (or only checks it), and
// /programmes/{id}/iati.xml?reporting_org=… gives a programme as an IATI 2.03 file.
void AddIatiPages(kernel::Routes& routes, const web::Site& site, ProjectsService& projects,
                  ProgrammesService& programmes);
void AddProgrammesApi(kernel::Routes& routes, const web::Site& site, ProjectsService& service);

// On a plan measure's page: the donor projects' activities that implement it.
kernel::ItemSectionSource ProjectsOfTheMeasure(const web::Site& site, ProjectsService& service);

// In the gap analysis: the donor projects of the scope, and how many of their activities implement the plan.
kernel::GapSectionSource ProjectsBesideThePlan(const web::Site& site, ProjectsService& service);

// What the pages share.
std::string_view StatusTitle(std::string_view status);
std::string_view ProblemKindTitle(std::string_view kind);
std::string_view ReportStateTitle(ReportState state);
std::string_view ReportStepTitle(ReportState state);
std::string_view ReportTone(ReportState state);
std::string_view PartnerRoleTitle(std::string_view role);
std::string_view PartnerKindTitle(std::string_view kind);
std::string_view TransactionTitle(std::string_view kind);

// A text box of a form whose fields' ids begin with `prefix` ("project-title"), with the refusal's problem beside it.
nlohmann::json FormField(const web::Reader& reader, const web::Refusal& refusal, std::string_view prefix,
                         std::string_view name, std::string_view label, std::string value,
                         std::string_view type = "text", bool required = false, std::string_view hint = "");
// "1 March 2027 – 30 June 2027" as the reader writes days; "…" for a day not known, "" when neither is.
std::string DaysText(const web::Reader& reader, const std::string& start, const std::string& end);
// An amount as typed ("12 400,50", "12400.50") in cents; nullopt for anything else, 0 for nothing typed.
std::optional<std::int64_t> CentsIn(const std::optional<std::string>& text);
// An amount in cents as a form shows it again: "12400.50"; "" for none.
std::string AmountText(std::optional<std::int64_t> cents);
// A whole number typed in a form (a progress, a rating); nullopt for nothing or anything else, which the caller turns
// into a value its rule refuses.
std::optional<int> NumberIn(const std::optional<std::string>& text);

}  // namespace programmes
