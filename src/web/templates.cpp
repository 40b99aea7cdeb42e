#include "web/templates.hpp"

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace web {

mustache::data TemplateText(std::string text) {
  // An empty string is false, as in the other mustache implementations: `{{#error}}…{{/error}}` shows nothing when
  // there is no error (kainjow counts any string as true), and `{{x}}` still renders "".
  if (text.empty()) return mustache::data{mustache::data::type::bool_false};
  return mustache::data{std::move(text)};
}

mustache::data ToMustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, ToMustache(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(ToMustache(item));
      return list;
    }
    case nlohmann::json::value_t::string:
      return TemplateText(value.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                               : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{value.dump()};  // numbers, as JSON writes them
  }
}

void Templates::LoadDirectory(const std::filesystem::path& directory, const std::string& prefix) {
  if (!std::filesystem::is_directory(directory)) {
    throw std::runtime_error("templates directory not found: " + directory.string());
  }
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    mustache::mustache parsed{text.str()};
    if (!parsed.is_valid()) {
      throw std::runtime_error("template " + entry.path().string() + ": " + parsed.error_message());
    }
    const std::string name = prefix + entry.path().stem().string();
    masters_.insert_or_assign(name, std::move(parsed));
    // Only names with a folder ("ui/progress"): a plain name ("error") could be taken for a missing value.
    if (!prefix.empty()) partials_.set(name, mustache::partial([source = text.str()] { return source; }));
  }
}

Templates::Templates() {
  static std::atomic<std::uint64_t> next_serial{1};
  serial_ = next_serial++;
}

std::string Templates::Render(std::string_view name, const mustache::data& data) const {
  const auto found = masters_.find(name);
  if (found == masters_.end()) throw std::runtime_error("no template named " + std::string(name));
  thread_local std::map<std::pair<std::uint64_t, std::string>, mustache::mustache, std::less<>> copies;
  auto key = std::make_pair(serial_, found->first);
  auto copy = copies.find(key);
  if (copy == copies.end()) copy = copies.emplace(std::move(key), found->second).first;
  // The page's data first, the partials last: a name the data has is never taken for a partial.
  mustache::context<std::string> context;
  context.push(&partials_);
  context.push(&data);
  std::string html = copy->second.render(context);
  if (!copy->second.is_valid()) {
    const std::string message = copy->second.error_message();
    copies.erase(copy);
    throw std::runtime_error("template " + std::string(name) + ": " + message);
  }
  return html;
}

}  // namespace web
