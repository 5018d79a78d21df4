#pragma once
// Rules and text forms that every store backend applies the same way: the content rules of
// store.hpp (checked before anything is written), and the one-line text form of the lists a
// revision keeps. Internal to store/.

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// Lines joined with '\n' (revisions keep sub-headlines and tags so), and split back.
std::string JoinLines(const std::vector<std::string>& lines);
std::vector<std::string> SplitLines(std::string_view text);

// Ids joined with ',' ("3,1,2"), and split back by SplitIds.
std::string JoinIds(const std::vector<std::int64_t>& ids);

// Ids as one JSON array ("[3,1,2]"), bound as one parameter where a statement reads a list of
// ids ({ids:?N}, sql/dialect.hpp).
std::string JsonIds(const std::vector<std::int64_t>& ids);

// Texts as one JSON array of strings ("[\"a\",\"b\"]"), bound as one parameter where a
// statement reads a list of texts ({texts:?N}, sql/dialect.hpp).
std::string JsonStrings(const std::vector<std::string>& texts);

// Ids written by JoinIds; a malformed item (which JoinIds never writes) is skipped.
template <typename Int>
std::vector<Int> SplitIds(std::string_view text, char separator) {
  std::vector<Int> ids;
  while (!text.empty()) {
    const size_t end = text.find(separator);
    const std::string_view item = text.substr(0, end);
    Int id = 0;
    if (std::from_chars(item.data(), item.data() + item.size(), id).ec == std::errc()) {
      ids.push_back(id);
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return ids;
}

// An article's further photos as revisions keep them: one "id<TAB>caption<TAB>credit" line
// each (ValidateContent keeps tabs and line breaks out of captions and credits), and back;
// a malformed line (which JoinPlacements never writes) is skipped.
std::string JoinPlacements(const std::vector<PhotoPlacement>& photos);
std::vector<PhotoPlacement> SplitPlacements(std::string_view text);

// Bytes as base64 text (RFC 4648, padded), for files kept in a TEXT column, and back; the
// decoder reads padded text, as ToBase64 writes it, and stops at the first character that is
// not base64 ("" for text that is not padded).
std::string ToBase64(std::string_view bytes);
std::string FromBase64(std::string_view text);

// The content rules of the desk (store.hpp): kInvalidInput naming the first one broken.
Result<> ValidateContent(const ArticleContent& content);
// InsertArticles' rules: a headline, no reporter credited twice.
Result<> ValidateArticles(const std::vector<NewArticle>& articles);

// Foreign-key failures of a content write name what was unknown; other errors pass unchanged.
Error ExplainContentError(Error error);
// Replaces the detail of a foreign-key failure (kInvalidInput) with `detail`.
Error Explain(Error error, std::string detail);

}  // namespace sinmun::store
