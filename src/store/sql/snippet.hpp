#pragma once
// An article's snippet: the plain-text excerpt of its body that lists, feeds and the JSON APIs
// show, stored with the article (articles.snippet) whenever its body is written, and made
// again by a migration (migration_steps.hpp) when the excerpt's rules change. Internal to
// store/.

#include <string>
#include <string_view>

#include "core/text.hpp"

namespace sinmun::store {

inline constexpr size_t kSnippetChars = 150;

inline std::string SnippetOf(std::string_view body_markdown) {
  return Excerpt(body_markdown, kSnippetChars);
}

}  // namespace sinmun::store
