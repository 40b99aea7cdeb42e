#include "core/error.hpp"

namespace core {

Failure::~Failure() = default;

std::string FillArguments(std::string text, const std::vector<MessageArgument>& arguments,
                          const std::function<std::string(const MessageArgument&)>& show) {
  for (const MessageArgument& argument : arguments) {
    const std::string placeholder = "{" + argument.name + "}";
    const std::string value = show(argument);
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace core
