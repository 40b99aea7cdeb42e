#pragma once

#include "kernel/module.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/invitations.hpp"
#include "notifications/outbox.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {

// /admin/outbox (the messages and how their delivery stands, read from the notifications' outbox),
// /admin/invitations (an administrator invites someone; the page shows the link, which the message carries too),
// /password-reset (ask for a link), and /invitations/{token}, /password-reset/{token} (choose a password).
void AddInvitationRoutes(kernel::Routes& routes, const web::Site& site, InvitationService& invitations,
                         notifications::Outbox& outbox, const web::App& app, AccountsService& accounts);

}  // namespace accounts
