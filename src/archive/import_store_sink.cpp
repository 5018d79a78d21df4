#include "archive/import_store_sink.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <set>
#include <utility>

#include "archive/sha256.hpp"

namespace sinmun::archive {
namespace {

// Where a post without a category is filed (WordPress's own name for its default category).
constexpr const char* kUnfiledSlug = "미분류";

// A digest of the parts of a record, each ended by a byte that no text holds, so that
// ("ab", "c") and ("a", "bc") differ.
class Fingerprint {
 public:
  Fingerprint& Add(std::string_view text) {
    sha_.Add(text.data(), text.size());
    sha_.Add("\x1f", 1);
    return *this;
  }
  Fingerprint& Add(std::int64_t number) { return Add(std::to_string(number)); }
  Fingerprint& Add(const std::vector<std::string>& items) {
    for (const std::string& item : items) Add(item);
    return Add("\x1e");
  }
  std::string Hex() { return sha_.Hex(); }

 private:
  Sha256 sha_;
};

store::ArticleStatus StatusOf(ArticleState state) {
  switch (state) {
    case ArticleState::kPublished:
      return store::ArticleStatus::kPublished;
    case ArticleState::kScheduled:
      return store::ArticleStatus::kScheduled;
    case ArticleState::kSubmitted:
      return store::ArticleStatus::kSubmitted;
    case ArticleState::kDraft:
      return store::ArticleStatus::kDraft;
  }
  return store::ArticleStatus::kDraft;
}

WriteOutcome OutcomeOf(store::ImportOutcome outcome) {
  switch (outcome) {
    case store::ImportOutcome::kCreated:
      return WriteOutcome::kCreated;
    case store::ImportOutcome::kUpdated:
      return WriteOutcome::kUpdated;
    case store::ImportOutcome::kUnchanged:
      return WriteOutcome::kUnchanged;
    case store::ImportOutcome::kKeptNewsroomEdit:
      return WriteOutcome::kKeptNewsroomEdit;
  }
  return WriteOutcome::kUnchanged;
}

// A line of text for a field the desk keeps on one line (headline, sub-headlines, tags).
std::string OneLine(std::string_view text) {
  std::string line;
  for (const char c : text) line += (c == '\n' || c == '\r') ? ' ' : c;
  return line;
}

}  // namespace

ImportStoreSink::ImportStoreSink(store::ImportBook& book, store::StaticPages& pages, Timestamp now,
                                 size_t batch, PhotoPipeline photos)
    : book_(book),
      pages_(pages),
      now_(now),
      batch_(batch == 0 ? 1 : batch),
      photos_(std::move(photos)) {}

Result<> ImportStoreSink::Begin(const WxrSite& site) {
  origin_ = !site.base_blog_url.empty() ? site.base_blog_url : site.link;
  while (origin_.ends_with('/')) origin_.pop_back();
  if (origin_.empty()) {
    return Fail(ErrorCode::kInvalidInput,
                "the export names no site (no <link>, no wp:base_blog_url): its records could "
                "not be told apart from another site's on a second run");
  }
  return {};
}

Result<WriteOutcome> ImportStoreSink::PutReporter(const WxrAuthor& author) {
  store::ImportedReporter reporter;
  reporter.key = store::SourceKey{.origin = origin_, .kind = "author", .id = author.id};
  reporter.reporter.name =
      OneLine(author.display_name.empty() ? author.login : author.display_name);
  reporter.reporter.email = author.email;
  reporter.at = now_;
  if (!author.login.empty()) reporter.old_paths.push_back("/author/" + author.login + "/");
  reporter.fingerprint = Fingerprint()
                             .Add(reporter.reporter.name)
                             .Add(reporter.reporter.email)
                             .Add(reporter.old_paths)
                             .Hex();
  Result<store::Imported> done = book_.ImportReporter(reporter);
  if (!done) return tl::unexpected(done.error());
  reporters_[author.login] = done->id;
  return OutcomeOf(done->outcome);
}

Result<WriteOutcome> ImportStoreSink::PutSection(const MappedSection& mapped) {
  store::ImportedSection section;
  section.key = store::SourceKey{.origin = origin_, .kind = "category", .id = mapped.wordpress_id};
  section.section.slug = mapped.slug;
  section.section.name = OneLine(mapped.name);
  section.old_paths = mapped.old_paths;
  section.fingerprint =
      Fingerprint().Add(section.section.slug).Add(section.section.name).Add(mapped.old_paths).Hex();
  Result<store::Imported> done = book_.ImportSection(section);
  if (!done) return tl::unexpected(done.error());
  sections_[mapped.slug] = done->id;
  return OutcomeOf(done->outcome);
}

Result<> ImportStoreSink::PutTagPaths(
    const std::vector<std::pair<std::string, std::string>>& paths) {
  std::vector<store::LegacyPath> legacy;
  legacy.reserve(paths.size());
  for (const auto& [path, name] : paths) {
    legacy.push_back(store::LegacyPath{
        .path = path, .target = {.kind = store::LegacyKind::kTag, .id = 0, .name = OneLine(name)}});
  }
  return book_.PutLegacyPaths(legacy);
}

Result<store::SectionId> ImportStoreSink::Unfiled() {
  if (auto found = sections_.find(kUnfiledSlug); found != sections_.end()) return found->second;
  // Keyed as WordPress's category 0, which no export has.
  const MappedSection unfiled{
      .wordpress_id = 0, .slug = kUnfiledSlug, .name = kUnfiledSlug, .old_paths = {}};
  if (Result<WriteOutcome> done = PutSection(unfiled); !done) {
    return tl::unexpected(done.error());
  }
  return sections_[kUnfiledSlug];
}

Result<std::vector<WriteOutcome>> ImportStoreSink::PutArticle(MappedArticle&& mapped) {
  store::ImportedArticle article;
  article.key = store::SourceKey{.origin = origin_, .kind = "post", .id = mapped.wordpress_id};
  article.status = StatusOf(mapped.state);
  auto section = sections_.find(mapped.section_slug);
  if (section == sections_.end()) {
    Result<store::SectionId> unfiled = Unfiled();
    if (!unfiled) return tl::unexpected(unfiled.error());
    article.content.section_id = *unfiled;
  } else {
    article.content.section_id = section->second;
  }
  article.content.headline = OneLine(mapped.headline);
  // sinmun has no summary field: a one-line excerpt is the article's one sub-headline.
  if (!mapped.summary.empty()) mapped.subheadlines = {mapped.summary};
  std::set<std::string> seen;
  for (const std::string& line : mapped.subheadlines) {
    article.content.subheadlines.push_back(OneLine(line));
  }
  for (const std::string& tag : mapped.tags) {
    if (std::string line = OneLine(tag); seen.insert(line).second) {
      article.content.tags.push_back(std::move(line));
    }
  }
  article.content.body_markdown = std::move(mapped.body_markdown);
  if (mapped.lead_photo) {
    article.content.photo_id = mapped.lead_photo->photo_id;
    article.content.photo_caption = OneLine(mapped.lead_photo->caption);
  }
  if (auto reporter = reporters_.find(mapped.author_login); reporter != reporters_.end()) {
    article.content.reporter_ids.push_back(reporter->second);
  }
  article.registered_at = mapped.registered_at;
  article.modified_at = mapped.modified_at;
  article.old_paths = std::move(mapped.old_paths);
  for (MappedComment& comment : mapped.approved_comments) {
    article.comments.push_back(store::ImportedComment{.source_id = comment.wordpress_id,
                                                      .parent = comment.parent,
                                                      .nickname = OneLine(comment.author),
                                                      .body = std::move(comment.text),
                                                      .created_at = comment.created_at});
  }
  // A draft's registered time is the import's when it has none: left out, so that an
  // unchanged draft stays unchanged.
  const bool dated = article.status == store::ArticleStatus::kPublished ||
                     article.status == store::ArticleStatus::kScheduled;
  Fingerprint print;
  print.Add(std::string(store::StatusName(article.status)))
      .Add(article.content.section_id)
      .Add(article.content.headline)
      .Add(article.content.subheadlines)
      .Add(article.content.body_markdown)
      .Add(article.content.reporter_ids.empty() ? 0 : article.content.reporter_ids.front())
      .Add(article.content.tags)
      .Add(dated ? article.registered_at : 0)
      .Add(article.modified_at.value_or(0))
      .Add(article.old_paths);
  // Only when there is one, so that the articles without stay unchanged on the next run.
  if (article.content.photo_id) {
    print.Add(*article.content.photo_id).Add(article.content.photo_caption);
  }
  for (const store::ImportedComment& comment : article.comments) {
    print.Add(comment.source_id).Add(comment.parent).Add(comment.nickname).Add(comment.body);
  }
  article.fingerprint = print.Hex();
  pending_.push_back(std::move(article));
  if (pending_.size() < batch_) return std::vector<WriteOutcome>{};
  return Flush();
}

Result<std::vector<WriteOutcome>> ImportStoreSink::Flush() {
  std::vector<WriteOutcome> outcomes;
  if (pending_.empty()) return outcomes;
  Result<std::vector<store::Imported>> done = book_.ImportArticles(pending_, now_);
  if (!done) {
    pending_.clear();
    return tl::unexpected(done.error());
  }
  outcomes.reserve(done->size());
  for (size_t i = 0; i < done->size(); ++i) {
    outcomes.push_back(OutcomeOf((*done)[i].outcome));
    if (outcomes.back() != WriteOutcome::kKeptNewsroomEdit) continue;
    skipped_.push_back(
        SkippedItem{.wordpress_id = pending_[i].key.id,
                    .title = pending_[i].content.headline,
                    .reason = fmt::format("edited in the newsroom since it was imported (article "
                                          "{}); the newsroom's version is kept",
                                          (*done)[i].id)});
  }
  pending_.clear();
  return outcomes;
}

std::vector<SkippedItem> ImportStoreSink::TakeSkipped() { return std::exchange(skipped_, {}); }

// "/회사-소개/" → "회사-소개"; "/About/Us/" → "about/us" (static page paths are lower case).
std::string StaticPathOf(std::string_view path) {
  std::string out;
  for (const char c : path) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  while (out.starts_with('/')) out.erase(0, 1);
  while (out.ends_with('/')) out.pop_back();
  return out;
}

// A published page becomes a static page at its old path (the version in force from its
// WordPress date); the same page imported again adds no version (StaticPages keeps the newest
// when nothing changed).
Result<WriteOutcome> ImportStoreSink::PutPage(const MappedPage& page) {
  if (page.state != ArticleState::kPublished) {
    return Fail(ErrorCode::kUnavailable, fmt::format("page {} is not published ({})", page.path,
                                                     ArticleStateName(page.state)));
  }
  const std::string path = StaticPathOf(page.path);
  if (!store::IsStaticPagePath(path)) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("page path {} is not one a static page can have (a-z, 0-9, - and _ "
                            "or Korean, between slashes)",
                            page.path));
  }
  Result<std::vector<store::StaticPage>> before = pages_.StaticPageVersions(path);
  if (!before) return tl::unexpected(before.error());
  Result<std::int64_t> version = pages_.SaveStaticPage(
      store::StaticPage{.path = path,
                        .version = 0,
                        .title = OneLine(page.title.empty() ? path : page.title),
                        .body_markdown = page.body_markdown,
                        .footer = 0,
                        .effective_at = page.registered_at,
                        .saved_at = now_,
                        .saved_by = std::nullopt});
  if (!version) return tl::unexpected(version.error());
  std::vector<store::LegacyPath> old;
  for (const std::string& old_path : page.old_paths) {
    old.push_back(
        {.path = old_path, .target = {.kind = store::LegacyKind::kPage, .id = 0, .name = path}});
  }
  old.push_back(
      {.path = page.path, .target = {.kind = store::LegacyKind::kPage, .id = 0, .name = path}});
  if (Result<> done = book_.PutLegacyPaths(old); !done) return tl::unexpected(done.error());
  if (before->empty()) return WriteOutcome::kCreated;
  return before->front().version == *version ? WriteOutcome::kUnchanged : WriteOutcome::kUpdated;
}

