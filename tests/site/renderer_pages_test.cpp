// The site's pages rendered by the renderer that walks the JSON views (issue #14) are the
// pages kainjow rendered over the views converted into its data, byte for byte: every page
// reached from the front page of a demo paper, in both view modes and both languages.

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <set>
#include <string>

#include "app/demo/demo_paper.hpp"
#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

constexpr std::size_t kMostPages = 400;

class RendererPagesTest : public SiteTest {
 protected:
  void SetUp() override {
    store_ = sinmun::testing::OpenTestStore(sinmun::testing::Backend::kSqlite);
    app::demo::DemoOptions options;
    options.articles = 300;
    options.now = kNow;
    sinmun::testing::Must(app::demo::FillDemoPaper(*store_, options));
  }

  // Status and body of every page a reader reaches by the site's own links from the front
  // page (at most kMostPages), with `cookie`.
  std::map<std::string, std::string> Crawl(const std::string& cookie) {
    std::map<std::string, std::string> pages;
    std::deque<std::string> queue = {"/", "/article/999999", "/section/none", "/search?q=x"};
    std::set<std::string> seen(queue.begin(), queue.end());
    while (!queue.empty() && pages.size() < kMostPages) {
      const std::string target = queue.front();
      queue.pop_front();
      const http::Response response = Get(target, cookie);
      const std::string body = Body(response);
      pages[target] = std::to_string(response.status) + "\n" + body;
      if (response.content_type.find("text/html") == std::string::npos) continue;
      for (std::size_t at = body.find("href=\"/"); at != std::string::npos;
           at = body.find("href=\"/", at + 1)) {
        const std::size_t from = at + 6;
        const std::string link = body.substr(from, body.find('"', from) - from);
        if (link.starts_with("//") || link.find("&amp;") != std::string::npos) continue;
        if (seen.insert(link).second) queue.push_back(link);
      }
    }
    return pages;
  }
};

TEST_F(RendererPagesTest, EveryPageIsTheSameAsKainjowRenderedIt) {
  std::size_t compared = 0;
  std::size_t articles = 0;
  for (const char* language : {"ko", "en"}) {
    for (const char* cookie : {"", "view=mobile"}) {
      reference_renderer_ = false;
      MakeSite(language);
      const std::map<std::string, std::string> walked = Crawl(cookie);
      reference_renderer_ = true;
      MakeSite(language);
      const std::map<std::string, std::string> reference = Crawl(cookie);
      ASSERT_EQ(walked.size(), reference.size());
      for (const auto& [target, page] : reference) {
        const auto found = walked.find(target);
        ASSERT_NE(found, walked.end()) << target;
        ASSERT_EQ(found->second, page) << language << " " << cookie << " " << target;
        ++compared;
        if (target.starts_with("/article/") && page.starts_with("200\n")) ++articles;
      }
    }
  }
  // The crawl reached article pages, sections and reporters, not only the front page.
  EXPECT_GT(compared, 4 * 100u);
  EXPECT_GT(articles, 4 * 50u) << compared;
}

}  // namespace
}  // namespace sinmun::site
