#pragma once
// How a WordPress export's records become sinmun's: plain functions from WXR records to the
// articles, pages, sections, reporters and old addresses an import writes. No store here:
// the import (wordpress_import.hpp) decides what is created, updated or skipped.
//
// The rules (also in docs/IMPORT.md):
// - Posts: publish → published; future → scheduled (published at its time); draft and
//   private → draft; pending → submitted; trash, auto-draft, inherit → skipped.
// - The registered time is post_date_gmt (UTC; pages show it in KST). A draft never dated
//   (0000-00-00 00:00:00) gets the import time; so does a post whose date is unreadable.
// - Excerpt: one line → the summary; several lines → sub-headline bullets, one a line.
// - Categories → sections, flat: a top-level category is a section; a post filed in a nested
//   category is filed in its top-level ancestor's section and gets the nested category's name
//   as a tag. The first category of a post (in the export's order) gives its section, the
//   others become tags. A post without a category (WordPress always gives one; hand-made
//   files may not) has no section slug and the import files it under 미분류. Slugs are
//   percent-decoded (%ec%a0%95 → 정).
// - Tags → tags, by name.
// - Pages → static pages served at their old path.
// - The featured image (the post's _thumbnail_id postmeta, an attachment's id) becomes the
//   article's lead photo when the import stores images (--media; wordpress_import.hpp), with
//   the attachment's caption (its excerpt; its alt text when it has none).
// - Approved comments and their replies (not pingbacks, trackbacks, spam, trash or comments
//   awaiting moderation) become reader comments, as plain text; the others are counted.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "archive/html_to_markdown.hpp"
#include "archive/wxr.hpp"
#include "core/time.hpp"

namespace sinmun::archive {

// "%ec%a0%95%ec%b9%98" → "정치"; "+" stays "+". Malformed escapes are kept as written.
std::string PercentDecode(std::string_view text);

// "2023-03-01 00:30:00" read as UTC; nullopt for "0000-00-00 00:00:00", empty or malformed.
std::optional<Timestamp> ParseWordPressGmt(std::string_view text);

// The path of an address, percent-decoded as the server decodes request paths, with its
// query as written: "https://a.kr/2023/03/%ea%b0%80/?a=1" → "/2023/03/가/?a=1". "" when the
// address has nothing beyond "/".
std::string PathOf(std::string_view url);

enum class ArticleState { kPublished, kScheduled, kDraft, kSubmitted };
const char* ArticleStateName(ArticleState state);

// A section made from a top-level category.
struct MappedSection {
  std::int64_t wordpress_id = 0;
  std::string slug;  // percent-decoded
  std::string name;
  std::vector<std::string> old_paths;  // "/category/정치/" and its nested categories' paths
};

// The categories and tags of an export, and the rule that files a post.
class Taxonomy {
 public:
  void Add(const WxrTerm& term);
  // The sections, in the export's order of their categories.
  std::vector<MappedSection> Sections() const;
  // Slug (decoded) of the section a category (given by its slug as written) belongs to.
  std::string SectionOf(const std::string& category_slug) const;
  // The tags' old archive paths ("/tag/선거/") with each tag's name.
  std::vector<std::pair<std::string, std::string>> TagPaths() const;
  size_t CategoryCount() const { return categories_.size(); }
  size_t TagCount() const { return tags_.size(); }

 private:
  struct Category {
    std::int64_t id = 0;
    std::string slug;
    std::string parent_slug;
    std::string name;
  };
  const Category* Top(const std::string& slug) const;
  std::string ArchivePath(const Category& category) const;

  std::vector<Category> categories_;                       // export order
  std::map<std::string, size_t> by_slug_;                  // slug as written → index
  std::vector<std::pair<std::string, std::string>> tags_;  // slug as written, name
};

// An approved reader comment (not a pingback or trackback), as plain text.
struct MappedComment {
  std::int64_t wordpress_id = 0;
  std::int64_t parent = 0;  // the WordPress id of the comment it answers; 0 for none
  std::string author;       // "익명" when the export has none
  std::string text;
  Timestamp created_at = 0;
};

// The featured image of a post as the import stored it (a photo of the paper) and its caption.
struct MappedLeadPhoto {
  std::int64_t photo_id = 0;
  std::string caption;
};

struct MappedArticle {
  std::int64_t wordpress_id = 0;
  ArticleState state = ArticleState::kDraft;
  Timestamp registered_at = 0;  // UTC
  std::optional<Timestamp> modified_at;
  std::string headline;
  std::string summary;
  std::vector<std::string> subheadlines;
  std::string body_markdown;
  std::vector<std::string> images;  // as written in the body
  std::int64_t featured_image = 0;  // the attachment that is its featured image; 0 for none
  std::optional<MappedLeadPhoto> lead_photo;  // set by the import when it stored that image
  std::string author_login;
  std::string section_slug;  // "" when the post has no category
  std::vector<std::string> tags;
  std::vector<std::string> old_paths;            // its permalink's path, "/?p=ID"
  std::int64_t comments = 0;                     // comments and replies it had (pingbacks aside)
  std::vector<MappedComment> approved_comments;  // export order
};

struct MappedPage {
  std::int64_t wordpress_id = 0;
  ArticleState state = ArticleState::kDraft;
  std::string path;             // where it is served: its old permalink's path
  Timestamp registered_at = 0;  // post_date_gmt, or the import time when it has none
  std::string title;
  std::string body_markdown;
  std::vector<std::string> old_paths;  // "/?page_id=ID"
};

// An uploaded file of the old site (post_type attachment).
struct MappedAttachment {
  std::int64_t wordpress_id = 0;
  std::string url;
  std::string caption;  // one line: its caption (excerpt), else its alt text; "" for none
};

struct SkippedItem {
  std::int64_t wordpress_id = 0;
  std::string title;
  std::string reason;
};

using MappedItem = std::variant<MappedArticle, MappedPage, MappedAttachment, SkippedItem>;

// One <item> by the rules above. `now` dates the drafts that have no date.
MappedItem MapItem(const WxrItem& item, const Taxonomy& taxonomy, Timestamp now,
                   const ImageRewriter& rewrite_image = {});

}  // namespace sinmun::archive
