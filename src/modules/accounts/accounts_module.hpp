#pragma once
// Users, their roles in scopes, sessions and API tokens, organisations, invitations, self-registration, the pages of
// the outbox and the audit log; and the request pipeline's session, access and CSRF checks.

#include "kernel/module.hpp"

namespace accounts {

void Register(kernel::Module& module);

}  // namespace accounts
