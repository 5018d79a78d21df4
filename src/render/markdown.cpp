#include "render/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace sinmun::render {
namespace {

// No CMARK_OPT_UNSAFE: raw HTML becomes "<!-- raw HTML omitted -->" and javascript:/vbscript:
// link targets are dropped, so a body cannot carry markup or scripts into the page.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

// cmark-gfm keeps the table of special inline characters in process-wide state: attaching
// an extension sets its characters ('~' for strikethrough…) and freeing a parser clears them,
// so two threads converting at once lose each other's extensions (the tests caught "~~a~~"
// coming out unconverted). One lock around parse + render; bodies are small and converted
// only when a page is rendered, which the page cache makes rare.
std::mutex& CmarkMutex() {
  static std::mutex mutex;
  return mutex;
}

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  // Declared first so it is released last: the parser is freed under the lock too.
  const std::lock_guard<std::mutex> lock(CmarkMutex());
  cmark_gfm_core_extensions_ensure_registered();  // idempotent; under the lock
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
  char* html =
      cmark_render_html(document.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string result(html);
  cmark_get_default_mem_allocator()->free(html);
  return result;
}

}  // namespace sinmun::render
