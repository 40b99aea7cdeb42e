#include "http/router.hpp"

#include <regex>
#include <stdexcept>

namespace http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return parts;
}

}  // namespace

std::string PatternShape(std::string_view pattern) {
  std::string shape;
  for (const std::string_view part : SplitPath(pattern)) {
    shape += '/';
    const auto colon = part.find(':');
    const bool typed_parameter = part.starts_with('{') && part.ends_with('}') && colon != std::string_view::npos;
    shape += typed_parameter ? std::string(part.substr(0, colon)) + "}" : std::string(part);
  }
  return shape.empty() ? "/" : shape;
}

void Router::Add(Method method, std::string pattern, core::Access access, Handler handler, std::string module,
                 Kept kept, Body body) {
  // Parameters match whatever their names: "/measures/{id}" and "/measures/{number}" are one route.
  const auto unnamed = [](std::string_view any_pattern) {
    static const std::regex parameter(R"(\{[^/]*\})");
    return std::regex_replace(PatternShape(any_pattern), parameter, "{}");
  };
  const std::string shape = PatternShape(pattern);
  for (const CompiledRoute& existing : routes_) {
    if (existing.route.method == method && unnamed(existing.route.pattern) == unnamed(pattern)) {
      throw std::logic_error(std::string(MethodName(method)) + " " + shape + " is declared twice (by " +
                             (existing.route.module.empty() ? "the site" : existing.route.module) + " and " +
                             (module.empty() ? "the site" : module) + ")");
    }
  }
  CompiledRoute compiled{{method, pattern, access, std::move(handler), std::move(module), kept, body}, {}};
  for (const std::string_view part : SplitPath(pattern)) {
    Segment segment;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      const std::string_view inner = part.substr(1, part.size() - 2);
      const auto colon = inner.find(':');
      segment.parameter = std::string(inner.substr(0, colon));
      if (colon != std::string_view::npos) {
        const std::string_view type = inner.substr(colon + 1);
        // int: at most 18 digits, so every match fits in an int64.
        const std::string expression = type == "int" ? "[0-9]{1,18}" : std::string(type);
        segment.pattern = std::make_shared<const std::regex>(expression, std::regex::ECMAScript | std::regex::optimize);
      }
    } else {
      segment.literal = std::string(part);
    }
    compiled.segments.push_back(std::move(segment));
  }
  routes_.push_back(std::move(compiled));
}

bool Router::MatchSegments(const CompiledRoute& route, const std::vector<std::string_view>& parts, Fields& parameters) {
  if (route.segments.size() != parts.size()) return false;
  parameters.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = route.segments[i];
    if (segment.parameter.empty()) {
      if (segment.literal != parts[i]) return false;
      continue;
    }
    if (parts[i].empty()) return false;
    if (segment.pattern && !std::regex_match(parts[i].begin(), parts[i].end(), *segment.pattern)) return false;
    parameters.emplace_back(segment.parameter, std::string(parts[i]));
  }
  return true;
}

Router::Match Router::Find(Method method, std::string_view path) const {
  const Method wanted = method == Method::kHead ? Method::kGet : method;
  const auto parts = SplitPath(path);
  Match match;
  Fields parameters;
  for (const CompiledRoute& route : routes_) {
    if (!MatchSegments(route, parts, parameters)) continue;
    if (route.route.method == wanted) {
      match.route = &route.route;
      match.parameters = std::move(parameters);
      return match;
    }
    match.other_method_matches = true;
  }
  return match;
}

std::vector<const Router::Route*> Router::routes() const {
  std::vector<const Route*> all;
  for (const auto& route : routes_) all.push_back(&route.route);
  return all;
}

}  // namespace http
