#pragma once
// The sentence engine of the demo paper: templates with slots and Korean particles.
//
// A template is text with two kinds of braces:
//   {subj}, {topic}, {pct} …  a slot (ASCII name), filled by a SlotFiller when expanded;
//   {은}, {이}, {을} …         a particle (Hangul name), written in the form that fits the
//                              sound just before it: "대전시는", "시의회는"; "예산안을", "R&D를";
//                              "5-3으로", "2-1로"; "과제"라고, "하겠다"라고.
// Templates are compiled once; an unknown name in braces is a bug in the word lists and aborts.
//
// Thread safety: compiled templates are immutable and may be shared; a SlotFiller is not.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::app::demo {

enum class Slot : std::uint8_t {
  // Fixed for one article.
  kSubject,    // {subj}   who acts: 대전시, 한국전자통신연구원(ETRI), 한화 이글스
  kTopic,      // {topic}  what it is about: 내년도 예산안
  kAct,        // {act}    a 하다 verb noun that fits the topic: 의결
  kPlace,      // {place}  a city or county of the region
  kOfficial,   // {official}  a named official: full name and title once, "김 국장" after that
  kExpert,     // {expert}    a named expert, the same way
  kTail,       // {tail}   a headline follow-up after "…"
  kOpponent,   // {opp}    sports: the other team
  kOpponent2,  // {opp2}   sports: the next opponent
  kScore,      // {score}  sports: "5-3", own score first
  kVenue,      // {venue}
  kLeague,     // {league}
  kPlayer,     // {player}
  kPlayer2,    // {player2}
  // Chosen anew at every use.
  kTopic2,       // {topic2}  another topic of the section
  kOrg,          // {org}     an organisation of the section
  kQuote,        // {quote}   something an official or expert says
  kMetric,       // {metric}  a statistic of the section; {updown} then fits it
  kUpDown,       // {updown}  증가/감소, 상승/하락 … for the last {metric}
  kReason,       // {reason}  what a measure is for
  kEffect,       // {effect}  what it is expected to bring
  kStance,       // {stance}  an editorial's demand
  kColumn,       // {column}  a column's title
  kJournal,      // {journal} a science journal
  kPercent,      // {pct}     "12.3%": a change
  kShare,        // {share}   "64.2%": a share of respondents
  kRate,         // {rate}    an interest rate: "3.25%"
  kNumber,       // {num}     2 … 30
  kSmall,        // {small}   1 … 9
  kPoints,       // {pts}     12 … 32
  kMinute,       // {minute}  1 … 90
  kBigNumber,    // {bignum}  "1,000" … "99,999"
  kCrowd,        // {crowd}   spectators, within what the venue holds: "12,340"
  kRespondents,  // {respondents} a survey's size: "1,200"
  kMoney,        // {money}   "350억 원", "1천250억 원", "8천만 원"
  kPhone,        // {phone}   "042-270-1234"
  kName,         // {name}    a Korean full name
  kYear,         // {year}    a year after the article's: 2027
  kThisYear,     // {thisyear}
  kToday,        // {today}   the article's day: "15일"
  kPastDay,      // {pastday} "지난 12일", "지난달 28일"
  kFutureDay,    // {fday}    "오는 22일", "다음 달 3일"
  kPastMonth,    // {pastmonth} "지난 3월", "지난해 11월"
};

enum class Particle : std::uint8_t {
  kEun,      // {은}     은/는
  kI,        // {이}     이/가
  kEul,      // {을}     을/를
  kGwa,      // {과}     과/와
  kEuro,     // {으로}   으로/로 (로 after ㄹ too)
  kIrago,    // {이라고} 이라고/라고
  kIramyeo,  // {이라며} 이라며/라며
  kIraneun,  // {이라는} 이라는/라는
  kIda,      // {이다}   이다/다
};

// Fills slots while a template is expanded; implemented by the article writer.
class SlotFiller {
 public:
  virtual ~SlotFiller() = default;
  // Appends the text of `slot` to `out`.
  virtual void Fill(Slot slot, std::string& out) = 0;
};

class Template {
 public:
  // REQUIRES: every {name} in `source` is a known slot or particle, braces balanced (aborts).
  static Template Compile(std::string_view source);

  // Appends the expansion to `out`; particles look at what `out` holds so far.
  void ExpandTo(SlotFiller& filler, std::string& out) const;

 private:
  enum class Kind : std::uint8_t { kText, kSlot, kParticle };
  struct Token {
    Kind kind;
    Slot slot;
    Particle particle;
    std::string text;
  };
  std::vector<Token> tokens_;
};

std::vector<Template> CompileAll(std::initializer_list<const char*> sources);

// How the last pronounced syllable of `text` ends. Trailing punctuation, quotes and a final
// (parenthesised gloss) are skipped, so "한국전자통신연구원(ETRI)" ends like "연구원".
// Digits and Latin letters are read the Korean way: 1 일, 3 삼, 0 영/십; L 엘, M 엠, R 알.
enum class FinalSound { kVowel, kRieul, kConsonant };
FinalSound LastFinalSound(std::string_view text);

// Appends the form of `particle` that fits the end of `out`.
void AppendParticle(Particle particle, std::string& out);

// "12,345".
std::string FormatThousands(std::int64_t value);

}  // namespace sinmun::app::demo
