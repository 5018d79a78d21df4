#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

// The URLs of the paper's previous CMS are in search engines and old links; they stay valid.
http::Response LegacyArticleRedirect(const SiteContext& site, const http::Request& request) {
  const Result<std::int64_t> id = ParseId(request.Query("idxno").value_or(""));
  if (!id) return ErrorResponse(site, id.error(), ViewModeOf(request));
  return http::Redirect(ArticlePath(*id), 301);
}

}  // namespace sinmun::site
