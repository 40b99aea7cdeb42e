#include "web/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "core/text.hpp"

namespace web {
namespace {

struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

// A link or an image is kept when it goes to the web, to a mail address, or within the site; anything else
// (javascript:, data:, vbscript:, file:) loses its address. cmark's safe mode drops some of these already; this is the
// list we mean, whatever a later version of the library does.
bool IsAllowedUrl(std::string_view url) {
  const std::size_t colon = url.find(':');
  const std::size_t stop = url.find_first_of("/?#");
  if (colon == std::string_view::npos || (stop != std::string_view::npos && stop < colon)) return true;  // relative
  const std::string scheme = core::FoldCase(url.substr(0, colon));
  return scheme == "https" || scheme == "http" || scheme == "mailto";
}

void DropUnsafeUrls(cmark_node* root) {
  cmark_iter* iterator = cmark_iter_new(root);
  for (cmark_event_type event = cmark_iter_next(iterator); event != CMARK_EVENT_DONE;
       event = cmark_iter_next(iterator)) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iterator);
    const cmark_node_type type = cmark_node_get_type(node);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    if (url != nullptr && !IsAllowedUrl(url)) cmark_node_set_url(node, "");
  }
  cmark_iter_free(iterator);
}

}  // namespace

core::Result<std::string> MarkdownToHtml(std::string_view markdown) {
  if (markdown.size() > kMaxMarkdownBytes) {
    return core::Error::InvalidInput("The text is too long: at most 200,000 bytes.");
  }
  if (!core::IsValidUtf8(markdown)) return core::Error::InvalidInput("The text is not valid UTF-8.");
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  const int options = CMARK_OPT_SAFE;
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(options));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeFree> document(cmark_parser_finish(parser.get()));
  DropUnsafeUrls(document.get());
  char* html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string result(html);
  std::free(html);
  return result;
}

}  // namespace web
