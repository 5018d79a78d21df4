// News tips and reader submissions for readers (issue #18): the form with its consent block,
// a tip with a photo kept without its EXIF, the anonymous option keeping no name or contact,
// files refused by their content and their size, a form sent back as typed, the per-client
// limit and the honeypot, and the tipster's status page with the desk's reply.

#include <gmock/gmock.h>

#include <fstream>
#include <iterator>

#include "site_fixture.hpp"
#include "support/store_probe.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kTipBoundary[] = "----sinmunTipBoundary";

struct TipPart {
  std::string name;
  std::string value;
  std::string filename;  // set: a file
};

std::string ExifPhoto() {
  std::ifstream in(std::string(SINMUN_SOURCE_DIR) + "/tests/data/photos/landscape-exif.jpg",
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class TipsSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    writable_ = true;
    config_.mail_min_fill_seconds = 0;
    config_.mail_per_client_per_hour = 2;
    CountReaders();
    MakeSite("ko", 0);
  }

  std::string Token() {
    const std::string html = GetBody("/tip");
    const std::string marker = "name=\"form_token\" value=\"";
    const size_t at = html.find(marker);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
  }

  std::vector<TipPart> GoodForm() {
    return {{"form_token", Token(), ""},     {"kind", "tip", ""},
            {"name", "김제보", ""},          {"contact", "tipster@example.com", ""},
            {"title", "하천 오염 제보", ""}, {"text", "공장 배수구에서 거품이 흘러나옵니다.", ""},
            {"consent", "yes", ""},          {"website", "", ""}};
  }

  http::Response Send(const std::vector<TipPart>& parts,
                      const std::string& address = "203.0.113.5") {
    std::string body;
    for (const TipPart& part : parts) {
      body += std::string("--") + kTipBoundary + "\r\nContent-Disposition: form-data; name=\"" +
              part.name + "\"";
      if (!part.filename.empty()) {
        body += "; filename=\"" + part.filename + "\"\r\nContent-Type: application/octet-stream";
      }
      body += "\r\n\r\n" + part.value + "\r\n";
    }
    body += std::string("--") + kTipBoundary + "--\r\n";
    return SiteTest::Send(
        http::Method::kPost, "/tip",
        {{"user-agent", kChrome},
         {"origin", kOrigin},
         {"content-type", std::string("multipart/form-data; boundary=") + kTipBoundary}},
        body, address);
  }

  store::TipPage Tips() { return store_->Tips({}).value(); }
};

TEST_F(TipsSiteTest, TheFormCarriesTheConsentBlockAndTheAnonymousOption) {
  const http::Response form = Get("/tip");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.cache_control, "no-store");
  const std::string html = Body(form);
  for (const char* part :
       {"수집 항목", "수집·이용 목적", "보유·이용 기간", "동의를 거부할 권리", "거부하면",
        "name=\"consent\"", "name=\"anonymous\"", "name=\"files\""}) {
    EXPECT_THAT(html, HasSubstr(part));
  }
  EXPECT_THAT(html, HasSubstr("value=\"tip\" checked"));
  EXPECT_THAT(GetBody("/submit"), HasSubstr("value=\"submission\" checked"));
  // Every page's footer leads to the form.
  EXPECT_THAT(GetBody("/"), HasSubstr("href=\"/tip\""));
}

