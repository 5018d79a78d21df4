#include "archive/wordpress_import.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <utility>

namespace sinmun::archive {
namespace {

constexpr size_t kMissingListed = 1000;

// "https://old.kr/wp-content/uploads/2023/03/a.jpg" → "2023/03/a.jpg"; "" when the address is
// not in an uploads folder.
std::string UploadsRelative(std::string_view url) {
  constexpr std::string_view kUploads = "/wp-content/uploads/";
  const size_t at = url.find(kUploads);
  if (at == std::string_view::npos) return "";
  std::string_view rest = url.substr(at + kUploads.size());
  rest = rest.substr(0, rest.find_first_of("?#"));
  return PercentDecode(rest);
}

void Count(ImportCounts& counts, WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::kCreated:
      ++counts.created;
      break;
    case WriteOutcome::kUpdated:
      ++counts.updated;
      break;
    case WriteOutcome::kUnchanged:
      ++counts.unchanged;
      break;
    case WriteOutcome::kKeptNewsroomEdit:  // listed among the skipped items
      break;
  }
}

// The export's attachments (the first reading of an import with --media): what a featured
// image's id names.
class AttachmentCollector final : public WxrVisitor {
 public:
  explicit AttachmentCollector(Timestamp now) : now_(now) {}
  Result<> OnSite(const WxrSite& /*site*/) override { return {}; }
  Result<> OnAuthor(const WxrAuthor& /*author*/) override { return {}; }
  Result<> OnTerm(const WxrTerm& /*term*/) override { return {}; }
  Result<> OnItem(WxrItem&& item) override {
    if (item.post_type != "attachment") return {};
    MappedItem mapped = MapItem(item, Taxonomy(), now_);
    if (auto* attachment = std::get_if<MappedAttachment>(&mapped)) {
      attachments_[attachment->wordpress_id] = std::move(*attachment);
    }
    return {};
  }
  std::map<std::int64_t, MappedAttachment> Take() { return std::move(attachments_); }

 private:
  Timestamp now_;
  std::map<std::int64_t, MappedAttachment> attachments_;
};

class ImportVisitor final : public WxrVisitor {
 public:
  ImportVisitor(const ImportOptions& options, ImportSink* sink, ImportReport& report,
                std::map<std::int64_t, MappedAttachment> attachments)
      : options_(options), sink_(sink), report_(report), attachments_(std::move(attachments)) {
    if (sink_ != nullptr && !options_.media_dir.empty()) {
      store_images_ = [this](std::string_view url) { return StoredImageAddress(url); };
    }
  }

  Result<> OnSite(const WxrSite& site) override {
    report_.site = site;
    return sink_ == nullptr ? Result<>{} : sink_->Begin(site);
  }

  Result<> OnAuthor(const WxrAuthor& author) override {
    ++report_.redirects;  // /author/<login>/
    if (sink_ == nullptr) {
      ++report_.reporters.created;
      return {};
    }
    auto outcome = sink_->PutReporter(author);
    if (!outcome) return tl::unexpected(outcome.error());
    Count(report_.reporters, *outcome);
    return {};
  }

  Result<> OnTerm(const WxrTerm& term) override {
    taxonomy_.Add(term);
    return {};
  }

  Result<> OnItem(WxrItem&& item) override {
    ++report_.items;
    if (auto ready = SectionsOnce(); !ready) return ready;
    MappedItem mapped = MapItem(item, taxonomy_, options_.now, store_images_);
    if (auto* skipped = std::get_if<SkippedItem>(&mapped)) {
      report_.skipped.push_back(std::move(*skipped));
      return {};
    }
    if (std::holds_alternative<MappedAttachment>(mapped)) {
      ++report_.attachments;
      return {};
    }
    if (auto* page = std::get_if<MappedPage>(&mapped)) {
      report_.redirects += static_cast<std::int64_t>(page->old_paths.size());
      if (sink_ == nullptr) {
        ++report_.pages.created;
        return {};
      }
      auto outcome = sink_->PutPage(*page);
      if (!outcome && outcome.error().code == ErrorCode::kUnavailable) {
        report_.skipped.push_back(SkippedItem{.wordpress_id = page->wordpress_id,
                                              .title = page->title,
                                              .reason = outcome.error().detail});
        return {};
      }
      if (!outcome) return tl::unexpected(outcome.error());
      Count(report_.pages, *outcome);
      return {};
    }
    MappedArticle& article = std::get<MappedArticle>(mapped);
    ++report_.articles_by_state[ArticleStateName(article.state)];
    const auto approved = static_cast<std::int64_t>(article.approved_comments.size());
    report_.comments += approved;
    report_.comments_skipped += article.comments - approved;
    report_.redirects += static_cast<std::int64_t>(article.old_paths.size());
    CheckImages(article.images);
    LeadPhoto(article);
    if (sink_ == nullptr) {
      ++report_.articles.created;
      return {};
    }
    return CountArticles(sink_->PutArticle(std::move(article)));
  }

  // Exports with terms but no items still get their sections; held-back articles are written.
  Result<> Finish() {
    if (auto ready = SectionsOnce(); !ready) return ready;
    if (sink_ == nullptr) return {};
    return CountArticles(sink_->Flush());
  }

