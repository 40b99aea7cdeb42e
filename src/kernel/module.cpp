#include "kernel/module.hpp"

#include <stdexcept>

namespace kernel {

const core::SignedIn* SignedInOf(const http::Request& request) {
  return request.Context<core::SignedIn>(core::kSignedInContext);
}

core::Actor ActorOf(const http::Request& request) {
  const core::Origin origin{request.remote_address, request.request_id};
  if (const core::SignedIn* user = SignedInOf(request)) {
    core::Actor actor = user->actor();
    actor.origin = origin;
    return actor;
  }
  return {std::nullopt, {}, origin};
}

void Routes::Add(http::Method method, std::string pattern, core::Access access, http::Handler handler, http::Kept kept,
                 http::Body body) {
  if (access.kind != core::Access::Kind::kAnyone) {
    throw std::logic_error(
        module_ + ": " + std::string(http::MethodName(method)) + " " + pattern +
        " is not open to anyone: its handler must take the signed-in user (kernel::SignedInHandler)");
  }
  router_.Add(method, std::move(pattern), access, std::move(handler), module_, kept, body);
}

void Routes::Add(http::Method method, std::string pattern, core::Access access, SignedInHandler handler,
                 http::Body body) {
  if (access.kind == core::Access::Kind::kAnyone) {
    throw std::logic_error(module_ + ": " + std::string(http::MethodName(method)) + " " + pattern +
                           " is open to anyone: its handler cannot count on a signed-in user");
  }
  router_.Add(
      method, std::move(pattern), access,
      [handler = std::move(handler)](http::Request& request) {
        // The access middleware has refused whoever the route does not admit; this is the type's guarantee.
        const core::SignedIn* user = SignedInOf(request);
        if (user == nullptr) return http::Response::Text("Sign in to open this page.", 401);
        return handler(request, *user);
      },
      module_, http::Kept::kNever, body);
}

void Routes::Get(std::string pattern, core::Access access, http::Handler handler, http::Kept kept) {
  Add(http::Method::kGet, std::move(pattern), access, std::move(handler), kept);
}
void Routes::Get(std::string pattern, core::Access access, SignedInHandler handler) {
  Add(http::Method::kGet, std::move(pattern), access, std::move(handler));
}
void Routes::Post(std::string pattern, core::Access access, http::Handler handler) {
  Add(http::Method::kPost, std::move(pattern), access, std::move(handler));
}
void Routes::Post(std::string pattern, core::Access access, SignedInHandler handler) {
  Add(http::Method::kPost, std::move(pattern), access, std::move(handler));
}
void Routes::Post(std::string pattern, core::Access access, http::Body body, http::Handler handler) {
  Add(http::Method::kPost, std::move(pattern), access, std::move(handler), http::Kept::kNever, body);
}
void Routes::Post(std::string pattern, core::Access access, http::Body body, SignedInHandler handler) {
  Add(http::Method::kPost, std::move(pattern), access, std::move(handler), body);
}

}  // namespace kernel
