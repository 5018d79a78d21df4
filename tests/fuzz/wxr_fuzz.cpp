// A WordPress export (WXR) as a paper might bring it, or as someone might craft it for the
// importer: any bytes give the records or an error value, never a crash, a leak or an
// escaping exception. Each item's body also goes through what the importer applies to it
// (shortcodes, then HTML to Markdown).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "archive/html_to_markdown.hpp"
#include "archive/wxr.hpp"

namespace {

class BodyConverter final : public sinmun::archive::WxrVisitor {
 public:
  sinmun::Result<> OnSite(const sinmun::archive::WxrSite&) override { return {}; }
  sinmun::Result<> OnAuthor(const sinmun::archive::WxrAuthor&) override { return {}; }
  sinmun::Result<> OnTerm(const sinmun::archive::WxrTerm&) override { return {}; }
  sinmun::Result<> OnItem(sinmun::archive::WxrItem&& item) override {
    (void)sinmun::archive::WordPressBodyToMarkdown(item.content);
    (void)sinmun::archive::HtmlToMarkdown(item.excerpt);
    for (const sinmun::archive::WxrComment& comment : item.comments) {
      (void)sinmun::archive::HtmlToMarkdown(comment.content);
    }
    return {};
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  BodyConverter visitor;
  (void)sinmun::archive::ReadWxrText(std::string_view(reinterpret_cast<const char*>(data), size),
                                     visitor);
  return 0;
}
