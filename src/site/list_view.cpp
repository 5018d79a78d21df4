#include <algorithm>

#include "http/request.hpp"
#include "render/view_object.hpp"
#include "site/params.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr std::int64_t kPageWindow = 10;
// A list's thumbnail is at most 160 CSS pixels wide (site.css, .thumb).
constexpr std::string_view kThumbnailSizes = "160px";

}  // namespace

std::string ArticlePath(store::ArticleId id) { return "/article/" + std::to_string(id); }

std::string SectionPath(std::string_view slug) { return "/section/" + http::PercentEncode(slug); }

std::string ReporterPath(store::ReporterId id) { return "/reporter/" + std::to_string(id); }
std::string StaticPagePath(std::string_view path) {
  return EncodePath("/page/" + std::string(path));
}

std::string AbsoluteUrl(const Config& config, std::string_view path) {
  std::string_view base = config.base_url;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + std::string(path);
}

nlohmann::json SectionView(const store::Section& section, bool current) {
  return render::ViewObject({{"name", section.name},
                             {"slug", section.slug},
                             {"url", SectionPath(section.slug)},
                             {"current", current}});
}

render::ArticleContentData::Photo PhotoData(const store::LeadPhoto& photo) {
  return render::ArticleContentData::Photo{.name = photo.name,
                                           .format = photo.format,
                                           .widths = photo.widths,
                                           .width = photo.width,
                                           .height = photo.height,
                                           .webp = photo.webp,
                                           .caption = photo.caption,
                                           .credit = photo.credit};
}

nlohmann::json ThumbnailView(const std::optional<store::LeadPhoto>& photo) {
  if (!photo) return nullptr;
  return render::PictureView(PhotoData(*photo), kThumbnailSizes, render::PhotoLoading::kLazy);
}

nlohmann::json SummaryView(const render::Renderer& labels, const store::ArticleSummary& summary) {
  return render::ViewObject(
      {{"id", summary.id},
       {"url", ArticlePath(summary.id)},
       {"headline", ListedHeadline(labels, summary.headline, summary.series_episode)},
       {"snippet", summary.snippet},
       {"reporter", summary.reporter_name},
       {"section", SectionView(summary.section)},
       {"registered", TimeView(summary.registered_at)},
       {"views", summary.views},
       {"kind", render::KindView(store::ArticleKindName(summary.kind))},
       {"photo", ThumbnailView(summary.photo)},
       {"video", !summary.video.empty()}});
}

void LoadFirstPhotos(nlohmann::json& items, std::size_t count) {
  for (std::size_t i = 0; i < items.size() && i < count; ++i) {
    nlohmann::json& photo = items[i]["photo"];
    if (photo.is_object()) photo["lazy"] = false;
  }
}

nlohmann::json SummaryListView(const render::Renderer& labels,
                               const std::vector<store::ArticleSummary>& summaries) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::ArticleSummary& summary : summaries) {
    list.push_back(SummaryView(labels, summary));
  }
  return list;
}

std::int64_t PageCount(std::int64_t total, int page_size) {
  return std::max<std::int64_t>(1, (total + page_size - 1) / page_size);
}

nlohmann::json PaginationView(std::string_view base_url, std::int64_t page, std::int64_t total,
                              int page_size) {
  const std::int64_t last = PageCount(total, page_size);
  const std::int64_t first_shown = (page - 1) / kPageWindow * kPageWindow + 1;
  const std::int64_t last_shown = std::min(last, first_shown + kPageWindow - 1);
  nlohmann::json pages = nlohmann::json::array();
  for (std::int64_t n = first_shown; n <= last_shown; ++n) {
    pages.push_back(
        render::ViewObject({{"number", n}, {"url", PageUrl(base_url, n)}, {"current", n == page}}));
  }
  return render::ViewObject(
      {{"show", last > 1},
       {"prev_url", page > 1 ? nlohmann::json(PageUrl(base_url, page - 1)) : nullptr},
       {"next_url", page < last ? nlohmann::json(PageUrl(base_url, page + 1)) : nullptr},
       {"pages", std::move(pages)}});
}

}  // namespace sinmun::site
