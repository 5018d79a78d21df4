#include "app/demo/korean_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sinmun::app::demo {
namespace {

// Fills {subj} with a fixed word, so that a test states the word and the particle it expects.
class FixedFiller final : public SlotFiller {
 public:
  explicit FixedFiller(std::string subject) : subject_(std::move(subject)) {}
  void Fill(Slot slot, std::string& out) override {
    out.append(slot == Slot::kSubject ? subject_ : "?");
  }

 private:
  std::string subject_;
};

std::string Expand(std::string subject, std::string_view source) {
  FixedFiller filler(std::move(subject));
  std::string out;
  Template::Compile(source).ExpandTo(filler, out);
  return out;
}

TEST(KoreanTextTest, ParticlesFollowTheLastSyllable) {
  EXPECT_EQ(Expand("대전시", "{subj}{은}"), "대전시는");
  EXPECT_EQ(Expand("시의회", "{subj}{이}"), "시의회가");
  EXPECT_EQ(Expand("예산안", "{subj}{을}"), "예산안을");
  EXPECT_EQ(Expand("예산안", "{subj}{은} {subj}{과}"), "예산안은 예산안과");
  EXPECT_EQ(Expand("대전시", "{subj}{과}"), "대전시와");
  EXPECT_EQ(Expand("결정", "{subj}{으로}"), "결정으로");
  EXPECT_EQ(Expand("서울", "{subj}{으로}"), "서울로");  // ㄹ takes 로
  EXPECT_EQ(Expand("서울", "{subj}{은}"), "서울은");
  EXPECT_EQ(Expand("350억 원", "{subj}{이다}"), "350억 원이다");
}

TEST(KoreanTextTest, DigitsLettersAndGlossesAreReadTheKoreanWay) {
  EXPECT_EQ(Expand("5-3", "{subj}{으로}"), "5-3으로");  // 삼
  EXPECT_EQ(Expand("2-1", "{subj}{으로}"), "2-1로");    // 일
  EXPECT_EQ(Expand("3-0", "{subj}{으로}"), "3-0으로");  // 영
  EXPECT_EQ(Expand("12.4%", "{subj}{이}"), "12.4%가");  // 퍼센트
  EXPECT_EQ(Expand("R&D", "{subj}{을}"), "R&D를");      // 디
  EXPECT_EQ(Expand("한국전자통신연구원(ETRI)", "{subj}{은}"), "한국전자통신연구원(ETRI)은");
  EXPECT_EQ(Expand("기획전 <빛의 기억>", "{subj}{을}"), "기획전 <빛의 기억>을");
  EXPECT_EQ(Expand("대전시(042-270-1234)", "{subj}{으로}"), "대전시(042-270-1234)로");
}

TEST(KoreanTextTest, QuotedSpeechTakesTheParticleOfItsLastWord) {
  EXPECT_EQ(Expand("힘을 모으겠다", "\"{subj}\"{이라고}"), "\"힘을 모으겠다\"라고");
  EXPECT_EQ(Expand("시급한 과제", "\"{subj}\"{이라며}"), "\"시급한 과제\"라며");
  EXPECT_EQ(Expand("문제점", "\"{subj}\"{이라고}"), "\"문제점\"이라고");
}

TEST(KoreanTextTest, FormatsThousands) {
  EXPECT_EQ(FormatThousands(0), "0");
  EXPECT_EQ(FormatThousands(999), "999");
  EXPECT_EQ(FormatThousands(1000), "1,000");
  EXPECT_EQ(FormatThousands(1234567), "1,234,567");
}

}  // namespace
}  // namespace sinmun::app::demo
