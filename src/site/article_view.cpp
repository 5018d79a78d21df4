#include "render/article_view.hpp"

#include "render/view_object.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

nlohmann::json NeighborView(const std::optional<NeighborLink>& link) {
  if (!link) return nullptr;
  return render::ViewObject({{"url", ArticlePath(link->id)}, {"headline", link->headline}});
}

render::ArticleContentData ArticleContent(const store::Article& article) {
  render::ArticleContentData data{
      .id = article.id,
      .url = ArticlePath(article.id),
      .section = {.name = article.section.name, .url = SectionPath(article.section.slug)},
      .section_slug = article.section.slug,
      .headline = article.headline,
      .subheadlines = article.subheadlines,
      .bylines = {},
      .registered_at = article.registered_at,
      .modified_at = article.modified_at,
      .body_markdown = article.body_markdown,
      .tags = article.tags,
      .correction = article.correction,
      .photo = std::nullopt,
      .kind = std::string(store::ArticleKindName(article.kind)),
      .video = article.video};
  for (const store::Byline& byline : article.bylines) {
    data.bylines.push_back({.id = byline.id,
                            .name = byline.name,
                            .email = byline.email,
                            .url = ReporterPath(byline.id)});
  }
  if (article.photo) data.photo = PhotoData(*article.photo);
  for (const store::LeadPhoto& photo : article.photos) data.photos.push_back(PhotoData(photo));
  data.gallery = article.gallery;
  return data;
}

}  // namespace

nlohmann::json ArticleView(const store::Article& article, const ArticleLinks& links,
                           const Config& config) {
  const std::string path = ArticlePath(article.id);
  nlohmann::json view = render::ArticleContentView(ArticleContent(article));
  view["absolute_url"] = AbsoluteUrl(config, path);
  view["recommends"] = article.recommends;
  view["recommend_url"] = path + "/recommend";
  view["email_url"] = path + "/email";
  view["print_url"] = path + "/print";
  view["list_url"] = links.list_url;
  view["previous"] = NeighborView(links.previous);
  view["next"] = NeighborView(links.next);
  view["has_neighbors"] = links.previous.has_value() || links.next.has_value();
  return view;
}

}  // namespace sinmun::site
