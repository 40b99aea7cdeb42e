#include "modules/accounts/invitation_routes.hpp"

#include <fmt/chrono.h>

#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/form_support.hpp"
#include "modules/accounts/password.hpp"

namespace accounts {
namespace {

using nlohmann::json;

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The invitation in the recipient's language, from the catalogues; the service fills in {link}.
MessageText InvitationMessage(const web::Site& site, web::Language language, const std::string& name,
                              const RoleAssignment& assignment, AccountsService& accounts) {
  const web::Translations& translations = site.translations();
  std::string body = translations.Translate(language, "Hello {name},");
  body += "\n\n" + translations.Translate(language, "You are invited to Khetane as {role} for {scope}.");
  body += "\n\n" + translations.Translate(language, "Open this link to choose your password:") + "\n{link}";
  body += "\n\n" + translations.Translate(language, "The link works once and expires in 7 days.") + "\n";
  body = ReplaceAll(std::move(body), "{name}", name);
  body = ReplaceAll(std::move(body), "{role}", translations.Translate(language, RoleTitle(assignment.role)));
  body = ReplaceAll(std::move(body), "{scope}", ScopeLabel(translations, language, accounts, assignment.scope));
  return {translations.Translate(language, "Your invitation to Khetane"), std::move(body)};
}

MessageText PasswordResetMessage(const web::Site& site, web::Language language) {
  const web::Translations& translations = site.translations();
  std::string body = translations.Translate(language, "Someone asked to reset the password of your Khetane account.");
  body += "\n\n" + translations.Translate(language, "Open this link to choose a new password:") + "\n{link}";
  body += "\n\n" + translations.Translate(language, "The link works once and expires in 2 hours.");
  body +=
      " " + translations.Translate(language, "If you did not ask for it, do nothing: your password stays as it is.");
  return {translations.Translate(language, "Reset your Khetane password"), body + "\n"};
}

// Where a message stands, for the outbox page: sent, waiting, failed (and tried again), given up, or kept for an
// administrator to pass on when no mail server is configured.
json DeliveryState(const web::Reader& reader, const notifications::OutboxMessage& message, bool mail_delivery) {
  if (message.sent_at) return {{"sent", true}, {"sent_at", reader.DateTime(*message.sent_at)}};
  const std::string error = message.last_error.value_or("");
  if (message.given_up_at) return {{"given_up", true}, {"error", error}};
  if (message.attempts > 0) {
    return {{"failed", true},
            {"attempts", message.attempts},
            {"next_attempt", reader.DateTime(message.next_attempt_at)},
            {"error", error}};
  }
  return {{mail_delivery ? "waiting" : "not_mailed", true}};
}

struct InvitationForm {
  std::string email;
  std::string name;
  std::string role;
  std::string scope;
  std::string language;
};

InvitationForm ParseInvitationForm(const http::Request& request) {
  return {request.Form("email").value_or(""), request.Form("name").value_or(""), request.Form("role").value_or(""),
          request.Form("scope").value_or(""),
          request.Form("language").value_or(std::string(web::CodeOf(web::Site::LanguageOf(request))))};
}

http::Response InvitationFormPage(const http::Request& request, const web::Site& site, const InvitationForm& form,
                                  const std::string& error, int status) {
  json roles = json::array();
  for (const Role role : AllRoles()) {
    roles.push_back({{"value", RoleName(role)},
                     {"title", site.Translate(request, RoleTitle(role))},
                     {"selected", form.role == RoleName(role)}});
  }
  json languages = json::array();
  for (const auto& [code, title] : {std::pair{"bg", "Български"}, std::pair{"en", "English"}}) {
    languages.push_back({{"value", code}, {"title", title}, {"selected", form.language == code}});
  }
  const json data = {{"csrf", request.Attribute("csrf_token").value_or("")},
                     {"email", form.email},
                     {"name", form.name},
                     {"scope", form.scope},
                     {"roles", roles},
                     {"languages", languages},
                     {"error", error}};
  http::Response response =
      site.Page(request, site.Translate(request, "Invite someone"), "accounts/invitation_new", data, status);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response CreateInvitation(http::Request& request, const core::SignedIn& inviter, const web::Site& site,
                                InvitationService& invitations, const web::App& app, AccountsService& accounts) {
  const InvitationForm form = ParseInvitationForm(request);
  const auto refuse = [&](const core::Error& error) {
    return InvitationFormPage(request, site, form, site.Translate(request, error.message), FormStatusOf(error));
  };
  const auto role = RoleFromName(form.role);
  if (!role) return refuse(core::Error::InvalidInput("Choose a role."));
  const auto scope = ParseScope(form.scope);
  if (!scope) {
    return refuse(core::Error::InvalidInput(
        "Write the scope as installation, oblast:BLG, municipality:MON24 or organisation:ID."));
  }
  const RoleAssignment assignment{*role, *scope};
  const web::Language language = web::LanguageFromCode(form.language).value_or(web::Site::LanguageOf(request));
  const std::string name = form.name.empty() ? form.email : form.name;
  auto invited = invitations.Invite(inviter, form.email, form.name, assignment,
                                    InvitationMessage(site, language, name, assignment, accounts));
  if (!invited) return refuse(invited.error());
  const json data = {{"email", invited->email},
                     {"role", site.Translate(request, RoleTitle(assignment.role))},
                     {"scope", ScopeLabel(request, site, accounts, assignment.scope)},
                     {"link", invited->link},
                     {"expires", site.ReaderOf(request).DateTime(invited->expires_at)},
                     {"mail_delivery", app.options().mail_delivery}};
  http::Response response =
      site.Page(request, site.Translate(request, "The invitation is ready"), "accounts/invitation_created", data, 201);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

std::string_view ChoosePasswordTitle(LinkPurpose purpose) {
  return purpose == LinkPurpose::kInvitation ? "Welcome: choose your password" : "Choose a new password";
}

// A refused link: 404 when it is unknown, 410 when it has expired (kGone), and 410 too when it was used: the service
// calls a used link a conflict (of two redeems at once, one loses), but to whoever opens it the link is gone.
http::Response RefusedLinkPage(const http::Request& request, const web::Site& site, const core::Error& error) {
  const json data = {{"message", site.Translate(request, error.message)}};
  const int status = web::StatusOf(error.kind == core::ErrorKind::kConflict ? core::ErrorKind::kGone : error.kind);
  http::Response response = site.Page(request, site.Translate(request, "This link cannot be used"),
                                      "accounts/invitation_refused", data, status);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response ChoosePasswordPage(const http::Request& request, const web::Site& site, const web::App& app,
                                  LinkPurpose purpose, const OneTimeLink& link, const std::string& error, int status) {
  const FormCsrf csrf = FormCsrfOf(request);
  const std::string title = site.Translate(request, ChoosePasswordTitle(purpose));
  const json data = {{"heading", title},
                     {"csrf", csrf.token},
                     {"action", request.path},
                     {"email", link.email},
                     {"minimum", std::to_string(kMinimumPasswordLength)},
                     {"error", error}};
  return WithFormCsrf(site.Page(request, title, "accounts/invitation_choose_password", data, status), csrf, app);
}

void AddLinkRoutes(kernel::Routes& routes, const web::Site& site, InvitationService& invitations, const web::App& app,
                   const std::string& prefix, LinkPurpose purpose) {
  routes.Get(prefix + "/{token}", core::Access::Anyone(), [&site, &invitations, &app, purpose](http::Request& request) {
    auto link = invitations.OpenLink(request.Parameter("token"), purpose, OriginOf(request));
    if (!link) return RefusedLinkPage(request, site, link.error());
    return ChoosePasswordPage(request, site, app, purpose, *link, "", 200);
  });
  routes.Post(
      prefix + "/{token}", core::Access::Anyone(), [&site, &invitations, &app, purpose](http::Request& request) {
        const std::string& token = request.Parameter("token");
        const std::string password = request.Form("password").value_or("");
        const std::string repeated = request.Form("password_again").value_or("");
        if (password != repeated) {
          auto link = invitations.OpenLink(token, purpose, OriginOf(request));
          if (!link) return RefusedLinkPage(request, site, link.error());
          const auto mismatch = core::Error::InvalidInput("The two passwords are not the same.");
          return ChoosePasswordPage(request, site, app, purpose, *link, site.Translate(request, mismatch.message),
                                    FormStatusOf(mismatch));
        }
        auto redeemed = invitations.Redeem(token, purpose, password, OriginOf(request));
        if (redeemed) return http::Response::Redirect("/signin?password_set=1");
        if (redeemed.error().kind != core::ErrorKind::kInvalidInput)
          return RefusedLinkPage(request, site, redeemed.error());
        auto link = invitations.OpenLink(token, purpose, OriginOf(request));
        if (!link) return RefusedLinkPage(request, site, link.error());
        return ChoosePasswordPage(request, site, app, purpose, *link, site.Translate(request, redeemed.error().message),
                                  FormStatusOf(redeemed.error()));
      });
}

http::Response PasswordResetRequestPage(const http::Request& request, const web::Site& site, const web::App& app) {
  const FormCsrf csrf = FormCsrfOf(request);
  const json data = {{"csrf", csrf.token}};
  return WithFormCsrf(
      site.Page(request, site.Translate(request, "Forgot your password?"), "accounts/password_reset_request", data),
      csrf, app);
}

}  // namespace

void AddInvitationRoutes(kernel::Routes& routes, const web::Site& site, InvitationService& invitations,
                         notifications::Outbox& outbox, const web::App& app, AccountsService& accounts) {
  routes.Get("/admin/outbox", core::Access::Administrator(),
             [&site, &outbox, &app](http::Request& request, const core::SignedIn& reader) {
               constexpr std::int64_t kPerPage = 20;
               const auto parsed_offset = OffsetOf(request);
               if (!parsed_offset)
                 return site.Fail(request, core::Error::InvalidInput("offset must be a whole number, 0 or more"));
               const std::int64_t offset = *parsed_offset;
               const bool mail_delivery = app.options().mail_delivery;
               const auto listing = outbox.List(reader, kPerPage, offset);
               if (!listing) return site.Fail(request, listing.error());
               const web::Reader shown = site.ReaderOf(request);
               json messages = json::array();
               for (const auto& message : listing->messages) {
                 json item = {{"at", shown.DateTime(message.created_at)},
                              {"recipient", message.recipient},
                              {"subject", message.subject},
                              {"body", message.body_text}};
                 item.update(DeliveryState(shown, message, mail_delivery));
                 messages.push_back(std::move(item));
               }
               const std::int64_t total = listing->total;
               json data = {{"messages", messages},
                            {"has_messages", !messages.empty()},
                            {"total", total},
                            {"mail_delivery", mail_delivery}};
               data["pager"] = web::ui::Pager(shown, total, kPerPage, offset, "/admin/outbox");
               http::Response response =
                   site.Page(request, site.Translate(request, "Outbox"), "accounts/admin_outbox", data);
               response.SetHeader("Cache-Control", "private, no-store");  // the messages hold one-time links
               return response;
             });

  routes.Get("/admin/invitations/new", core::Access::Administrator(),
             [&site](http::Request& request, const core::SignedIn&) {
               return InvitationFormPage(request, site, ParseInvitationForm(request), "", 200);
             });
  routes.Post("/admin/invitations", core::Access::Administrator(),
              [&site, &invitations, &app, &accounts](http::Request& request, const core::SignedIn& user) {
                return CreateInvitation(request, user, site, invitations, app, accounts);
              });

  routes.Get("/password-reset", core::Access::Anyone(),
             [&site, &app](http::Request& request) { return PasswordResetRequestPage(request, site, app); });
  routes.Post("/password-reset", core::Access::Anyone(), [&site, &invitations, &app](http::Request& request) {
    // The same answer whether or not the account exists: the page never tells who has one.
    invitations.RequestPasswordReset(request.Form("email").value_or(""),
                                     PasswordResetMessage(site, web::Site::LanguageOf(request)), OriginOf(request));
    return site.Page(request, site.Translate(request, "Check your messages"), "accounts/password_reset_requested",
                     json{{"mail_delivery", app.options().mail_delivery}});
  });

  AddLinkRoutes(routes, site, invitations, app, "/invitations", LinkPurpose::kInvitation);
  AddLinkRoutes(routes, site, invitations, app, "/password-reset", LinkPurpose::kPasswordReset);
}

}  // namespace accounts