Result<StoredImage> ImportStoreSink::PutImage(const std::string& relative,
                                              const std::filesystem::path& file) {
  if (!photos_.store || !photos_.address) return ImportSink::PutImage(relative, file);
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) return Fail(ErrorCode::kUnavailable, "the file could not be read");
  Sha256 content;
  content.Add(bytes.data(), bytes.size());
  const std::string digest = content.Hex();
  // import_keys holds numbers: the path's digest, its first 63 bits, stands for the path.
  const std::string path_digest = Fingerprint().Add(relative).Hex();
  const store::SourceKey key{
      .origin = origin_,
      .kind = "media",
      .id = static_cast<std::int64_t>(std::stoull(path_digest.substr(0, 16), nullptr, 16) >> 1)};
  const Result<std::optional<store::ImportedRecord>> known = book_.ImportedRecordOf(key);
  if (!known) return tl::unexpected(known.error());
  const auto stored = [&](store::PhotoId photo) -> Result<StoredImage> {
    Result<std::string> address = photos_.address(photo);
    if (!address) return tl::unexpected(address.error());
    return StoredImage{.photo_id = photo, .address = std::move(*address)};
  };
  if (*known && (*known)->fingerprint == digest) return stored((*known)->id);
  const Result<store::PhotoId> photo = photos_.store(bytes);
  if (!photo) return tl::unexpected(photo.error());
  if (Result<> recorded = book_.RecordImport(key, *photo, digest); !recorded) {
    return tl::unexpected(recorded.error());
  }
  return stored(*photo);
}

}  // namespace sinmun::archive
