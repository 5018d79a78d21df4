// Corrections and replies for readers (issue #18): the request form (its checks, its evidence
// files refused by content or size, kept as typed when sent back), the requester's status
// page, and a published correction on its article, in its JSON-LD and on /corrections.

#include <gmock/gmock.h>

#include <chrono>
#include <thread>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kBoundary[] = "----sinmunTestBoundary";

struct Part {
  std::string name;
  std::string value;
  std::string filename;  // set: a file
};

class CorrectionsSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    writable_ = true;
    config_.mail_min_fill_seconds = 0;
    MakeSite("ko", 0);
    article_ =
        Insert(sinmun::testing::MakeArticle(sections_[0].id, "시장 발언 보도", kNow - kHour));
  }

  std::string Token() {
    const std::string html = GetBody("/corrections/request");
    const std::string marker = "name=\"form_token\" value=\"";
    const size_t at = html.find(marker);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
  }

  std::vector<Part> GoodForm() {
    return {{"form_token", Token(), ""},
            {"article", "https://news.example.com/article/" + std::to_string(article_), ""},
            {"kind", "reply", ""},
            {"requester", "박반론", ""},
            {"contact", "reply@example.com", ""},
            {"text", "박 시장은 그런 발언을 한 적이 없다고 밝혀왔습니다.", ""},
            {"reason", "발언 사실이 없습니다.", ""},
            {"consent", "yes", ""},
            {"website", "", ""}};
  }

  http::Response Send(const std::vector<Part>& parts) {
    std::string body;
    for (const Part& part : parts) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
              part.name + "\"";
      if (!part.filename.empty()) {
        body += "; filename=\"" + part.filename + "\"\r\nContent-Type: image/png";
      }
      body += "\r\n\r\n" + part.value + "\r\n";
    }
    body += std::string("--") + kBoundary + "--\r\n";
    return SiteTest::Send(
        http::Method::kPost, "/corrections/request",
        {{"user-agent", kChrome},
         {"origin", kOrigin},
         {"content-type", std::string("multipart/form-data; boundary=") + kBoundary}},
        body);
  }

  // Files a correction request for `article` and takes it through the desk to published.
  void PublishCorrection(store::ArticleId article, const std::string& text) {
    const store::CorrectionId id = store_
                                       ->FileCorrection({.article_id = article,
                                                         .requester = "청구인",
                                                         .contact = "c@example.com",
                                                         .text = "청구문",
                                                         .status_token = "t",
                                                         .received_at = kNow})
                                       .value();
    ASSERT_TRUE(store_->MoveCorrection(id, {.to = store::CaseState::kReviewing, .at = kNow}));
    ASSERT_TRUE(store_->MoveCorrection(id, {.to = store::CaseState::kAccepted, .at = kNow}));
    ASSERT_TRUE(store_->MoveCorrection(
        id, {.to = store::CaseState::kPublished, .published_text = text, .at = kNow}));
  }

  store::ArticleId article_ = 0;
};

TEST_F(CorrectionsSiteTest, ARequestWithEvidenceIsKeptMailedAndHasAStatusPage) {
  const std::string form = GetBody("/corrections/request?article=" + std::to_string(article_));
  EXPECT_THAT(form, HasSubstr("value=\"" + std::to_string(article_) + "\""));
  EXPECT_THAT(form, HasSubstr("개인정보 수집·이용 동의"));

  std::vector<Part> parts = GoodForm();
  parts.push_back({"evidence", "\x89PNG\r\n\x1A\npicture", "화면.png"});
  parts.push_back({"evidence", "%PDF-1.7 document", "문서.pdf"});
  const http::Response sent = Send(parts);
  ASSERT_EQ(sent.status, 303) << Body(sent);
  const std::string location = Header(sent, "Location");
  ASSERT_THAT(location, HasSubstr("/corrections/status/"));

  const store::CasePage cases = store_->CorrectionCases({}).value();
  ASSERT_EQ(cases.total, 1);
  const store::CorrectionCase& item = cases.items[0];
  EXPECT_EQ(item.article_id, article_);
  EXPECT_EQ(item.kind, store::CorrectionKind::kReply);
  EXPECT_EQ(item.requester, "박반론");
  const std::vector<store::EvidenceFile> files = store_->CorrectionFiles(item.id).value();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].media_type, "image/png");
  EXPECT_EQ(files[1].media_type, "application/pdf");
  EXPECT_EQ(files[1].name, "문서.pdf");
  EXPECT_EQ(store_->PendingMailCount().value(), 1);  // the receipt

  const http::Response status = Get(location);
  ASSERT_EQ(status.status, 200);
  EXPECT_THAT(Body(status), HasSubstr("접수"));
  EXPECT_THAT(Body(status), HasSubstr("시장 발언 보도"));
  EXPECT_EQ(status.cache_control, "no-store");
  EXPECT_EQ(Get("/corrections/status/not-a-token").status, 404);
}

