#pragma once
// The legal clock's pages and API: every deadline rule with its article and check mark, the non-working days of a
// year, a calculator of a deadline from the day it starts, and the administrator's correction of a rule.

#include "kernel/module.hpp"
#include "modules/requests/requests_service.hpp"
#include "web/site.hpp"

namespace requests {

void AddLegalClockPages(kernel::Routes& routes, const web::Site& site, RequestsService& service);

}  // namespace requests