TEST_F(TipsSiteTest, ATipWithAPhotoIsKeptWithoutItsExifAndHasAStatusPage) {
  const std::string photo = ExifPhoto();
  ASSERT_NE(photo.find("GPS-SECRET"), std::string::npos);  // the test file does carry EXIF
  std::vector<TipPart> parts = GoodForm();
  parts.push_back({"files", photo, "현장.jpg"});
  parts.push_back({"files", "%PDF-1.7 document", "자료.pdf"});
  const http::Response sent = Send(parts);
  ASSERT_EQ(sent.status, 303) << Body(sent);
  const std::string location = Header(sent, "Location");
  ASSERT_THAT(location, HasSubstr("/tip/status/"));

  const store::TipPage tips = Tips();
  ASSERT_EQ(tips.total, 1);
  const store::Tip& tip = tips.items[0];
  EXPECT_EQ(tip.kind, store::TipKind::kTip);
  EXPECT_EQ(tip.name, "김제보");
  EXPECT_EQ(tip.contact, "tipster@example.com");
  EXPECT_EQ(tip.title, "하천 오염 제보");
  const std::vector<store::EvidenceFile> files = store_->TipFiles(tip.id).value();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].media_type, "image/jpeg");
  EXPECT_EQ(files[0].name, "현장.jpg");
  EXPECT_TRUE(files[0].data.starts_with("\xFF\xD8\xFF"));
  EXPECT_EQ(files[0].data.find("GPS-SECRET"), std::string::npos);
  EXPECT_EQ(files[0].data.find("Exif"), std::string::npos);
  EXPECT_EQ(files[1].media_type, "application/pdf");
  EXPECT_EQ(files[1].data, "%PDF-1.7 document");  // documents are kept as sent

  const http::Response status = Get(location);
  ASSERT_EQ(status.status, 200);
  EXPECT_THAT(Body(status), HasSubstr("하천 오염 제보"));
  EXPECT_THAT(Body(status), HasSubstr("data-state=\"received\""));
  EXPECT_EQ(status.cache_control, "no-store");
  EXPECT_EQ(Header(status, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(Get("/tip/status/not-a-token").status, 404);

  // The desk's reply and move show on the status page.
  const store::UserId desk = store_
                                 ->InsertUser({.email = "desk@example.com",
                                               .name = "데스크",
                                               .role = store::Role::kEditor,
                                               .password_hash = "x",
                                               .created_at = kNow})
                                 .value();
  ASSERT_TRUE(store_->ReplyToTip(tip.id, "현장 취재를 하겠습니다.", desk, kNow));
  ASSERT_TRUE(store_->MoveTip(tip.id, store::TipState::kUsed, desk, kNow));
  const std::string later = GetBody(location);
  EXPECT_THAT(later, HasSubstr("현장 취재를 하겠습니다."));
  EXPECT_THAT(later, HasSubstr("data-state=\"used\""));
}

// A tipster who gave an e-mail address gets a receipt with the status link; one who gave a
// phone number, or sent anonymously, gets none.
TEST_F(TipsSiteTest, ATipsterWhoGaveAnAddressGetsAReceiptWithTheStatusLink) {
  const http::Response sent = Send(GoodForm());
  ASSERT_EQ(sent.status, 303) << Body(sent);
  const std::string status_path =
      Header(sent, "Location").substr(0, Header(sent, "Location").find('?'));
  const auto mails = sinmun::testing::ClaimMailTexts(*store_, kNow + 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].first, "tipster@example.com");
  EXPECT_THAT(mails[0].second, HasSubstr("접수했습니다"));
  EXPECT_THAT(mails[0].second, HasSubstr("하천 오염 제보"));
  EXPECT_THAT(mails[0].second, HasSubstr(status_path));

  std::vector<TipPart> phone = GoodForm();
  phone[3].value = "010-1234-5678";
  ASSERT_EQ(Send(phone, "203.0.113.6").status, 303);
  std::vector<TipPart> anonymous = GoodForm();
  anonymous.push_back({"anonymous", "yes", ""});
  ASSERT_EQ(Send(anonymous, "203.0.113.7").status, 303);
  EXPECT_EQ(Tips().total, 3);
  EXPECT_TRUE(sinmun::testing::ClaimMailTexts(*store_, kNow + 1).empty());
}

TEST_F(TipsSiteTest, AnAnonymousTipKeepsNoNameOrContactEvenIfTyped) {
  std::vector<TipPart> parts = GoodForm();
  parts.push_back({"anonymous", "yes", ""});
  parts[2].value = "";  // no name needed
  const http::Response sent = Send(parts);
  ASSERT_EQ(sent.status, 303) << Body(sent);
  const store::Tip tip = Tips().items.at(0);
  EXPECT_TRUE(tip.anonymous);
  EXPECT_EQ(tip.name, "");
  EXPECT_EQ(tip.contact, "");  // typed, not kept
}

