#pragma once
// Routes are C++: router.Get("/places/municipalities/{code:[A-Z]{3}[0-9]{2}}", core::Access::Anyone(), handler).
// Every route declares the access it needs; the request pipeline checks it before the handler runs.
// A parameter is `{name}` (any one segment), `{name:int}` (digits) or `{name:REGEX}` (the whole segment must match).
// A path that matches no pattern is a 404; one that matches with another method is a 405.

#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace http {

using Handler = std::function<Response(Request&)>;

// Whether a route's whole response may be kept and given again to the next visitor who asks for the same address in
// the same language (web::App, web::ResponseCache): a page that shows every visitor the same thing says so.
enum class Kept { kNever, kForVisitors };

// A pattern without its parameter types: "/places/municipalities/{code:[A-Z]{3}[0-9]{2}}" →
// "/places/municipalities/{code}". The form the permission table and the API description use.
std::string PatternShape(std::string_view pattern);

class Router {
 public:
  struct Route {
    Method method;
    std::string pattern;
    core::Access access;
    Handler handler;
    std::string module;  // who declared it, for messages, the audit log and the API description
    Kept kept = Kept::kNever;
    Body body = Body::kForm;
  };

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    Fields parameters;
    bool other_method_matches = false;  // the path exists, but not for this method → 405
  };

  void Get(std::string pattern, core::Access access, Handler handler) {
    Add(Method::kGet, std::move(pattern), access, std::move(handler));
  }
  void Post(std::string pattern, core::Access access, Handler handler) {
    Add(Method::kPost, std::move(pattern), access, std::move(handler));
  }
  // Throws std::logic_error when a route of the same method and shape is there already.
  void Add(Method method, std::string pattern, core::Access access, Handler handler, std::string module = "",
           Kept kept = Kept::kNever, Body body = Body::kForm);

  // HEAD is answered by the GET route.
  Match Find(Method method, std::string_view path) const;
  std::vector<const Route*> routes() const;

 private:
  struct Segment {
    std::string literal;                        // when not a parameter
    std::string parameter;                      // its name, when a parameter
    std::shared_ptr<const std::regex> pattern;  // null: any non-empty segment
  };
  struct CompiledRoute {
    Route route;
    std::vector<Segment> segments;
  };
  static bool MatchSegments(const CompiledRoute& route, const std::vector<std::string_view>& parts, Fields& parameters);

  std::vector<CompiledRoute> routes_;
};

}  // namespace http
