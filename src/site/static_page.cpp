// Static pages (issue #18): the legal and policy pages and pages imported from other systems,
// each shown in the version in force, with its earlier versions linked.

#include "core/time.hpp"
#include "render/markdown.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response StaticPage(const SiteContext& site, const http::Request& request,
                          const PageRequest& page) {
  const store::StaticPages* pages = site.deps.store.pages;
  const std::string path(request.PathParam("path"));
  if (pages == nullptr || !store::IsStaticPagePath(path)) {
    return ErrorResponse(site, 404, page.view_mode);
  }
  std::optional<std::int64_t> wanted;
  if (std::optional<std::string> version = request.Query("version")) {
    const Result<std::int64_t> number = ParseId(*version);
    if (!number) return ErrorResponse(site, number.error(), page.view_mode);
    wanted = *number;
  }
  const Timestamp now = site.deps.clock->Now();
  const Result<store::StaticPage> current = pages->StaticPageAt(path, now);
  if (!current) {
    // The comment rules sinmun ships stand until the paper writes its own.
    if (path == "comment-policy" && !wanted && current.error().code == ErrorCode::kNotFound) {
      PageMeta meta{.title = site.deps.renderer->Label("comments_policy"),
                    .canonical_path = StaticPagePath(path)};
      return RenderPage(site, page, "site/comment_policy", nlohmann::json::object(),
                        std::move(meta));
    }
    return ErrorResponse(site, current.error(), page.view_mode);
  }
  const Result<std::vector<store::StaticPage>> versions = pages->StaticPageVersions(path);
  if (!versions) return ErrorResponse(site, versions.error(), page.view_mode);

  // Versions not yet in force are the newsroom's alone.
  const store::StaticPage* shown = &*current;
  nlohmann::json listed = nlohmann::json::array();
  for (const store::StaticPage& version : *versions) {
    if (version.effective_at > now) continue;
    if (wanted && version.version == *wanted) shown = &version;
    const bool is_current = version.version == current->version;
    listed.push_back(
        {{"url", is_current ? StaticPagePath(path)
                            : StaticPagePath(path) + "?version=" + std::to_string(version.version)},
         {"effective_text", FormatKstDate(version.effective_at)},
         {"number",
          LabelWith(*site.deps.renderer, "page_version_number", std::to_string(version.version))},
         {"current", is_current},
         {"shown", version.version == shown->version}});
  }
  if (wanted && shown->version != *wanted) return ErrorResponse(site, 404, page.view_mode);

  const bool earlier = shown->version != current->version;
  const bool has_versions = listed.size() > 1;
  const nlohmann::json view = {{"page",
                                {{"title", shown->title},
                                 {"body_html", render::MarkdownToHtml(shown->body_markdown)},
                                 {"effective_iso", FormatIso8601Kst(shown->effective_at)},
                                 {"effective_text", FormatKstDate(shown->effective_at)},
                                 {"earlier", earlier},
                                 {"current_url", StaticPagePath(path)},
                                 // 제보 안내 leads to the form it explains (issue #18).
                                 {"tip_form", path == "tips" && site.deps.store.tips != nullptr}}},
                               {"versions", std::move(listed)},
                               {"has_versions", has_versions}};
  PageMeta meta{.title = shown->title, .canonical_path = StaticPagePath(path)};
  if (earlier) meta.canonical_path += "?version=" + std::to_string(shown->version);
  return RenderPage(site, page, "site/static_page", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
