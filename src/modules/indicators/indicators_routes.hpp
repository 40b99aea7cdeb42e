#pragma once
// The indicators' pages: the library, an indicator with its targets and chart, a value and its history, the entry
// form, the grid, closed periods, a place's panel and the national panel.

#include "kernel/module.hpp"
#include "modules/indicators/indicators_service.hpp"

namespace indicators {

void AddIndicatorPages(kernel::Routes& routes, const web::Site& site, IndicatorsService& service);
// The JSON API, CSV and XLSX downloads, and the import of dataValues files.
void AddIndicatorExchange(kernel::Routes& routes, const web::Site& site, IndicatorsService& service);

}  // namespace indicators
