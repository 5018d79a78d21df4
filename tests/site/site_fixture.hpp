#pragma once
// A Site over a real SQLite test store, with the project's templates, messages and static
// files, driven through its Router without sockets.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ads/click_signer.hpp"
#include "core/config.hpp"
#include "core/time.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "render/renderer.hpp"
#include "search/searcher.hpp"
#include "site/site.hpp"
#include "support/test_store.hpp"

namespace sinmun::site {

// 2017-08-01 13:13 KST.
inline constexpr Timestamp kAugustFirst = 1501560780;
// "now" for every test: 2024-05-03 12:00 KST.
inline constexpr Timestamp kNow = 1714705200;
inline constexpr Timestamp kHour = 3600;
// The paper's public address, for the tests that configure base_url.
inline constexpr char kOrigin[] = "https://news.example.com";
// A desktop browser's user agent: a reader, not a bot.
inline constexpr char kChrome[] =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36";

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Builds the Site and its routes (again, e.g. with another language, cache time or base
  // URL; "" makes absolute URLs follow the Host header).
  void MakeSite(const std::string& language = "ko", int page_cache_seconds = 60,
                const std::string& base_url = "https://news.example.com");

  // A GET as the server would hand it over: path percent-decoded, query parsed.
  http::Response Get(const std::string& target, const std::string& cookie = "");
  // Any request, as the server would hand it over, from `address`.
  http::Response Send(http::Method method, const std::string& target,
                      std::vector<std::pair<std::string, std::string>> headers = {},
                      const std::string& body = "", const std::string& address = "203.0.113.5");
  // Turns view counting on (counters_, flushed only when a test calls Flush), for MakeSite.
  void CountReaders();
  std::string Body(const http::Response& response) const;
  // Body(Get(target, cookie)).
  std::string GetBody(const std::string& target, const std::string& cookie = "");
  std::string Header(const http::Response& response, const std::string& name) const;

  store::ArticleId Insert(store::NewArticle article);

  std::unique_ptr<store::Store> store_;
  std::vector<store::Section> sections_;  // politics, economy, society
  std::vector<store::ReporterId> reporters_;
  FixedClock clock_{kNow};
  const search::Searcher* searcher_ = nullptr;  // search disabled unless a test sets it
  // Readers (issue #4): view counting and the writes of recommends and e-mails, off unless a
  // test sets them before MakeSite; kakao_app_key_ goes into the config.
  counters::Counters* counters_ = nullptr;
  std::unique_ptr<counters::Counters> counters_owner_;
  bool writable_ = false;
  std::string kakao_app_key_;
  // The newsroom's 기사수정 hook (SiteDeps::staff_edit_url); none unless a test sets it.
  std::function<std::optional<std::string>(const http::Request&, store::ArticleId)> staff_edit_url_;
  // The newsroom's signed-in staff for comments (SiteDeps::comment_staff); none unless set.
  std::function<std::optional<store::User>(const http::Request&)> comment_staff_;
  // Sponsor banners (issue #7): off unless a test sets them before MakeSite.
  const ads::ClickSigner* ad_signer_ = nullptr;
  ads::AdCounter* ad_counter_ = nullptr;
  // Signs the e-mail form's tokens (issue #17).
  ads::ClickSigner form_signer_{std::array<unsigned char, 32>{1, 7}};
  std::filesystem::path uploads_dir_;  // SiteDeps::uploads_dir; none unless a test sets it
  // MakeSite renders with Renderer::LoadReference (kainjow over converted data) instead.
  bool reference_renderer_ = false;
  Config config_;  // MakeSite starts from this (language, cache time and base URL aside)
  std::unique_ptr<Site> site_;
  http::Router router_;
};

// A SiteTest with search on: a real index in a temporary folder, caught up by every Add.
class SearchSiteTest : public SiteTest {
 protected:
  void SetUp() override;
  store::ArticleId Add(const std::string& headline, const std::string& body,
                       Timestamp at = kNow - 3600, int section = 0);

  sinmun::testing::TempDir index_dir_;
  std::unique_ptr<search::SearchIndex> searcher_owned_;
};

// Where `needle` starts in `haystack`, or npos; for checking the order of page parts.
size_t Find(const std::string& haystack, const std::string& needle);
int Count(const std::string& haystack, const std::string& needle);
// The text of the page's first JSON-LD script element, or "" when it has none.
std::string JsonLdText(const std::string& html);

}  // namespace sinmun::site
