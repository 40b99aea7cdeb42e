#pragma once
// Mustache templates, parsed once at start-up. {{x}} escapes; {{{x}}} is raw and only for HTML we made ourselves.
// Routes build their data as JSON (the same shape the API returns), and ToMustache turns it into template data.
// A page with thousands of rows builds those rows as template data directly (TemplateText), with the same rules.

#include <cstdint>
#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace web {

namespace mustache = kainjow::mustache;

mustache::data ToMustache(const nlohmann::json& value);
// A string as ToMustache makes it: an empty string is false in a section.
mustache::data TemplateText(std::string text);

class Templates {
 public:
  Templates();
  // Reads every *.mustache file directly in `directory`; each is named prefix + file stem ("places/" + "oblast"). With
  // a prefix, any template may include it by that name as a partial: {{> ui/progress}} renders
  // templates/ui/progress.mustache with the data in view where it stands (docs/DEVELOPING.md, "The design system").
  void LoadDirectory(const std::filesystem::path& directory, const std::string& prefix = "");
  bool Has(std::string_view name) const { return masters_.find(name) != masters_.end(); }
  // Throws std::runtime_error for an unknown template or a render error (the caller answers 500 and logs it).
  std::string Render(std::string_view name, const mustache::data& data) const;

 private:
  // Rendering changes a template object's state, and a render error poisons it, so each thread renders its own
  // copy of the parsed master, made on first use and dropped after an error. Copying per render costs more.
  std::map<std::string, mustache::mustache, std::less<>> masters_;
  mustache::data partials_{mustache::data::type::object};  // every template's text, by name, for {{> name}}
  std::uint64_t serial_;  // tells this object's thread copies apart from those of an earlier Templates
};

}  // namespace web