 private:
  // Terms come before items in an export, so the sections are known at the first item.
  Result<> SectionsOnce() {
    if (sections_done_) return {};
    sections_done_ = true;
    report_.tags = static_cast<std::int64_t>(taxonomy_.TagCount());
    const std::vector<std::pair<std::string, std::string>> tag_paths = taxonomy_.TagPaths();
    report_.redirects += static_cast<std::int64_t>(tag_paths.size());
    if (sink_ != nullptr) {
      if (auto done = sink_->PutTagPaths(tag_paths); !done) return done;
    }
    for (const MappedSection& section : taxonomy_.Sections()) {
      report_.redirects += static_cast<std::int64_t>(section.old_paths.size());
      if (sink_ == nullptr) {
        ++report_.sections.created;
        continue;
      }
      auto outcome = sink_->PutSection(section);
      if (!outcome) return tl::unexpected(outcome.error());
      Count(report_.sections, *outcome);
    }
    return {};
  }

  Result<> CountArticles(Result<std::vector<WriteOutcome>> outcomes) {
    if (!outcomes) return tl::unexpected(outcomes.error());
    for (const WriteOutcome outcome : *outcomes) Count(report_.articles, outcome);
    for (SkippedItem& skipped : sink_->TakeSkipped()) report_.skipped.push_back(std::move(skipped));
    return {};
  }

  // The file under --media that an uploads address names, nullopt when there is none. A
  // resized copy WordPress made ("a-300x200.jpg") is taken from its original ("a.jpg") when
  // that is there too: the photo pipeline makes its own sizes from the largest picture. A
  // path that would leave the folder ("..") names no file.
  std::optional<std::filesystem::path> MediaFile(std::string_view url) const {
    std::string relative = UploadsRelative(url);
    if (relative.empty() || relative.starts_with('/')) return std::nullopt;
    const std::filesystem::path path(relative);
    for (const std::filesystem::path& part : path) {
      if (part == "..") return std::nullopt;
    }
    std::error_code error;
    const std::filesystem::path root(options_.media_dir);
    static const std::regex resized(R"((.+)-\d+x\d+(\.[A-Za-z]+)$)");
    std::smatch parts;
    if (std::regex_match(relative, parts, resized)) {
      const std::filesystem::path original = root / (parts[1].str() + parts[2].str());
      if (std::filesystem::is_regular_file(original, error)) return original;
    }
    if (std::filesystem::is_regular_file(root / path, error)) return root / path;
    return std::nullopt;
  }

  // The photo an image address of the old site became (--media); nullopt when its file is
  // not under --media (counted as missing by the caller) or the pipeline refused it. Each file
  // is stored once a run, however many posts show it.
  std::optional<StoredImage> StoredPhoto(std::string_view url) {
    const std::optional<std::filesystem::path> file = MediaFile(url);
    if (!file) return std::nullopt;
    const std::filesystem::path relative = file->lexically_relative(options_.media_dir);
    const auto [known, fresh] = stored_images_.try_emplace(relative.string());
    if (!fresh) return known->second;
    Result<StoredImage> stored = sink_->PutImage(relative.string(), *file);
    if (!stored) {
      ++report_.images_refused_count;
      if (report_.images_refused.size() < kMissingListed) {
        report_.images_refused.push_back(std::string(url) + ": " + stored.error().detail);
      }
      return std::nullopt;
    }
    ++report_.images_stored;
    known->second = std::move(*stored);
    return known->second;
  }

  // A body's image address rewritten to the paper's copy; "" keeps the old address.
  std::string StoredImageAddress(std::string_view url) {
    const std::optional<StoredImage> photo = StoredPhoto(url);
    return photo ? photo->address : "";
  }

  // The post's featured image becomes its lead photo when images are stored (--media).
  void LeadPhoto(MappedArticle& article) {
    if (article.featured_image <= 0) return;
    ++report_.featured;
    if (options_.media_dir.empty()) return;
    const auto attachment = attachments_.find(article.featured_image);
    if (attachment == attachments_.end()) {
      ++report_.featured_not_in_export;
      return;
    }
    if (!MediaFile(attachment->second.url)) {
      ++report_.featured_missing_count;
      if (report_.featured_missing.size() < kMissingListed) {
        report_.featured_missing.push_back(
            fmt::format("#{}: {}", article.wordpress_id, attachment->second.url));
      }
      return;
    }
    ++report_.featured_found;
    if (sink_ == nullptr) return;
    const std::optional<StoredImage> photo = StoredPhoto(attachment->second.url);
    if (!photo) return;  // refused, and listed as such
    article.lead_photo =
        MappedLeadPhoto{.photo_id = photo->photo_id, .caption = attachment->second.caption};
    ++report_.featured_stored;
  }

  void CheckImages(const std::vector<std::string>& images) {
    for (const std::string& url : images) {
      ++report_.images;
      if (options_.media_dir.empty()) continue;
      if (MediaFile(url)) {
        ++report_.images_found;
        continue;
      }
      ++report_.images_missing_count;
      if (report_.images_missing.size() < kMissingListed) report_.images_missing.push_back(url);
    }
  }

