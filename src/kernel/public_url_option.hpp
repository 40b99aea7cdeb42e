#pragma once
// The --public-url option of a command that writes links into messages (a digest, a reminder): where users reach the
// site, from the option or the environment's KHETANE_PUBLIC_URL, checked once the command runs.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace kernel {

// Adds --public-url to `command`; the text it holds once parsed (the environment's value when not given).
// `links` says what the links are in the option's help ("the reminders' links").
std::shared_ptr<std::string> AddPublicUrlOption(CLI::App& command, std::string_view links);
// The site's address without a trailing slash, "" when none was given, or nullopt after telling `err` why `given` is
// not one.
std::optional<std::string> CheckedPublicUrl(const std::string& given, std::ostream& err);

}  // namespace kernel
