#include "site/pages.hpp"
#include "site/params.hpp"
#include "site/views.hpp"

namespace sinmun::site {

// "목록으로" on an article leads here, and from here to the section list page that holds the
// article. Finding that page means counting the newer articles of the section, which grows
// with the archive; done on the article page it would slow every render, so it is done only
// for the reader who clicks. 302: the page changes as newer articles arrive.
http::Response BackToListRedirect(const SiteContext& site, const http::Request& request) {
  const Timestamp now = site.deps.clock->Now();
  const ViewMode mode = ViewModeOf(request);
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), mode);
  const Result<store::Article> article = site.deps.store.catalog->PublishedArticle(*id, now);
  if (!article) return ErrorResponse(site, article.error(), mode);
  const Result<std::int64_t> position = site.deps.store.catalog->PositionInSection(*id, now);
  if (!position) return ErrorResponse(site, position.error(), mode);
  return http::Redirect(PageUrl(SectionPath(article->section.slug), *position / kPageSize + 1),
                        302);
}

}  // namespace sinmun::site
