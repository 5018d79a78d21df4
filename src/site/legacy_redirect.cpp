#include <optional>
#include <string>

#include "site/pages.hpp"
#include "site/params.hpp"
#include "site/views.hpp"

namespace sinmun::site {

// The URLs of the paper's previous CMS are in search engines and old links; they stay valid.
http::Response LegacyArticleRedirect(const SiteContext& site, const http::Request& request) {
  const Result<std::int64_t> id = ParseId(request.Query("idxno").value_or(""));
  if (!id) return ErrorResponse(site, id.error(), ViewModeOf(request));
  return http::Redirect(ArticlePath(*id), 301);
}

namespace {

// Where an imported record is now. A tag has no page of its own: its search is the nearest.
std::string NewAddress(const store::LegacyTarget& target) {
  switch (target.kind) {
    case store::LegacyKind::kArticle:
      return ArticlePath(target.id);
    case store::LegacyKind::kSection:
      return SectionPath(target.name);
    case store::LegacyKind::kReporter:
      return ReporterPath(target.id);
    case store::LegacyKind::kTag:
      return "/search?q=" + http::PercentEncode(target.name);
    case store::LegacyKind::kPage:
      return "/page/" + EncodePath(target.name);
  }
  return "/";
}

}  // namespace

std::optional<http::Response> OldSiteRedirect(const SiteContext& site,
                                              const http::Request& request) {
  const store::ImportBook* imports = site.deps.store.imports;
  if (imports == nullptr) return std::nullopt;
  // Stored as the server sees a request: the path decoded, the query as sent.
  std::string old_path = request.path;
  if (const size_t query = request.target.find('?'); query != std::string::npos) {
    old_path += request.target.substr(query);
  }
  const Result<store::LegacyTarget> target = imports->LegacyPathTarget(old_path);
  if (!target) {
    // WordPress answers /?p=11&foo=1 for post 11 too: the id alone is tried next.
    const std::optional<std::string> post = request.Query("p");
    const std::optional<std::string> page = request.Query("page_id");
    if (request.path != "/" || (!post && !page)) return std::nullopt;
    const Result<store::LegacyTarget> by_id =
        imports->LegacyPathTarget(post ? "/?p=" + *post : "/?page_id=" + *page);
    if (!by_id) return std::nullopt;
    return http::Redirect(NewAddress(*by_id), 301);
  }
  return http::Redirect(NewAddress(*target), 301);
}

}  // namespace sinmun::site
