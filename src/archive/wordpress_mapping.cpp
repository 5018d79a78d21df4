#include "archive/wordpress_mapping.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <set>

#include "core/text.hpp"

namespace sinmun::archive {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Text without markup: tags dropped (<br> and </p> end a line), the usual entities decoded.
std::string PlainText(std::string_view excerpt) {
  std::string text;
  bool in_tag = false;
  for (size_t i = 0; i < excerpt.size(); ++i) {
    const char c = excerpt[i];
    if (c == '<') {
      in_tag = true;
      // <br> and block ends separate lines as a newline would.
      if (excerpt.substr(i, 3) == "<br" || excerpt.substr(i, 3) == "</p") text += '\n';
      continue;
    }
    if (c == '>' && in_tag) {
      in_tag = false;
      continue;
    }
    if (!in_tag) text += c;
  }
  for (const auto& [entity, character] :
       std::initializer_list<std::pair<std::string_view, std::string_view>>{{"&amp;", "&"},
                                                                            {"&lt;", "<"},
                                                                            {"&gt;", ">"},
                                                                            {"&quot;", "\""},
                                                                            {"&#039;", "'"},
                                                                            {"&nbsp;", " "}}) {
    for (size_t at; (at = text.find(entity)) != std::string::npos;) {
      text.replace(at, entity.size(), character);
    }
  }
  return text;
}

// The excerpt's lines without markup: excerpts are plain text in WordPress, but editors paste
// tags into them; what the reader saw was the text.
std::vector<std::string> ExcerptLines(std::string_view excerpt) {
  const std::string text = PlainText(excerpt);
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = TrimSpace(std::string_view(text).substr(start, end - start));
    // Bullets typed into the excerpt ("- ", "· ", "▶ ") are the list's, not the line's.
    for (const std::string_view bullet : {"- ", "* ", "· ", "• ", "▶ ", "△ ", "○ "}) {
      if (line.starts_with(bullet)) {
        line = TrimSpace(std::string_view(line).substr(bullet.size()));
        break;
      }
    }
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

// The value of the item's postmeta `key`; "" when it has none.
std::string_view MetaValue(const WxrItem& item, std::string_view key) {
  for (const auto& [name, value] : item.meta) {
    if (name == key) return value;
  }
  return "";
}

// The attachment id of _thumbnail_id, 0 when there is none or it is no positive number.
std::int64_t FeaturedImage(const WxrItem& item) {
  const std::string_view text = MetaValue(item, "_thumbnail_id");
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id < 0) return 0;
  return id;
}

// Text without markup on one line: each run of spaces and line breaks one space.
std::string OneLineText(std::string_view html) {
  std::string line;
  for (const char c : PlainText(html)) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) {
      line += c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// An attachment's caption: WordPress keeps it as the excerpt (HTML allowed) and the alt text
// in a postmeta; in sinmun a photo's caption is both.
std::string AttachmentCaption(const WxrItem& item) {
  std::string caption = OneLineText(item.excerpt);
  if (caption.empty()) caption = OneLineText(MetaValue(item, "_wp_attachment_image_alt"));
  return caption;
}

std::optional<ArticleState> StateOf(std::string_view status) {
  if (status == "publish") return ArticleState::kPublished;
  if (status == "future") return ArticleState::kScheduled;
  if (status == "draft" || status == "private") return ArticleState::kDraft;
  if (status == "pending") return ArticleState::kSubmitted;
  return std::nullopt;
}

// A comment's text as the reader saw it: WordPress stores comments as HTML-ish text (a few
// tags allowed, entities escaped); sinmun keeps plain text and renders line breaks itself.
std::string CommentText(std::string_view html) {
  const std::string plain = PlainText(html);
  std::string text;
  size_t start = 0;
  while (start <= plain.size()) {
    size_t end = plain.find('\n', start);
    if (end == std::string::npos) end = plain.size();
    const std::string line = TrimSpace(std::string_view(plain).substr(start, end - start));
    // One blank line at most between paragraphs, none at the ends.
    if (!line.empty() || (!text.empty() && !text.ends_with("\n\n"))) text += line + "\n";
    start = end + 1;
  }
  while (text.ends_with('\n')) text.pop_back();
  return text;
}

std::vector<MappedComment> ApprovedComments(const WxrItem& item, Timestamp fallback) {
  std::vector<MappedComment> comments;
  for (const WxrComment& comment : item.comments) {
    if (comment.approved != "1" || !(comment.type.empty() || comment.type == "comment")) continue;
    std::string text = CommentText(comment.content);
    if (text.empty() || comment.id <= 0) continue;
    std::string author = TrimSpace(comment.author);
    comments.push_back(
        MappedComment{.wordpress_id = comment.id,
                      .parent = comment.parent,
                      .author = author.empty() ? "익명" : std::move(author),
                      .text = std::move(text),
                      .created_at = ParseWordPressGmt(comment.date_gmt).value_or(fallback)});
  }
  return comments;
}

std::int64_t CommentCount(const WxrItem& item) {
  std::int64_t count = 0;
  for (const WxrComment& comment : item.comments) {
    if (comment.type.empty() || comment.type == "comment") ++count;
  }
  return count;
}

}  // namespace

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::optional<Timestamp> ParseWordPressGmt(std::string_view text) {
  const std::string trimmed = TrimSpace(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(trimmed.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &year, &month, &day, &hour, &minute,
                  &second) != 6) {
    return std::nullopt;
  }
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return static_cast<Timestamp>(days) * 86400 + hour * 3600 + minute * 60 + second;
}

std::string PathOf(std::string_view url) {
  size_t start = 0;
  if (const size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    start = url.find('/', scheme + 3);
    if (start == std::string_view::npos) return "";
  }
  std::string_view rest = url.substr(start);
  const size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  const size_t query = rest.find('?');
  std::string path = PercentDecode(rest.substr(0, query));
  if (query != std::string_view::npos) path += std::string(rest.substr(query));
  if (path.empty() || path == "/") return "";
  return path;
}

const char* ArticleStateName(ArticleState state) {
  switch (state) {
    case ArticleState::kPublished:
      return "published";
    case ArticleState::kScheduled:
      return "scheduled";
    case ArticleState::kDraft:
      return "draft";
    case ArticleState::kSubmitted:
      return "submitted";
  }
  return "draft";
}

void Taxonomy::Add(const WxrTerm& term) {
  if (term.taxonomy == "category") {
    if (by_slug_.contains(term.slug)) return;
    by_slug_[term.slug] = categories_.size();
    categories_.push_back(
        Category{.id = term.id,
                 .slug = term.slug,
                 .parent_slug = term.parent_slug,
                 .name = term.name.empty() ? PercentDecode(term.slug) : term.name});
  } else if (term.taxonomy == "post_tag") {
    tags_.emplace_back(term.slug, term.name.empty() ? PercentDecode(term.slug) : term.name);
  }
}

const Taxonomy::Category* Taxonomy::Top(const std::string& slug) const {
  auto found = by_slug_.find(slug);
  if (found == by_slug_.end()) return nullptr;
  const Category* category = &categories_[found->second];
  // A parent chain longer than the category list is a loop in a hand-edited file: stop there.
  for (size_t hops = 0; hops <= categories_.size() && !category->parent_slug.empty(); ++hops) {
    auto parent = by_slug_.find(category->parent_slug);
    if (parent == by_slug_.end()) break;
    category = &categories_[parent->second];
  }
  return category;
}

std::string Taxonomy::ArchivePath(const Category& category) const {
  // WordPress's category archive lists the ancestors: /category/정치/국회/.
  std::vector<std::string> chain{PercentDecode(category.slug)};
  const Category* current = &category;
  for (size_t hops = 0; hops <= categories_.size() && !current->parent_slug.empty(); ++hops) {
    auto parent = by_slug_.find(current->parent_slug);
    if (parent == by_slug_.end()) break;
    current = &categories_[parent->second];
    chain.insert(chain.begin(), PercentDecode(current->slug));
  }
  std::string path = "/category";
  for (const std::string& slug : chain) path += "/" + slug;
  return path + "/";
}

std::vector<MappedSection> Taxonomy::Sections() const {
  std::vector<MappedSection> sections;
  std::map<std::string, size_t> index;
  for (const Category& category : categories_) {
    const Category* top = Top(category.slug);
    if (top == nullptr) continue;
    auto [at, inserted] = index.try_emplace(top->slug, sections.size());
    if (inserted) {
      sections.push_back(MappedSection{.wordpress_id = top->id,
                                       .slug = PercentDecode(top->slug),
                                       .name = top->name,
                                       .old_paths = {}});
    }
    sections[at->second].old_paths.push_back(ArchivePath(category));
  }
  return sections;
}

std::string Taxonomy::SectionOf(const std::string& category_slug) const {
  const Category* top = Top(category_slug);
  return top == nullptr ? PercentDecode(category_slug) : PercentDecode(top->slug);
}

std::vector<std::pair<std::string, std::string>> Taxonomy::TagPaths() const {
  std::vector<std::pair<std::string, std::string>> paths;
  for (const auto& [slug, name] : tags_)
    paths.emplace_back("/tag/" + PercentDecode(slug) + "/", name);
  return paths;
}

MappedItem MapItem(const WxrItem& item, const Taxonomy& taxonomy, Timestamp now,
                   const ImageRewriter& rewrite_image) {
  const std::string title = TrimSpace(item.title);
  const auto skip = [&](std::string reason) -> MappedItem {
    return SkippedItem{.wordpress_id = item.post_id, .title = title, .reason = std::move(reason)};
  };
  if (item.post_id <= 0) return skip("no wp:post_id");
  if (item.post_type == "attachment") {
    if (item.attachment_url.empty()) return skip("attachment without wp:attachment_url");
    return MappedAttachment{.wordpress_id = item.post_id,
                            .url = item.attachment_url,
                            .caption = AttachmentCaption(item)};
  }
  if (item.post_type != "post" && item.post_type != "page") {
    return skip("post type " + (item.post_type.empty() ? std::string("(none)") : item.post_type) +
                " is not imported");
  }
  const std::optional<ArticleState> state = StateOf(item.status);
  if (!state) return skip("status " + (item.status.empty() ? std::string("(none)") : item.status));
  if (!item.post_password.empty()) return skip("password-protected");

  ConvertedBody body = WordPressBodyToMarkdown(item.content, rewrite_image);
  if (item.post_type == "page") {
    MappedPage page{.wordpress_id = item.post_id,
                    .state = *state,
                    .path = PathOf(item.link),
                    .registered_at = ParseWordPressGmt(item.post_date_gmt).value_or(now),
                    .title = title,
                    .body_markdown = std::move(body.markdown),
                    .old_paths = {"/?page_id=" + std::to_string(item.post_id)}};
    if (page.path.empty() || page.path.starts_with("/?")) {
      page.path = "/" + PercentDecode(item.post_name) + "/";
    }
    if (page.path == "//") return skip("page without a permalink or slug");
    return page;
  }
  if (title.empty() && body.markdown.empty()) return skip("empty post (no title, no body)");

  MappedArticle article;
  article.wordpress_id = item.post_id;
  article.state = *state;
  article.headline = title.empty() ? "(제목 없음)" : title;
  article.body_markdown = std::move(body.markdown);
  article.images = std::move(body.images);
  article.featured_image = FeaturedImage(item);
  article.author_login = item.creator;
  article.comments = CommentCount(item);
  const std::optional<Timestamp> date = ParseWordPressGmt(item.post_date_gmt);
  article.registered_at = date.value_or(now);
  article.approved_comments = ApprovedComments(item, article.registered_at);
  if (const std::optional<Timestamp> modified = ParseWordPressGmt(item.post_modified_gmt);
      modified && date && *modified > *date + 60 && *state == ArticleState::kPublished) {
    article.modified_at = modified;
  }
  std::vector<std::string> lines = ExcerptLines(item.excerpt);
  if (lines.size() == 1) {
    article.summary = std::move(lines.front());
  } else {
    article.subheadlines = std::move(lines);
  }
  std::set<std::string> tags_seen;
  const auto add_tag = [&](const std::string& name) {
    if (!name.empty() && tags_seen.insert(name).second) article.tags.push_back(name);
  };
  for (const WxrItemTerm& term : item.terms) {
    if (term.domain != "category") continue;
    const std::string section = taxonomy.SectionOf(term.slug);
    if (article.section_slug.empty()) {
      article.section_slug = section;
      // Filed in a nested category: the section is its top, the category itself a tag.
      if (section != PercentDecode(term.slug)) add_tag(term.name);
    } else {
      add_tag(term.name);
    }
  }
  for (const WxrItemTerm& term : item.terms) {
    if (term.domain == "post_tag") add_tag(term.name);
  }
  if (const std::string path = PathOf(item.link); !path.empty() && !path.starts_with("/?")) {
    article.old_paths.push_back(path);
  }
  article.old_paths.push_back("/?p=" + std::to_string(item.post_id));
  return article;
}

}  // namespace sinmun::archive
