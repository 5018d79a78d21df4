// The article mail as a mail client reads it (Python's email package parses it).
#include "mail/message.hpp"

#include <gtest/gtest.h>

#include "mail/parse_mail.hpp"

namespace sinmun::mail {
namespace {

std::shared_ptr<const render::Renderer> LoadRenderer() {
  const std::string root = SINMUN_SOURCE_DIR;
  auto renderer = render::Renderer::Load(root + "/templates", root + "/messages", "ko");
  if (!renderer) throw std::runtime_error(renderer.error().detail);
  return *renderer;
}

ArticleMail SampleMail() {
  ArticleMail mail;
  mail.paper_name = "한밭일보";
  mail.headline = "대전시, 2026년 예산안 발표… \"역대 최대 규모\" <확정>";
  mail.subheadlines = {"복지 예산 12% 늘어", "교통 분야도 확대"};
  mail.excerpt = "대전시가 28일 내년도 예산안을 발표했다.";
  mail.url = "https://news.example.com/article/42";
  mail.sender_name = "홍길동";
  mail.sender_email = "hong@example.com";
  mail.note = "이 기사 꼭 읽어 보세요!";
  return mail;
}

TEST(MailMessageTest, KoreanHeadersAndBothPartsDecode) {
  const Envelope envelope{"news@example.com", "friend@example.org", 1'700'000'000,
                          "<sinmun.1@example.com>"};
  const std::string message = ComposeArticleMail(*LoadRenderer(), SampleMail(), envelope).value();
  // Every header line is ASCII: the Korean is RFC 2047 encoded.
  const std::string headers = message.substr(0, message.find("\r\n\r\n"));
  for (unsigned char c : headers) ASSERT_LT(c, 0x80) << headers;
  EXPECT_NE(headers.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(headers.find("MIME-Version: 1.0"), std::string::npos);
  EXPECT_NE(headers.find("Message-ID: <sinmun.1@example.com>"), std::string::npos);
  EXPECT_NE(headers.find("Date: Tue, 14 Nov 2023 22:13:20 +0000"), std::string::npos);

  const nlohmann::json parsed = testing::ParseMail(message);
  ASSERT_TRUE(parsed.is_object()) << message;
  EXPECT_EQ(parsed["defects"], 0);
  EXPECT_EQ(parsed["type"], "multipart/alternative");
  EXPECT_EQ(parsed["subject"], "[한밭일보] " + SampleMail().headline);
  EXPECT_EQ(parsed["from"], "한밭일보 <news@example.com>");
  EXPECT_EQ(parsed["to"], "friend@example.org");
  EXPECT_EQ(parsed["reply_to"], "홍길동 <hong@example.com>");
  const std::string text = parsed["text"];
  const std::string html = parsed["html"];
  for (const std::string& part : {text, html}) {
    EXPECT_NE(part.find("복지 예산 12% 늘어"), std::string::npos);
    EXPECT_NE(part.find("교통 분야도 확대"), std::string::npos);
    EXPECT_NE(part.find("내년도 예산안을 발표했다"), std::string::npos);
    EXPECT_NE(part.find("https://news.example.com/article/42"), std::string::npos);
    EXPECT_NE(part.find("이 기사 꼭 읽어 보세요!"), std::string::npos);
  }
  EXPECT_NE(text.find(SampleMail().headline), std::string::npos);
  // In HTML the headline is escaped, never raw markup.
  EXPECT_NE(html.find("&lt;확정&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<확정>"), std::string::npos);
}

TEST(MailMessageTest, LineBreaksTypedIntoNamesCannotAddHeaders) {
  ArticleMail mail = SampleMail();
  mail.sender_name = "Eve\r\nBcc: victim@example.net";
  const Envelope envelope{"news@example.com", "friend@example.org", 1'700'000'000, "<x@y>"};
  const std::string message = ComposeArticleMail(*LoadRenderer(), mail, envelope).value();
  EXPECT_EQ(message.find("\r\nBcc:"), std::string::npos);
}

TEST(MailMessageTest, LongKoreanHeadersSplitIntoShortEncodedWords) {
  const std::string text(300, 'a');
  EXPECT_EQ(EncodeHeaderText("plain ascii"), "plain ascii");
  const std::string korean =
      EncodeHeaderText("가나다라마바사아자차카타파하 가나다라마바사아자차카타파하");
  size_t start = 0;
  int words = 0;
  while ((start = korean.find("=?UTF-8?B?", start)) != std::string::npos) {
    const size_t end = korean.find("?=", start + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - start, 75u);
    start = end;
    ++words;
  }
  EXPECT_GE(words, 2);
}

TEST(MailMessageTest, PlausibleAddresses) {
  for (const char* good : {"a@example.com", "first.last+tag@mail.example.co.kr"}) {
    EXPECT_TRUE(IsPlausibleAddress(good)) << good;
  }
  for (const char* bad : {"", "a", "a@b", "@example.com", "a@@example.com", "a@example..com",
                          "a b@example.com", "a@example.com\r\nBcc: x@y.z", "<a@example.com>",
                          "a@example.com,b@example.com", "a@.example.com"}) {
    EXPECT_FALSE(IsPlausibleAddress(bad)) << bad;
  }
}

}  // namespace
}  // namespace sinmun::mail