TEST_F(TipsSiteTest, ABadFormIsSentBackAsTypedWithItsFieldsMarked) {
  std::vector<TipPart> parts = GoodForm();
  parts[3].value = "연락 안 됨";  // contact: neither an address nor a number
  parts[6].value = "";            // no consent
  const http::Response back = Send(parts);
  EXPECT_EQ(back.status, 400);
  const std::string html = Body(back);
  EXPECT_THAT(html, HasSubstr("공장 배수구에서 거품이 흘러나옵니다."));
  EXPECT_THAT(html, HasSubstr("value=\"연락 안 됨\""));
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"contact_error\""));
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"consent_error\""));
  EXPECT_THAT(html, Not(HasSubstr("aria-describedby=\"title_error\"")));

  parts = GoodForm();
  parts[1].value = "submission";
  parts[3].value = "010-1234-5678";  // a phone number will do
  parts[4].value = "";               // no title
  const std::string again = Body(Send(parts));
  EXPECT_THAT(again, HasSubstr("aria-describedby=\"title_error\""));
  EXPECT_THAT(again, HasSubstr("value=\"submission\" checked"));
  EXPECT_EQ(Tips().total, 0);
}

TEST_F(TipsSiteTest, FilesAreRefusedByTheirContentAndTheirSize) {
  std::vector<TipPart> parts = GoodForm();
  parts.push_back({"files", "<script>alert(1)</script>", "photo.jpg"});  // a name that lies
  const http::Response wrong = Send(parts);
  EXPECT_EQ(wrong.status, 415);
  EXPECT_THAT(Body(wrong), HasSubstr("files_error"));
  EXPECT_THAT(Body(wrong), HasSubstr("하천 오염 제보"));  // kept as typed

  parts = GoodForm();
  parts.push_back({"files",
                   std::string("\0\0\0\x18"
                               "ftypheic",
                               12) +
                       "rest",
                   "photo.heic"});
  EXPECT_EQ(Send(parts).status, 415);  // its EXIF could not be taken out

  parts = GoodForm();
  parts.push_back({"files", "\xFF\xD8\xFF\xE0 cut short", "broken.jpg"});
  EXPECT_EQ(Send(parts).status, 400);  // a photo that does not decode

  parts = GoodForm();
  parts.push_back({"files", "%PDF-" + std::string(std::size_t{25} << 20, 'x'), "big.pdf"});
  EXPECT_EQ(Send(parts).status, 413);
  EXPECT_EQ(Tips().total, 0);

  parts = GoodForm();
  parts.push_back({"files",
                   std::string("\0\0\0\x18"
                               "ftypisom",
                               12) +
                       "video",
                   "clip.mp4"});
  ASSERT_EQ(Send(parts).status, 303);
  EXPECT_EQ(store_->TipFiles(Tips().items.at(0).id).value().at(0).media_type, "video/mp4");
}

TEST_F(TipsSiteTest, AClientPastItsHourlyLimitIsRefusedAndABotIsShownNothing) {
  ASSERT_EQ(Send(GoodForm()).status, 303);
  ASSERT_EQ(Send(GoodForm()).status, 303);
  const http::Response third = Send(GoodForm());
  EXPECT_EQ(third.status, 429);
  EXPECT_THAT(Body(third), HasSubstr("하천 오염 제보"));    // kept as typed
  EXPECT_EQ(Send(GoodForm(), "198.51.100.7").status, 303);  // someone else
  EXPECT_EQ(Tips().total, 3);

  std::vector<TipPart> bot = GoodForm();
  bot.back().value = "http://spam.example";
  EXPECT_EQ(Send(bot, "192.0.2.9").status, 303);
  EXPECT_EQ(Tips().total, 3);
}

TEST_F(TipsSiteTest, TheTipsPageLeadsToTheForm) {
  const store::UserId admin = store_
                                  ->InsertUser({.email = "admin@example.com",
                                                .name = "관리자",
                                                .role = store::Role::kAdmin,
                                                .password_hash = "x",
                                                .created_at = kNow})
                                  .value();
  ASSERT_TRUE(store_->SaveStaticPage({.path = "tips",
                                      .title = "제보 안내",
                                      .body_markdown = "제보를 기다립니다.",
                                      .effective_at = kNow - 10,
                                      .saved_at = kNow - 10,
                                      .saved_by = admin}));
  const std::string page = GetBody("/page/tips");
  EXPECT_THAT(page, HasSubstr("제보를 기다립니다."));
  EXPECT_THAT(page, HasSubstr("class=\"button\" href=\"/tip\""));
  EXPECT_THAT(GetBody("/page/tips"), HasSubstr("href=\"/submit\""));
}

}  // namespace
}  // namespace sinmun::site