TEST_F(CorrectionsSiteTest, ABadFormIsSentBackAsTypedWithItsFieldsMarked) {
  std::vector<Part> parts = GoodForm();
  parts[4].value = "not an address";  // contact
  parts[7].value = "";                // no consent
  const http::Response back = Send(parts);
  EXPECT_EQ(back.status, 400);
  const std::string html = Body(back);
  EXPECT_THAT(html, HasSubstr("박 시장은 그런 발언을 한 적이 없다고 밝혀왔습니다."));
  EXPECT_THAT(html, HasSubstr("value=\"not an address\""));
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"contact_error\""));
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"consent_error\""));
  EXPECT_THAT(html, Not(HasSubstr("aria-describedby=\"text_error\"")));
  // The kind chosen stays chosen.
  EXPECT_THAT(html, HasSubstr("value=\"reply\" checked"));

  parts = GoodForm();
  parts[1].value = "/article/99999";  // no such article
  EXPECT_EQ(Send(parts).status, 400);
  EXPECT_EQ(store_->CorrectionCases({}).value().total, 0);
}

TEST_F(CorrectionsSiteTest, EvidenceIsRefusedByItsContentAndItsSize) {
  std::vector<Part> parts = GoodForm();
  parts.push_back({"evidence", "<script>alert(1)</script>", "photo.png"});  // a name that lies
  const http::Response wrong = Send(parts);
  EXPECT_EQ(wrong.status, 415);
  EXPECT_THAT(Body(wrong), HasSubstr("evidence_error"));

  parts = GoodForm();
  parts.push_back({"evidence", "\x89PNG\r\n\x1A\n" + std::string(5 << 20, 'x'), "big.png"});
  EXPECT_EQ(Send(parts).status, 413);
  EXPECT_EQ(store_->CorrectionCases({}).value().total, 0);
}

TEST_F(CorrectionsSiteTest, APublishedCorrectionIsOnItsArticleInJsonLdAndListed) {
  EXPECT_THAT(GetBody("/article/" + std::to_string(article_)),
              Not(HasSubstr("published-corrections")));
  PublishCorrection(article_, "바로잡습니다: 사실과 다릅니다.");

  const std::string article = GetBody("/article/" + std::to_string(article_));
  EXPECT_THAT(article, HasSubstr("id=\"published-corrections\""));
  EXPECT_THAT(article, HasSubstr("바로잡습니다: 사실과 다릅니다."));
  EXPECT_THAT(article, HasSubstr("\"@type\":\"CorrectionComment\""));
  // The box comes before the body.
  EXPECT_LT(Find(article, "published-corrections"), Find(article, "article-body"));
  EXPECT_THAT(GetBody("/article/" + std::to_string(article_) + "/print"),
              HasSubstr("바로잡습니다: 사실과 다릅니다."));
  const std::string list = GetBody("/corrections");
  EXPECT_THAT(list, HasSubstr("바로잡습니다: 사실과 다릅니다."));
  EXPECT_THAT(list, HasSubstr("시장 발언 보도"));
}

// With the page cache on, an article page's miss reads its corrections only when the paper's
// list of corrected articles, made once per change, names it (ArticleCorrectionsView). A
// publish is a change: an article read before its correction shows it after, and the
// article next to it still shows none.
class CorrectionsCachedSiteTest : public CorrectionsSiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    writable_ = true;
    MakeSite("ko", 60);
    article_ =
        Insert(sinmun::testing::MakeArticle(sections_[0].id, "시장 발언 보도", kNow - kHour));
    other_ = Insert(sinmun::testing::MakeArticle(sections_[0].id, "다른 기사", kNow - kHour));
  }
  store::ArticleId other_ = 0;
};

TEST_F(CorrectionsCachedSiteTest, AnArticleReadBeforeItsCorrectionShowsItOnceItIsPublished) {
  EXPECT_THAT(GetBody("/article/" + std::to_string(article_)),
              Not(HasSubstr("published-corrections")));
  EXPECT_THAT(GetBody("/article/" + std::to_string(other_)),
              Not(HasSubstr("published-corrections")));
  PublishCorrection(article_, "바로잡습니다: 사실과 다릅니다.");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the cache's change check

  EXPECT_THAT(GetBody("/article/" + std::to_string(article_)),
              HasSubstr("바로잡습니다: 사실과 다릅니다."));
  EXPECT_THAT(GetBody("/article/" + std::to_string(other_)),
              Not(HasSubstr("published-corrections")));
  // A page of the other article not cached before: made after the list named the first one.
  EXPECT_THAT(GetBody("/article/" + std::to_string(other_) + "/print"),
              Not(HasSubstr("바로잡습니다")));
}

}  // namespace
}  // namespace sinmun::site
