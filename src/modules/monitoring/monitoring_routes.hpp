#pragma once
// Community monitoring's pages: cycles, the filing form a phone uses, receipts, an assessment with its moderation and
// the authority's reply, a municipality's discrepancies and overdue measures, the shadow report, files, and the
// sections it adds to a measure's and a municipality's pages.

#include <nlohmann/json.hpp>

#include "http/multipart.hpp"
#include "kernel/data_version.hpp"
#include "kernel/home.hpp"
#include "kernel/item_sections.hpp"
#include "kernel/module.hpp"
#include "kernel/place_measures.hpp"
#include "kernel/place_sections.hpp"
#include "kernel/recent_changes.hpp"
#include "kernel/scorecard_parts.hpp"
#include "modules/monitoring/monitoring_service.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"

namespace monitoring {

void AddCyclePages(kernel::Routes& routes, const web::Site& site, MonitoringService& service);
void AddFilingPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service);
void AddAssessmentPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service);
void AddDiscrepancyPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service);
void AddReportPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service);
// The cycle's form as an XLSForm, and the import of the submissions ODK Central or KoboToolbox export.
void AddFieldPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service);
// The official and the community's view of a measure, on its page.
kernel::ItemSectionSource CommunityViewOfTheItem(const web::Site& site, MonitoringService& service);
// A person's home: their own assessments (asked for more evidence first) and the moderation waiting for an editor.
kernel::HomeSectionSource MonitoringDesk(const web::Site& site, MonitoringService& service);
// A municipality's discrepancies and overdue measures, counted, on its page.
kernel::PlaceSectionSource MonitoringOfThePlace(const web::Site& site, MonitoringService& service);
// The dashboards' figures (community score, open discrepancies, overdue measures), a municipality's scorecard parts
// (the two views side by side, overdue measures, the latest verified assessments) and the cycles' news of the week.
void DeclareMonitoringMeasures(kernel::PlaceMeasures& measures, MonitoringService& service,
                               kernel::DataVersion& version);
std::vector<kernel::ScorecardSource> MonitoringScorecardParts(const web::Site& site, MonitoringService& service);
kernel::RecentChangeSource CycleNewsOfTheWeek(const web::Site& site, MonitoringService& service);

// Template data shared by the pages.
nlohmann::json CycleJson(const web::Reader& reader, MonitoringService& service, const Cycle& cycle);
nlohmann::json AssessmentJson(const web::Reader& reader, const AssessmentView& view, const std::string& receipt = "");
nlohmann::json CommunityJson(const web::Reader& reader, const CommunityView& community);
nlohmann::json OfficialJson(const web::Reader& reader, const OfficialView& official);
nlohmann::json ItemJson(const web::Reader& reader, const ScopeItem& item);
std::string CriterionName(const web::Reader& reader, const Criterion& criterion);
// What a multipart form sent (a field's text is http::PartText): the lines of a text with something on them, the
// files of the inputs photos, documents and letters, and the choices of who may see evidence.
std::vector<std::string> Lines(const std::string& text);
std::vector<Upload> UploadsOf(const std::vector<http::FormPart>* parts);
nlohmann::json VisibilityChoices(const web::Reader& reader, const std::string& chosen);
// The follow button (monitoring/follow): follows `kind` `target` or stops following it, then back to `back`; null for
// a visitor.
nlohmann::json FollowJson(const http::Request& request, MonitoringService& service, const core::Actor& actor,
                          const std::string& kind, const std::string& target, const std::string& back);

}  // namespace monitoring
