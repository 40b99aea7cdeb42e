#pragma once
// The indicators' pages: the library, an indicator with its targets and chart, a value and its history, the entry
// form, the grid, closed periods, a place's panel and the national panel.

#include "kernel/gap_sections.hpp"
#include "kernel/item_sections.hpp"
#include "kernel/module.hpp"
#include "kernel/place_sections.hpp"
#include "kernel/scorecard_parts.hpp"
#include "modules/indicators/indicators_service.hpp"

namespace indicators {

void AddIndicatorPages(kernel::Routes& routes, const web::Site& site, IndicatorsService& service);
// The JSON API, CSV and XLSX downloads, and the import of dataValues files.
void AddIndicatorExchange(kernel::Routes& routes, const web::Site& site, IndicatorsService& service);

// The library's forms for coordinators: add and change an indicator.
void AddIndicatorForms(kernel::Routes& routes, const web::Site& site, IndicatorsService& service);
// A place's panel, the national panel of oblasts × indicators, and the section on a municipality's page.
void AddIndicatorPanels(kernel::Routes& routes, const web::Site& site, IndicatorsService& service);
kernel::PlaceSectionSource IndicatorsOfThePlace(const web::Site& site, IndicatorsService& service);
// A municipality's indicators against their targets, on its scorecard.
kernel::ScorecardSource ProgressAgainstTargets(const web::Site& site, IndicatorsService& service);
// The indicators that measure an objective or a measure, with their progress, on the item's page.
kernel::ItemSectionSource IndicatorsOfTheItem(const web::Site& site, IndicatorsService& service);
// The objectives of the gap page's scope that no indicator measures.
kernel::GapSectionSource UnmeasuredObjectives(const web::Site& site, IndicatorsService& service);

}  // namespace indicators
