#include "site_fixture.hpp"

#include "http/request.hpp"
#include "support/http_client.hpp"

namespace sinmun::site {

void SiteTest::SetUp() {
  store_ = sinmun::testing::OpenTestStore(sinmun::testing::Backend::kSqlite);
  sections_ = sinmun::testing::SeedSections(*store_);
  reporters_ = sinmun::testing::SeedReporters(*store_, 2);
  MakeSite();
}

void SearchSiteTest::SetUp() {
  SiteTest::SetUp();
  searcher_owned_ = sinmun::testing::Must(search::OpenSearchIndex(store_.get(), index_dir_.path()));
  searcher_ = searcher_owned_.get();
  MakeSite();
}

store::ArticleId SearchSiteTest::Add(const std::string& headline, const std::string& body,
                                     Timestamp at, int section) {
  store::NewArticle article =
      sinmun::testing::MakeArticle(sections_[section].id, headline, at, {reporters_[0]});
  article.body_markdown = body;
  const store::ArticleId id = Insert(article);
  EXPECT_TRUE(searcher_owned_->CatchUp().has_value());
  return id;
}

void SiteTest::MakeSite(const std::string& language, int page_cache_seconds,
                        const std::string& base_url) {
  const std::string root = SINMUN_SOURCE_DIR;
  auto renderer =
      reference_renderer_
          ? render::Renderer::LoadReference(root + "/templates", root + "/messages", language)
          : render::Renderer::Load(root + "/templates", root + "/messages", language);
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto static_files = http::StaticFiles::Load(root + "/static");
  ASSERT_TRUE(static_files.has_value()) << static_files.error().detail;
  Config config = config_;
  config.language = language;
  config.page_cache_seconds = page_cache_seconds;
  config.base_url = base_url;
  SiteDeps deps{store_.get(), &clock_, *renderer, *static_files, config};
  deps.searcher = searcher_;
  deps.config.kakao_app_key = kakao_app_key_;
  deps.counters = counters_;
  if (!writable_) {
    deps.store.activity = nullptr;
    deps.store.outbox = nullptr;
  }
  deps.staff_edit_url = staff_edit_url_;
  deps.uploads_dir = uploads_dir_;
  deps.comment_staff = comment_staff_;
  deps.ad_signer = ad_signer_;
  deps.form_signer = &form_signer_;
  // The breaking-news ticker is read for every page: no test waits for its refresh.
  deps.breaking_refresh = std::chrono::milliseconds(0);
  deps.ad_counter = ad_counter_;
  site_ = std::make_unique<Site>(std::move(deps));
  router_ = http::Router();
  site_->AddRoutes(router_);
}

http::Response SiteTest::Get(const std::string& target, const std::string& cookie) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!cookie.empty()) headers.emplace_back("cookie", cookie);
  return Send(http::Method::kGet, target, std::move(headers));
}

http::Response SiteTest::Send(http::Method method, const std::string& target,
                              std::vector<std::pair<std::string, std::string>> headers,
                              const std::string& body, const std::string& address) {
  http::Request request;
  request.method = method;
  request.target = target;
  const size_t question = target.find('?');
  request.path = http::PercentDecode(target.substr(0, question), false).value_or("/");
  if (question != std::string::npos) request.query = http::ParseQuery(target.substr(question + 1));
  request.headers = std::move(headers);
  request.body = body;
  request.remote_address = address;
  return router_.Dispatch(request);
}

void SiteTest::CountReaders() {
  counters::CountersOptions options;
  options.flush_interval = std::chrono::hours(1);
  counters_owner_ = counters::Counters::Open(store_.get(), &clock_, options).value();
  counters_ = counters_owner_.get();
}

std::string SiteTest::Body(const http::Response& response) const {
  if (response.body.bytes) return *response.body.bytes;
  // A document the cache keeps in its gzip form only (what the server decompresses).
  return response.body.gzip ? sinmun::testing::Gunzip(*response.body.gzip) : std::string();
}

std::string SiteTest::GetBody(const std::string& target, const std::string& cookie) {
  return Body(Get(target, cookie));
}

std::string SiteTest::Header(const http::Response& response, const std::string& name) const {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

store::ArticleId SiteTest::Insert(store::NewArticle article) {
  return sinmun::testing::InsertArticle(*store_, article);
}

size_t Find(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle);
}

int Count(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

std::string JsonLdText(const std::string& html) {
  const std::string open = "<script type=\"application/ld+json\">";
  const size_t start = html.find(open);
  if (start == std::string::npos) return "";
  const size_t end = html.find("</script>", start);
  return html.substr(start + open.size(), end - start - open.size());
}

}  // namespace sinmun::site
