#include "modules/accounts/accounts_module.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "core/clock.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/home.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/admin_routes.hpp"
#include "modules/accounts/invitation_routes.hpp"
#include "modules/accounts/invitation_store.hpp"
#include "modules/accounts/invitations.hpp"
#include "modules/accounts/organisation_routes.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/accounts/registration_routes.hpp"
#include "modules/accounts/registrations.hpp"
#include "modules/accounts/session.hpp"
#include "modules/places/places_service.hpp"
#include "notifications/outbox.hpp"
#include "web/form.hpp"

namespace accounts {
namespace {

struct NewUser {
  std::string email;
  std::string name;
  std::string password_file;
  std::string role;
  std::string scope = "installation";
};

int AddUser(kernel::CommandContext& context, const NewUser& new_user) {
  std::optional<RoleAssignment> assignment;
  if (!new_user.role.empty()) {
    const auto role = RoleFromName(new_user.role);
    if (!role) throw std::runtime_error("--role: '" + new_user.role + "' is not a role");
    const auto scope = ParseScope(new_user.scope);
    if (!scope) {
      throw std::runtime_error("--scope: '" + new_user.scope +
                               "' is not a scope (installation, oblast:BLG, municipality:MON24 or organisation:ID)");
    }
    assignment = RoleAssignment{*role, *scope};
  }
  const std::string& email = new_user.email;
  const std::string& name = new_user.name;
  const std::string& password_file = new_user.password_file;
  std::string password;
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    if (!in) throw std::runtime_error("cannot read the password file " + password_file);
    std::getline(in, password);
  } else {
    std::getline(std::cin, password);  // the first line of standard input
  }
  AccountsService& service = context.services.Get<AccountsService>();
  if (assignment && !service.ScopeExists(assignment->scope)) {
    throw std::runtime_error("--scope: there is no " + ScopeText(assignment->scope));
  }
  const auto user = service.AddUser(email, name, password);
  if (!user) throw std::runtime_error(user.error().message);
  context.out << "added user " << user->id << " <" << user->email << ">\n";
  if (assignment) {
    const auto granted = service.GrantRole(core::CommandLineActor(), user->email, *assignment);
    if (!granted) throw std::runtime_error(granted.error().message);
    context.out << "granted " << RoleName(assignment->role) << " for " << ScopeText(assignment->scope) << "\n";
  }
  return 0;
}

struct OrganisationCommand {
  OrganisationFields fields;
  std::int64_t id = 0;
  std::string email;
};

// `organisation add` and `organisation add-member`: the same checks and audit entries as the administration pages.
int ManageOrganisation(kernel::CommandContext& context, const OrganisationCommand& command, bool add_member) {
  OrganisationService& organisations = context.services.Get<OrganisationService>();
  const core::Actor actor = core::CommandLineActor();
  if (add_member) {
    const auto member = organisations.AddMember(actor, command.id, command.email);
    if (!member) throw std::runtime_error(member.error().message);
    context.out << "<" << member->email << "> is a member of organisation " << command.id << "\n";
    return 0;
  }
  const auto created = organisations.Create(actor, command.fields);
  if (!created) throw std::runtime_error(created.error().message);
  context.out << "added organisation " << created->id << " (" << created->name
              << "); its scope is organisation:" << created->id << "\n";
  return 0;
}

// `user token` and `user revoke-tokens`.
int ManageTokens(kernel::CommandContext& context, const std::string& email, const std::string& label, bool revoke) {
  SessionService& sessions = context.services.Get<SessionService>();
  const Origin origin = core::CommandLineActor().origin;
  if (!revoke) {
    const auto token = sessions.IssueApiToken(email, label, origin);
    if (!token) throw std::runtime_error(token.error().message);
    context.out << *token << "\n";
  } else {
    const auto revoked = sessions.RevokeApiTokens(email, origin);
    if (!revoked) throw std::runtime_error(revoked.error().message);
    context.out << "revoked " << *revoked << " tokens\n";
  }
  return 0;
}

void AddCommands(kernel::Module& module) {
  module.AddCommand(
      {{"user", "add"},
       "Add a user; the password is read from standard input",
       kernel::Prepare::kMigrateAndSeed,  // scopes name places: they must be there to check a role
       [](CLI::App& command) -> kernel::CommandRun {
         auto user = std::make_shared<NewUser>();
         command.add_option("email", user->email, "Email address")->required();
         command.add_option("--name", user->name, "Display name (default: the part of the email before @)");
         command.add_option("--password-file", user->password_file, "Read the password from this file's first line");
         command.add_option("--role", user->role,
                            "Grant a role: community_monitor, cso_editor, municipal_official, "
                            "coordinator, programme_operator or administrator");
         command
             .add_option("--scope", user->scope,
                         "Where the role holds: installation, oblast:BLG, municipality:MON24 or "
                         "organisation:ID")
             ->capture_default_str();
         return [user](kernel::CommandContext& context) { return AddUser(context, *user); };
       }});
  for (const bool revoke : {false, true}) {
    module.AddCommand({{"user", revoke ? "revoke-tokens" : "token"},
                       revoke ? "Revoke every API token of a user"
                              : "Print a new API token for a user (send it as Authorization: Bearer)",
                       kernel::Prepare::kMigrate,
                       [revoke](CLI::App& command) -> kernel::CommandRun {
                         auto email = std::make_shared<std::string>();
                         auto label = std::make_shared<std::string>();
                         command.add_option("email", *email, "Email address")->required();
                         if (!revoke)
                           command.add_option("--label", *label, "What the token is for, e.g. \"reporting script\"");
                         return [email, label, revoke](kernel::CommandContext& context) {
                           return ManageTokens(context, *email, *label, revoke);
                         };
                       }});
  }
  module.AddCommand({{"organisation", "add"},
                     "Add an organisation and print its id",
                     kernel::Prepare::kMigrateAndSeed,
                     [](CLI::App& command) -> kernel::CommandRun {
                       auto organisation = std::make_shared<OrganisationCommand>();
                       command.add_option("name", organisation->fields.name, "Name")->required();
                       std::string kinds;
                       for (const auto kind : OrganisationKinds()) {
                         kinds += (kinds.empty() ? "" : ", ") + std::string(kind);
                       }
                       command.add_option("--kind", organisation->fields.kind, "One of: " + kinds)->required();
                       command.add_option("--municipality", organisation->fields.municipality_code,
                                          "Code of the municipality it works in, e.g. MON24");
                       return [organisation](kernel::CommandContext& context) {
                         return ManageOrganisation(context, *organisation, false);
                       };
                     }});
  module.AddCommand({{"organisation", "add-member"},
                     "Add a user (by email) to an organisation (by id)",
                     kernel::Prepare::kMigrateAndSeed,
                     [](CLI::App& command) -> kernel::CommandRun {
                       auto organisation = std::make_shared<OrganisationCommand>();
                       command.add_option("id", organisation->id, "Organisation id")->required();
                       command.add_option("email", organisation->email, "Email address of the user")->required();
                       return [organisation](kernel::CommandContext& context) {
                         return ManageOrganisation(context, *organisation, true);
                       };
                     }});
}

void DeclareAudit(kernel::Module& module) {
  module.Audit("sign_in", "Signed in");
  module.Audit("sign_in_failed", "Sign-in failed");
  module.Audit("sign_in_throttled", "Sign-in refused: too many attempts");
  module.Audit("sign_out", "Signed out");
  module.Audit("session_ended", "Session ended by its owner");
  module.Audit("sessions_ended", "Signed out everywhere else");
  module.Audit("password_changed", "Password changed");
  module.Audit("password_change_refused", "Password change refused: wrong current password");
  module.Audit("csrf_rejected", "Form refused: expired or forged");
  module.Audit("access_denied", "Page refused to a signed-in user");
  module.Audit("role_granted", "Role granted");
  module.Audit("role_revoked", "Role revoked");
  module.Audit("api_token_issued", "API token issued");
  module.Audit("api_tokens_revoked", "API tokens revoked");
  module.Audit("invitation_created", "Invitation created");
  module.Audit("invitation_accepted", "Invitation accepted");
  module.Audit("password_reset_requested", "Password reset requested");
  module.Audit("password_reset_throttled", "Password reset refused: too many requests");
  module.Audit("password_reset", "Password reset");
  module.Audit("link_refused", "One-time link refused");
  module.Audit("account_deleted", "Account deleted");
  module.Audit("organisation_created", "Organisation created");
  module.Audit("organisation_changed", "Organisation changed");
  module.Audit("member_added", "Member added to an organisation");
  module.Audit("member_removed", "Member removed from an organisation");
  module.Audit("registration_requested", "Registration requested");
  module.Audit("registration_approved", "Registration approved");
  module.Audit("registration_rejected", "Registration rejected");
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("accounts");
  module.SearchKeys("users", "id", "display_name");
  module.SearchKeys("organisations", "id", "name");
  module.Provide([](kernel::ModuleContext& context) {
    kernel::Services& services = context.services;
    db::Database& database = context.database;
    // The kernel's, provided by the application before any module.
    auto& audit = services.Get<kernel::AuditLog>();
    const auto& clock = services.Get<core::Clock>();
    auto& outbox = services.Get<notifications::Outbox>();
    auto& store = services.Keep<AccountsStore>(database);
    services.Make<SessionService>(store, audit, clock);
    auto& accounts = services.Make<AccountsService>(store, audit, outbox, clock, database);
    auto& organisation_store = services.Keep<OrganisationStore>(database);
    services.Make<OrganisationService>(organisation_store, store, audit, clock, database);
    auto& registration_store = services.Keep<RegistrationStore>(database);
    services.Make<RegistrationService>(registration_store, accounts, store, audit, clock, database);
    auto& invitation_store = services.Keep<InvitationStore>(database);
    services.Make<InvitationService>(
        InvitationDependencies{accounts, store, invitation_store, outbox, audit, clock, database},
        context.options.public_url);
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& accounts = services.Get<AccountsService>();
    auto& organisations = services.Get<OrganisationService>();
    auto& registrations = services.Get<RegistrationService>();
    auto& places = services.Get<places::PlacesService>();
    AddAccountRoutes(routes, site,
                     {services.Get<SessionService>(), services.Get<kernel::AuditLog>(), accounts, organisations,
                      registrations, services.Get<kernel::Catalogue>()});
    AddAdminRoutes(routes, site, accounts, organisations);
    AddOrganisationRoutes(routes, site, organisations, places);
    AddRegistrationRoutes(routes, site, routes.app(), registrations, accounts, places);
    // An administrator's home: the requests to monitor a municipality that wait for a decision.
    services.Get<kernel::Home>().Add(
        [&site, &registrations](const http::Request& request,
                                const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
          if (!user.actor().IsAdministrator()) return std::nullopt;
          constexpr std::size_t kShown = 5;
          const auto waiting = registrations.List("pending", kShown + 1, 0);
          const web::Reader reader = site.ReaderOf(request);
          nlohmann::json rows = nlohmann::json::array();
          for (std::size_t i = 0; i < waiting.size() && i < kShown; ++i) {
            rows.push_back({{"name", waiting[i].display_name},
                            {"email", waiting[i].email},
                            {"at", reader.DateTime(waiting[i].created_at)}});
          }
          const nlohmann::json data = {
              {"waiting", rows}, {"has_waiting", !rows.empty()}, {"more", waiting.size() > kShown}};
          return kernel::HomeSection{reader.Translate("Waiting for an administrator"),
                                     site.RenderBody(request, "accounts/home", data)};
        });
    // A member's home: their organisation, where it works and who else is in it. (A CSO editor's plans to follow
    // come from the policies module, by the organisation's municipality.)
    services.Get<kernel::Home>().Add(
        [&site, &organisations, &places](const http::Request& request,
                                         const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
          const auto own = organisations.OrganisationsOf(user.user_id());
          if (own.empty()) return std::nullopt;
          constexpr std::size_t kShownMembers = 8;
          const web::Reader reader = site.ReaderOf(request);
          nlohmann::json rows = nlohmann::json::array();
          for (const Organisation& organisation : own) {
            nlohmann::json place = nullptr;
            if (!organisation.municipality_code.empty()) {
              if (const auto found = places.FindMunicipality(organisation.municipality_code)) {
                const auto& municipality = (*found)->detail.municipality;
                place = {{"name", reader.Localised(municipality.name_bg, municipality.name_en)},
                         {"url", "/places/municipalities/" + municipality.code}};
              }
            }
            const auto members = organisations.Members(organisation.id);
            std::string names;
            for (std::size_t i = 0; i < members.size() && i < kShownMembers; ++i) {
              names += (names.empty() ? "" : ", ") +
                       (members[i].id == user.user_id() ? reader.Translate("you") : members[i].display_name);
            }
            rows.push_back({{"name", organisation.name},
                            {"kind", reader.Translate(OrganisationKindTitle(organisation.kind))},
                            {"place", place},
                            {"members", names},
                            {"member_count", reader.Number(static_cast<long long>(members.size()))},
                            {"more_members", members.size() > kShownMembers}});
          }
          return kernel::HomeSection{
              reader.TranslatePlural("Your organisation", "Your organisations", static_cast<long>(own.size())),
              site.RenderBody(request, "accounts/organisation_home", {{"organisations", rows}})};
        });
    AddInvitationRoutes(routes, site, services.Get<InvitationService>(), services.Get<notifications::Outbox>(),
                        routes.app(), accounts);
  });
  module.Navigation("Administration", "/admin/users", kernel::NavigationPlace::kAccount);
  DeclareAudit(module);
  AddCommands(module);
}

}  // namespace accounts