  const ImportOptions& options_;
  ImportSink* sink_;
  ImportReport& report_;
  Taxonomy taxonomy_;
  bool sections_done_ = false;
  ImageRewriter store_images_;  // set when images go through the photo pipeline (--media)
  // Relative path → the photo it became (nullopt: refused).
  std::map<std::string, std::optional<StoredImage>> stored_images_;
  std::map<std::int64_t, MappedAttachment> attachments_;  // by id; only with --media
};

std::string CountsLine(std::string_view what, const ImportCounts& counts, bool dry_run) {
  if (dry_run) return fmt::format("{:<12}{:>8} to create\n", what, counts.created);
  return fmt::format("{:<12}{:>8} created{:>8} updated{:>8} unchanged\n", what, counts.created,
                     counts.updated, counts.unchanged);
}

}  // namespace

Result<> ImportWordPress(const std::string& path, const ImportOptions& options, ImportSink* sink,
                         ImportReport& report,
                         const std::function<void(const WxrProgress&)>& progress) {
  report.dry_run = sink == nullptr;
  std::map<std::int64_t, MappedAttachment> attachments;
  if (!options.media_dir.empty()) {
    AttachmentCollector collector(options.now);
    if (auto read = ReadWxr(path, collector); !read) return read;
    attachments = collector.Take();
  }
  ImportVisitor visitor(options, sink, report, std::move(attachments));
  if (auto read = ReadWxr(path, visitor, progress); !read) return read;
  return visitor.Finish();
}

namespace {

// "  missing image: URL" lines, the first kMissingListed of `count`, then how many more.
void ListImages(std::string& out, std::string_view what, const std::vector<std::string>& listed,
                std::int64_t count) {
  for (const std::string& line : listed) out += fmt::format("  {} image: {}\n", what, line);
  if (count > static_cast<std::int64_t>(listed.size())) {
    out += fmt::format("  … and {} more {} images\n",
                       count - static_cast<std::int64_t>(listed.size()), what);
  }
}

}  // namespace

std::string FormatImportReport(const ImportReport& report) {
  std::string out;
  out += fmt::format("WordPress import{}: {} ({}), WXR {}\n", report.dry_run ? " (dry run)" : "",
                     report.site.title, report.site.link, report.site.wxr_version);
  out += fmt::format("items read  {:>8}\n", report.items);
  out += CountsLine("reporters", report.reporters, report.dry_run);
  out += CountsLine("sections", report.sections, report.dry_run);
  out += CountsLine("articles", report.articles, report.dry_run);
  for (const auto& [state, count] : report.articles_by_state) {
    out += fmt::format("  {:<10}{:>8}\n", state, count);
  }
  out += CountsLine("pages", report.pages, report.dry_run);
  out += fmt::format("tags        {:>8}\n", report.tags);
  out += fmt::format(
      "redirects   {:>8} old addresses (permalinks, ?p=, ?page_id=, category, tag "
      "and author archives)\n",
      report.redirects);
  out += fmt::format("attachments {:>8} media library entries\n", report.attachments);
  if (report.images > 0) {
    out += fmt::format("images      {:>8} in bodies", report.images);
    if (report.images_found + report.images_missing_count > 0) {
      out += fmt::format(", {} found in --media, {} missing", report.images_found,
                         report.images_missing_count);
      if (!report.dry_run) {
        out += fmt::format("; {} files stored as photos, {} refused", report.images_stored,
                           report.images_refused_count);
      }
    } else {
      out += " (no --media: they stay at the old site's address)";
    }
    out += "\n";
  }
  if (report.featured > 0) {
    out += fmt::format("featured    {:>8} posts with a featured image", report.featured);
    if (report.featured_found + report.featured_missing_count + report.featured_not_in_export > 0) {
      out += fmt::format(", {} found in --media, {} missing, {} not in the export",
                         report.featured_found, report.featured_missing_count,
                         report.featured_not_in_export);
      if (!report.dry_run) {
        out += fmt::format("; {} became lead photos", report.featured_stored);
      }
    } else {
      out += " (no --media: the articles have no lead photo)";
    }
    out += "\n";
  }
  out += fmt::format("comments    {:>8} approved comments and replies{}\n", report.comments,
                     report.dry_run ? " to import" : ", with their articles");
  out += fmt::format("skipped     {:>8} items, {} comments\n", report.skipped.size(),
                     report.comments_skipped);
  if (report.comments_skipped > 0) {
    out += fmt::format("  comments: {} skipped (not approved: held, spam or trash)\n",
                       report.comments_skipped);
  }
  for (const SkippedItem& item : report.skipped) {
    out += fmt::format("  #{} {}: {}\n", item.wordpress_id,
                       item.title.empty() ? "(no title)" : item.title, item.reason);
  }
  ListImages(out, "missing", report.images_missing, report.images_missing_count);
  ListImages(out, "refused", report.images_refused, report.images_refused_count);
  ListImages(out, "missing featured", report.featured_missing, report.featured_missing_count);
  return out;
}

}  // namespace sinmun::archive
