// The banned-word filter (issue #16). GLib does the Unicode work: g_utf8_normalize for NFC and
// g_utf8_casefold for case, the tables of which sinmun would otherwise have to carry.

#include "site/comment_words.hpp"

#include <glib.h>

#include <memory>

#include "core/site_settings.hpp"
#include "core/text.hpp"
#include "site/page_cache.hpp"

namespace sinmun::site {

std::string FoldForWordMatch(std::string_view text) {
  if (text.empty() || !g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return "";
  }
  const std::unique_ptr<gchar, decltype(&g_free)> folded(
      g_utf8_casefold(text.data(), static_cast<gssize>(text.size())), &g_free);
  if (!folded) return "";
  // Case folding can decompose (ǅ folds to dž), so NFC comes after it.
  const std::unique_ptr<gchar, decltype(&g_free)> normal(
      g_utf8_normalize(folded.get(), -1, G_NORMALIZE_NFC), &g_free);
  return normal ? std::string(normal.get()) : "";
}

std::vector<std::string> ParseBannedWords(std::string_view list) {
  std::vector<std::string> words;
  while (!list.empty()) {
    const size_t end = list.find('\n');
    std::string word = FoldForWordMatch(TrimSpace(list.substr(0, end)));
    if (!word.empty()) words.push_back(std::move(word));
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return words;
}

std::optional<std::string> FindBannedWord(const std::vector<std::string>& folded_words,
                                          std::string_view text) {
  if (folded_words.empty()) return std::nullopt;
  const std::string folded = FoldForWordMatch(text);
  for (const std::string& word : folded_words) {
    if (folded.find(word) != std::string::npos) return word;
  }
  return std::nullopt;
}

CommentWordFilter CommentWordFilterOf(const SiteContext& site) {
  std::string list = site.deps.config.comment_banned_words;
  std::string action = site.deps.config.comment_banned_word_action;
  if (Result<std::shared_ptr<const store::Settings>> stored = site.shared->settings.Get(
          site.cache->Generation(), [&] { return site.deps.store.catalog->SiteSettings(); })) {
    Config laid = site.deps.config;
    ApplySettings(**stored, &laid);
    list = std::move(laid.comment_banned_words);
    action = std::move(laid.comment_banned_word_action);
  }
  return CommentWordFilter{
      .words = ParseBannedWords(list),
      .action = action == "refuse" ? BannedWordAction::kRefuse : BannedWordAction::kHold};
}

}  // namespace sinmun::site
