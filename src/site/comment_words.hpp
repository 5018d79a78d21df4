#pragma once
// Private to site/: the banned-word filter of reader comments (issue #16). The newsroom's
// settings page keeps the list (`comments.banned_words`, one word a line) and what a hit does
// (`comments.banned_word_action`: hold the comment for review, or refuse it).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "site/context.hpp"

namespace sinmun::site {

// The form a word and a text are compared in: NFC (a Mac's decomposed 한글 jamo meet the
// composed syllables a Windows reader types), case folded (Latin letters compare without
// case). "" for text that is not valid UTF-8.
std::string FoldForWordMatch(std::string_view text);

// The list as typed: one word a line, spaces around each trimmed, blank lines skipped, each
// folded.
std::vector<std::string> ParseBannedWords(std::string_view list);

// The first word of `folded_words` (ParseBannedWords) found anywhere in `text`, inside longer
// words too (Korean puts a particle right after a noun: 바보야 holds 바보); nullopt when none.
std::optional<std::string> FindBannedWord(const std::vector<std::string>& folded_words,
                                          std::string_view text);

enum class BannedWordAction { kHold, kRefuse };

struct CommentWordFilter {
  std::vector<std::string> words;  // folded
  BannedWordAction action = BannedWordAction::kHold;
};

// The filter as the settings page saved it (read through the site's shared settings part),
// over the config's defaults. An empty list when the settings cannot be read: a comment is
// not refused because a list could not be loaded.
CommentWordFilter CommentWordFilterOf(const SiteContext& site);

}  // namespace sinmun::site
