// Article bodies through the Markdown renderer: no crash, no raw tag from the source, no
// javascript: link.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string html =
      sinmun::render::MarkdownToHtml(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const char* never : {"<script", "<img src=\"javascript:", "href=\"javascript:",
                            "href=\"JAVASCRIPT:", "<iframe", "<style"}) {
    if (html.find(never) != std::string::npos) __builtin_trap();
  }
  return 0;
}
