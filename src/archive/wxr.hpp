#pragma once
// What a WordPress export (WXR 1.0–1.2, Tools → Export → All content) holds, as plain records,
// and the streaming reader that hands them over one at a time. Field names follow the WXR
// elements (wp-admin/includes/export.php) so a record can be checked against the file.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace sinmun::archive {

// The <channel> head.
struct WxrSite {
  std::string title;
  std::string link;           // <link>: the blog's address
  std::string base_site_url;  // <wp:base_site_url>
  std::string base_blog_url;  // <wp:base_blog_url>
  std::string wxr_version;    // "1.2"
};

// <wp:author>.
struct WxrAuthor {
  std::int64_t id = 0;
  std::string login;
  std::string email;
  std::string display_name;
  std::string first_name;
  std::string last_name;
};

// <wp:category>, <wp:tag> or <wp:term>. Slugs are as written (percent-encoded UTF-8 for
// Korean); parent_slug is the parent's slug, empty at the top.
struct WxrTerm {
  std::int64_t id = 0;
  std::string taxonomy;  // "category", "post_tag", "nav_menu", a custom taxonomy
  std::string slug;
  std::string parent_slug;
  std::string name;
  std::string description;
};

// <category domain="…" nicename="…">Name</category> inside an <item>.
struct WxrItemTerm {
  std::string domain;  // "category", "post_tag", …
  std::string slug;    // the nicename attribute
  std::string name;
};

// <wp:comment>.
struct WxrComment {
  std::int64_t id = 0;
  std::string author;
  std::string author_email;
  std::string author_url;
  std::string date_gmt;
  std::string content;
  std::string approved;  // "1", "0", "spam", "trash"
  std::string type;      // "" or "comment" for a comment, "pingback", "trackback"
  std::int64_t parent = 0;
};

// <item>: a post, a page, an attachment, a revision, a menu item …
struct WxrItem {
  std::string title;
  std::string link;  // the permalink
  std::string guid;
  std::string creator;  // <dc:creator>: the author's login
  std::string content;  // <content:encoded>: the body HTML, CDATA joined back
  std::string excerpt;  // <excerpt:encoded>
  std::int64_t post_id = 0;
  std::string post_date;      // local "YYYY-MM-DD HH:MM:SS"
  std::string post_date_gmt;  // "0000-00-00 00:00:00" for a draft never dated
  std::string post_modified_gmt;
  std::string post_name;  // the slug
  std::string status;     // publish, future, draft, pending, private, trash, inherit
  std::int64_t post_parent = 0;
  std::int64_t menu_order = 0;
  std::string post_type;  // post, page, attachment, revision, nav_menu_item, …
  std::string post_password;
  std::string attachment_url;
  std::vector<WxrItemTerm> terms;
  std::vector<std::pair<std::string, std::string>> meta;  // <wp:postmeta> key, value
  std::vector<WxrComment> comments;
};

// Receives the export's parts in file order: the site head, then authors and terms, then the
// items. Returning an error stops the reading with that error.
class WxrVisitor {
 public:
  virtual ~WxrVisitor() = default;
  virtual Result<> OnSite(const WxrSite& site) = 0;
  virtual Result<> OnAuthor(const WxrAuthor& author) = 0;
  // Each term once: a <wp:term> repeating a <wp:category> or <wp:tag> of the same taxonomy
  // and id (WordPress 6 writes both) is not passed on again.
  virtual Result<> OnTerm(const WxrTerm& term) = 0;
  virtual Result<> OnItem(WxrItem&& item) = 0;
};

// How far the reading got, for a progress line.
struct WxrProgress {
  std::int64_t items = 0;
  std::int64_t bytes_read = 0;
  std::int64_t bytes_total = 0;
};

// Streams the file at `path` through `visitor` with libxml2's reader: one <item> is in memory
// at a time, so memory stays flat whatever the file's size. No network access, no DTD: a file
// with a <!DOCTYPE> is refused (that is where entity tricks live), and entities are never
// expanded. `progress`, when set, is called after every item.
// Errors (kInvalidInput, detail ready to show a user): malformed XML ("line L, column C: …"),
// a truncated file, a file that is not WXR (an RSS feed without wp:wxr_version), a DOCTYPE;
// kNotFound when the file cannot be opened; or the visitor's error.
Result<> ReadWxr(const std::string& path, WxrVisitor& visitor,
                 const std::function<void(const WxrProgress&)>& progress = {});
// The same reading of an export held in memory (`xml` outlives the call); never kNotFound.
Result<> ReadWxrText(std::string_view xml, WxrVisitor& visitor);

}  // namespace sinmun::archive
