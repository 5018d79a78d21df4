// The photo library (사진 보관함, issue #19) from the real binary on a demo paper with
// pictures: staff find photos by caption, credit and upload date; a reporter
// reuses a published article's photo in a new article, which shows it once published; a photo
// outside the reporter's rule (one no published article uses) is neither listed nor taken.
// The library's pages pass the Nu Html Checker.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "integration/newsroom_staff.hpp"
#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;

// One photo as the library page shows it.
struct Card {
  std::string id;
  std::string html;
  std::string caption;  // "" when it has none
  std::string credit;
  std::string day;   // the upload day, YYYY-MM-DD (KST)
  std::string stem;  // "/uploads/2026/12/…": the photo's files start with it
  bool used = false;
};

std::vector<Card> Cards(const std::string& page) {
  std::vector<Card> cards;
  static const std::regex kCard(
      R"re(<li class="nr-library-photo" id="photo-(\d+)">([\s\S]*?)\n</li>)re");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), kCard);
       it != std::sregex_iterator(); ++it) {
    Card card{.id = (*it)[1], .html = (*it)[2]};
    std::smatch part;
    if (std::regex_search(card.html, part,
                          std::regex(R"re(<p class="nr-library-caption">([^<]*)</p>)re"))) {
      card.caption = part[1];
    }
    if (std::regex_search(card.html, part,
                          std::regex(R"re(<p class="nr-library-credit">([^<]*)</p>)re"))) {
      card.credit = part[1];
    }
    if (std::regex_search(card.html, part, std::regex(R"re(datetime="(\d{4}-\d\d-\d\d)T)re"))) {
      card.day = part[1];
    }
    if (std::regex_search(card.html, part,
                          std::regex(R"re(<img src="(/uploads/[^"]+)-\d+\.[a-z]+")re"))) {
      card.stem = part[1];
    }
    card.used = card.html.find("class=\"nr-library-uses\"") != std::string::npos;
    cards.push_back(std::move(card));
  }
  return cards;
}

std::set<std::string> Ids(const std::vector<Card>& cards) {
  std::set<std::string> ids;
  for (const Card& card : cards) ids.insert(card.id);
  return ids;
}

std::string Password(const std::string& demo_output, const std::string& role) {
  std::smatch match;
  if (!std::regex_search(demo_output, match,
                         std::regex(role + R"(\s+)" + role + R"(@example\.com\s+(\S+))"))) {
    return "";
  }
  return match[1];
}

// Every card of the library `staff` sees, following its "next" links.
std::vector<Card> AllCards(Staff& staff) {
  std::vector<Card> cards;
  std::string target = "/newsroom/photos";
  for (int page = 0; page < 20 && !target.empty(); ++page) {
    const HttpResponse shown = staff.Get(target);
    EXPECT_EQ(shown.status, 200) << target;
    for (Card& card : Cards(shown.body)) cards.push_back(std::move(card));
    std::smatch next;
    target = std::regex_search(shown.body, next, std::regex(R"re(<a href="([^"]+)" rel="next">)re"))
                 ? std::regex_replace(std::string(next[1]), std::regex("&amp;"), "&")
                 : "";
  }
  return cards;
}

class PhotoLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinmun-library-XXXXXX";
    root_ = ::mkdtemp(pattern);
    data_ = root_ + "/paper";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string root_;
  std::string data_;
};

TEST_F(PhotoLibraryTest, StaffFindAndReusePhotosAndAReporterOnlyThoseTheRuleAllows) {
  const std::string vnu =
      std::string(SINMUN_SOURCE_DIR) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  ASSERT_TRUE(fs::exists(vnu)) << vnu << " is missing: run `make deps`";
  const CommandResult demo = MakeDemoPaper(data_, {"--articles", "10", "--seed", "5"});
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  Staff admin(server.port());
  ASSERT_EQ(admin.Login("admin@example.com", Password(demo.out, "admin")).status, 303);
  Staff reporter(server.port());
  ASSERT_EQ(reporter.Login("reporter@example.com", Password(demo.out, "reporter")).status, 303);

  const std::string dir = root_ + "/html";
  fs::create_directories(dir);
  int n = 0;
  const auto keep = [&](const std::string& html) {
    std::ofstream(dir + "/page" + std::to_string(n++) + ".html") << html;
  };

  // The desk sees every picture the demo drew, newest first (paging: the store test).
  const HttpResponse first = admin.Get("/newsroom/photos");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("cache-control"), "no-store");
  keep(first.body);
  const std::vector<Card> every = AllCards(admin);
  ASSERT_GE(every.size(), 2u) << first.body;
  EXPECT_EQ(Ids(every).size(), every.size());  // no photo twice

  const Card* used = nullptr;
  const Card* unused = nullptr;
  for (const Card& card : every) {
    if (card.used && !card.caption.empty() && used == nullptr) used = &card;
    if (!card.used && unused == nullptr) unused = &card;
  }
  ASSERT_NE(used, nullptr);
  ASSERT_NE(unused, nullptr) << "the demo's 10 articles use every picture";

  // A reporter sees the photos of published articles, not the one no article uses.
  const std::set<std::string> reporters = Ids(AllCards(reporter));
  EXPECT_TRUE(reporters.contains(used->id));
  EXPECT_FALSE(reporters.contains(unused->id));
  for (const Card& card : every) EXPECT_EQ(reporters.contains(card.id), card.used) << card.id;

  // By a word of the caption, by the credit, by the upload day.
  const std::string word = used->caption.substr(0, used->caption.find(' '));
  const HttpResponse by_caption = reporter.Get("/newsroom/photos?q=" + http::PercentEncode(word));
  ASSERT_EQ(by_caption.status, 200);
  keep(by_caption.body);
  const std::vector<Card> captioned = Cards(by_caption.body);
  EXPECT_TRUE(Ids(captioned).contains(used->id)) << word;
  for (const Card& card : captioned) EXPECT_NE(card.html.find(word), std::string::npos) << card.id;
  EXPECT_NE(by_caption.body.find("value=\"" + word + "\""), std::string::npos);  // kept in the form

  const std::string credit_word = used->credit.substr(used->credit.rfind(' ') + 1);
  const std::vector<Card> credited =
      Cards(reporter.Get("/newsroom/photos?q=" + http::PercentEncode(credit_word)).body);
  EXPECT_TRUE(Ids(credited).contains(used->id)) << credit_word;
  EXPECT_TRUE(Cards(reporter
                        .Get("/newsroom/photos?q=" + http::PercentEncode(credit_word) +
                             "%20%EC%97%86%EB%8A%94%EB%82%B1%EB%A7%90")  // 없는낱말
                        .body)
                  .empty());

  EXPECT_TRUE(
      Ids(Cards(reporter.Get("/newsroom/photos?from=" + used->day + "&to=" + used->day).body))
          .contains(used->id));
  const HttpResponse before = reporter.Get("/newsroom/photos?to=2000-01-01");
  EXPECT_TRUE(Cards(before.body).empty());
  EXPECT_NE(before.body.find("id=\"library-empty\""), std::string::npos);
  const HttpResponse bad_day = reporter.Get("/newsroom/photos?from=2026-13-45");
  EXPECT_EQ(bad_day.status, 400);
  keep(bad_day.body);

  // Reused by number as the lead of a new article, which shows it once the desk publishes it.
  const FormFields article = {{"section", "1"},
                              {"headline", "보관함 사진을 다시 쓴 기사"},
                              {"body", "보관함에서 가져온 사진이다."},
                              {"reporter", "1"}};
  FormFields reuse = article;
  reuse.emplace_back("library_photo", used->id);
  reuse.emplace_back("library_place", "lead");
  const HttpResponse saved = reporter.Act("/newsroom/articles", reuse);
  ASSERT_EQ(saved.status, 303) << saved.body;
  const std::string location = saved.Header("location");
  const std::string id =
      location.substr(std::string("/newsroom/articles/").size(),
                      location.find('?') - std::string("/newsroom/articles/").size());
  const HttpResponse form = reporter.Get("/newsroom/articles/" + id);
  EXPECT_EQ(InputValue(form.body, "photo_id"), used->id);
  EXPECT_EQ(InputValue(form.body, "photo_caption"), used->caption);
  ASSERT_EQ(admin.Act("/newsroom/articles/" + id + "/publish", {}).status, 303);
  const HttpResponse page =
      HttpGet(server.port(), "/article/" + id, {{"User-Agent", kDesktopChrome}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(used->stem + "-"), std::string::npos) << used->stem;
  EXPECT_NE(page.body.find(used->caption), std::string::npos);

  // The photo no article uses is not the reporter's to take: a message at the field.
  FormFields outside = article;
  outside.emplace_back("library_photo", unused->id);
  outside.emplace_back("library_place", "body");
  const HttpResponse refused = reporter.Act("/newsroom/articles", outside);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"library-photo-error\""), std::string::npos);
  EXPECT_EQ(refused.body.find(unused->stem), std::string::npos);
  keep(refused.body);
  FormFields typed = article;
  typed.emplace_back("photo_id", unused->id);
  const HttpResponse typed_refused = reporter.Act("/newsroom/articles", typed);
  EXPECT_EQ(typed_refused.status, 422);
  EXPECT_NE(typed_refused.body.find("id=\"photo-error\""), std::string::npos);
  EXPECT_EQ(typed_refused.body.find(unused->stem), std::string::npos);

  EXPECT_EQ(NuHtmlCheckerErrors(vnu, dir, root_ + "/vnu.txt"), "");
}

}  // namespace
}  // namespace sinmun::testing
