#include "app/demo/article_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <iterator>
#include <string_view>

#include "app/demo/korean_text.hpp"
#include "app/demo/vocabulary.hpp"

namespace sinmun::app::demo {
namespace {

constexpr int kMinParagraphs = 5;
constexpr int kMaxParagraphs = 15;

// A named person: the full form ("김민수 대전시 경제과학국장") on first mention, the short one
// ("김 국장") after that, as Korean papers do.
struct Person {
  std::string full;
  std::string short_form;
  bool named = false;
};

// Fills the slots of one article and remembers what it already said, so that an article
// does not repeat a sentence or a quote.
class Writer final : public SlotFiller {
 public:
  Writer(const Vocabulary& vocab, const CalendarDay& day, Rng& rng)
      : vocab_(vocab), day_(day), rng_(rng) {}

  std::string Render(const Template& text) {
    std::string out;
    text.ExpandTo(*this, out);
    return out;
  }

  // A template of `pool` that this article has not used yet; any one when all are used.
  const Template& Fresh(const std::vector<Template>& pool);

  std::string RandomName(std::string* surname = nullptr) {
    const Name& family = rng_.Pick(vocab_.surnames);
    if (surname != nullptr) *surname = family.hangul;
    return family.hangul + rng_.Pick(vocab_.given_names).hangul;
  }

  Person MakePerson(const Title& title) {
    std::string surname;
    const std::string name = RandomName(&surname);
    return Person{name + " " + Render(title.full), surname + " " + title.short_title};
  }

  void Fill(Slot slot, std::string& out) override;

  const Vocabulary& vocab_;
  const CalendarDay day_;
  Rng& rng_;

  // What the article is about; set by the writer of each article kind.
  const SectionVocab* content_ = nullptr;  // fills {topic2}, {org}, {metric}
  const std::vector<Template>* quotes_ = nullptr;
  std::string subject_, topic_, act_, place_, tail_;
  bool open_act_ = true;  // the act is one you set out to do (추진), not one that ends (완료)
  Person official_, expert_;
  std::string opponent_, opponent2_, score_, venue_, league_, player_, player2_;
  std::int64_t crowd_min_ = 300, crowd_max_ = 2200;  // in tens of spectators

 private:
  void Mention(Person& person, std::string& out) {
    out.append(person.named ? person.short_form : person.full);
    person.named = true;
  }

  void AppendPercent(std::int64_t tenths, std::string& out) {
    out.append(std::to_string(tenths / 10));
    out.push_back('.');
    out.append(std::to_string(tenths % 10));
    out.push_back('%');
  }

  void AppendMoney(std::string& out);
  void AppendDate(Slot slot, std::string& out);

  // Which templates of each pool the article has used: one bit per template.
  struct UsedMask {
    const std::vector<Template>* pool;
    std::uint64_t bits;
  };
  std::vector<UsedMask> used_;
  const Topic* metric_ = nullptr;
};

const Template& Writer::Fresh(const std::vector<Template>& pool) {
  SINMUN_CHECK(!pool.empty() && pool.size() <= 64);
  auto used = std::find_if(used_.begin(), used_.end(),
                           [&](const UsedMask& mask) { return mask.pool == &pool; });
  if (used == used_.end()) used = used_.insert(used_.end(), UsedMask{&pool, 0});
  const std::size_t unused = pool.size() - static_cast<std::size_t>(std::popcount(used->bits));
  if (unused == 0) used->bits = 0;  // all said once: start again rather than repeat one line
  std::uint64_t skip = rng_.Below(unused == 0 ? pool.size() : unused);
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    if ((used->bits & bit) != 0) continue;
    if (skip-- == 0) {
      used->bits |= bit;
      return pool[i];
    }
  }
  SINMUN_CHECK(false);
  return pool.front();
}

void Writer::AppendMoney(std::string& out) {
  const std::uint64_t tier = rng_.Below(10);
  if (tier < 2) {
    out.append(std::to_string(rng_.Between(1, 9))).append("천만 원");
  } else if (tier < 8) {
    out.append(std::to_string(rng_.Between(3, 99) * (tier < 5 ? 1 : 10))).append("억 원");
  } else {
    const std::int64_t hundred_millions = rng_.Between(100, 999) * 10;  // 1천억 … 9천990억
    out.append(std::to_string(hundred_millions / 1000)).append("천");
    if (hundred_millions % 1000 != 0) out.append(std::to_string(hundred_millions % 1000));
    out.append("억 원");
  }
}

// Slots that hold one text for the whole article.
struct FixedSlot {
  Slot slot;
  std::string Writer::*text;
};
constexpr FixedSlot kFixedSlots[] = {
    {Slot::kSubject, &Writer::subject_},
    {Slot::kTopic, &Writer::topic_},
    {Slot::kAct, &Writer::act_},
    {Slot::kPlace, &Writer::place_},
    {Slot::kTail, &Writer::tail_},
    {Slot::kOpponent, &Writer::opponent_},
    {Slot::kOpponent2, &Writer::opponent2_},
    {Slot::kScore, &Writer::score_},
    {Slot::kVenue, &Writer::venue_},
    {Slot::kLeague, &Writer::league_},
    {Slot::kPlayer, &Writer::player_},
    {Slot::kPlayer2, &Writer::player2_},
};

// Slots that are a plain number in a range, both ends included.
struct NumberSlot {
  Slot slot;
  std::int64_t low;
  std::int64_t high;
};
constexpr NumberSlot kNumberSlots[] = {
    {Slot::kNumber, 2, 30},
    {Slot::kSmall, 1, 9},
    {Slot::kPoints, 12, 32},
    {Slot::kMinute, 1, 45},  // Korean reports count each half: "후반 12분"
};

void Writer::Fill(Slot slot, std::string& out) {
  for (const FixedSlot& fixed : kFixedSlots) {
    if (fixed.slot == slot) {
      out.append(this->*fixed.text);
      return;
    }
  }
  for (const NumberSlot& number : kNumberSlots) {
    if (number.slot == slot) {
      out.append(std::to_string(rng_.Between(number.low, number.high)));
      return;
    }
  }
  switch (slot) {
    case Slot::kOfficial:
      return Mention(official_, out);
    case Slot::kExpert:
      return Mention(expert_, out);
    case Slot::kTopic2: {
      std::string other = Render(rng_.Pick(content_->topics).text);
      if (other == topic_) other = Render(rng_.Pick(content_->topics).text);
      out.append(other);
      return;
    }
    case Slot::kOrg:
      return rng_.Pick(content_->orgs).ExpandTo(*this, out);
    case Slot::kQuote:
      return Fresh(*quotes_).ExpandTo(*this, out);
    case Slot::kMetric:
      metric_ = &rng_.Pick(content_->metrics);
      return metric_->text.ExpandTo(*this, out);
    case Slot::kUpDown:
      out.append(metric_ ? rng_.Pick(metric_->verbs) : "증가");
      return;
    case Slot::kReason:
      return rng_.Pick(vocab_.reasons).ExpandTo(*this, out);
    case Slot::kEffect:
      return rng_.Pick(vocab_.effects).ExpandTo(*this, out);
    case Slot::kStance:
      return rng_.Pick(vocab_.opinion.stances).ExpandTo(*this, out);
    case Slot::kColumn:
      return rng_.Pick(vocab_.opinion.columns).ExpandTo(*this, out);
    case Slot::kJournal:
      return rng_.Pick(vocab_.journals).ExpandTo(*this, out);
    case Slot::kPercent:
      return AppendPercent(rng_.Between(5, 399), out);
    case Slot::kShare:
      return AppendPercent(rng_.Between(400, 899), out);
    case Slot::kRate: {
      static constexpr const char* kRates[] = {"2.50%", "2.75%", "3.00%", "3.25%", "3.50%"};
      out.append(kRates[rng_.Below(5)]);
      return;
    }
    case Slot::kBigNumber:
      out.append(FormatThousands(rng_.Between(1000, 99999)));
      return;
    case Slot::kCrowd:
      out.append(FormatThousands(rng_.Between(crowd_min_, crowd_max_) * 10));
      return;
    case Slot::kRespondents:
      out.append(FormatThousands(rng_.Between(3, 30) * 100));
      return;
    case Slot::kMoney:
      return AppendMoney(out);
    case Slot::kPhone: {
      // One draw a statement (rng.hpp).
      const std::int64_t exchange = rng_.Between(200, 899);
      out.append(fmt::format("042-{}-{}", exchange, rng_.Between(1000, 9999)));
      return;
    }
    case Slot::kName:
      out.append(RandomName());
      return;
    default:
      return AppendDate(slot, out);
  }
}

// Dates relative to the article's day, as a paper writes them: "15일", "지난 12일",
// "오는 22일", "지난 3월".
void Writer::AppendDate(Slot slot, std::string& out) {
  const CalendarDay& d = day_;
  switch (slot) {
    case Slot::kYear:
      out.append(std::to_string(d.year + rng_.Between(1, 5)));
      return;
    case Slot::kThisYear:
      out.append(std::to_string(d.year));
      return;
    case Slot::kToday:
      out.append(fmt::format("{}일", d.day));
      return;
    case Slot::kPastDay:
      out.append(d.day > 1 ? fmt::format("지난 {}일", rng_.Between(1, d.day - 1))
                           : fmt::format("지난달 {}일", rng_.Between(20, 28)));
      return;
    case Slot::kFutureDay:
      out.append(d.day < d.days_in_month
                     ? fmt::format("오는 {}일", rng_.Between(d.day + 1, d.days_in_month))
                     : fmt::format("다음 달 {}일", rng_.Between(1, 10)));
      return;
    case Slot::kPastMonth:
      out.append(d.month > 1 ? fmt::format("지난 {}월", rng_.Between(1, d.month - 1))
                             : fmt::format("지난해 {}월", rng_.Between(6, 12)));
      return;
    default:
      SINMUN_CHECK(false);  // every slot is handled in Fill or here
  }
}

// 5 to 15, most often around 10.
int NewsParagraphCount(Rng& rng) {
  const int first = static_cast<int>(rng.Below(6));  // one draw a statement (rng.hpp)
  return kMinParagraphs + first + static_cast<int>(rng.Below(6));
}

// One to three sentences joined by spaces.
void AppendSentences(Writer& w, const std::vector<Template>& pool, int count, std::string& out) {
  for (int i = 0; i < count; ++i) {
    if (i > 0) out.push_back(' ');
    w.Fresh(pool).ExpandTo(w, out);
  }
}

void EndParagraph(std::string& body) { body.append("\n\n"); }

std::vector<std::string> Subheadlines(Writer& w, const std::vector<Template>& pool, int count,
                                      const std::string& headline) {
  std::vector<std::string> subheadlines;
  for (int attempt = 0; attempt < 8 && static_cast<int>(subheadlines.size()) < count; ++attempt) {
    std::string line = w.Render(w.Fresh(pool));
    const bool repeats =
        headline.find(line) != std::string::npos ||
        std::find(subheadlines.begin(), subheadlines.end(), line) != subheadlines.end();
    if (!repeats) subheadlines.push_back(std::move(line));
  }
  return subheadlines;
}

int SubheadlineCount(Rng& rng) {
  const std::uint64_t roll = rng.Below(10);
  if (roll < 3) return 0;
  if (roll < 5) return 1;
  if (roll < 8) return 2;
  return 3;
}

// Acts that finish something: "의결에 나선다" or "완료 나선다" would be wrong Korean, so the
// open-ended templates are kept for the other acts.
bool IsOpenAct(std::string_view act) {
  static constexpr std::string_view kFinishing[] = {"완료", "마무리", "확정", "의결", "처리",
                                                    "발표", "공개",   "결정", "초연", "파견"};
  return std::find(std::begin(kFinishing), std::end(kFinishing), act) == std::end(kFinishing);
}

void ChooseStory(Writer& w, const SectionVocab& section) {
  w.content_ = &section;
  w.quotes_ = &section.quotes;
  w.subject_ = w.Render(w.rng_.Pick(section.subjects));
  const Topic& topic = w.rng_.Pick(section.topics);
  w.topic_ = w.Render(topic.text);
  w.act_ = w.rng_.Pick(topic.verbs);
  w.open_act_ = IsOpenAct(w.act_);
  w.place_ = w.Render(w.rng_.Pick(w.vocab_.places));
  w.official_ = w.MakePerson(w.rng_.Pick(section.officials));
  w.expert_ = w.MakePerson(w.rng_.Pick(section.experts));
  w.tail_ = w.Render(w.rng_.Pick(section.tails));
}

// How many sentences a fact paragraph has: mostly one or two.
int FactSentences(Rng& rng) {
  const std::uint64_t roll = rng.Below(10);
  return roll < 4 ? 1 : (roll < 9 ? 2 : 3);
}

// Middle paragraphs: facts from the section's own lines and the shared ones, a few quotes,
// and for some articles one Markdown block quote.
std::string NewsBody(Writer& w, const SectionVocab& section, const SentencePools& pools) {
  constexpr int kMaxQuotes = 4;
  Rng& rng = w.rng_;
  const int paragraphs = NewsParagraphCount(rng);
  const int block_quote_at =
      rng.Percent(15) ? static_cast<int>(rng.Between(1, paragraphs - 2)) : -1;
  std::string body;
  body.reserve(2400);
  const bool open_lead = w.open_act_ && !pools.open_leads.empty() && rng.Percent(30);
  AppendSentences(w, open_lead ? pools.open_leads : pools.leads, 1, body);
  if (rng.Percent(70)) {
    body.push_back(' ');
    AppendSentences(w, pools.follows, 1, body);
  }
  EndParagraph(body);
  int quotes = 0;
  for (int p = 1; p < paragraphs - 1; ++p) {
    if (p == block_quote_at) {
      body.append("> \"");
      w.Fresh(*w.quotes_).ExpandTo(w, body);
      body.append("\"");
    } else if (quotes < kMaxQuotes && rng.Percent(22)) {
      ++quotes;
      AppendSentences(w, pools.quotes, 1, body);
      if (rng.Percent(40)) {
        body.push_back(' ');
        AppendSentences(w, pools.details, 1, body);
      }
    } else {
      const int sentences = FactSentences(rng);
      for (int s = 0; s < sentences; ++s) {
        if (s > 0) body.push_back(' ');
        const bool own = !section.details.empty() && rng.Percent(35);
        AppendSentences(w, own ? section.details : pools.details, 1, body);
      }
    }
    EndParagraph(body);
  }
  AppendSentences(w, pools.closings, 1, body);
  return body;
}

ArticleText WriteNews(Writer& w, const SectionVocab& section) {
  ChooseStory(w, section);
  const Vocabulary& vocab = w.vocab_;
  ArticleText text;
  const bool open_headline = w.open_act_ && w.rng_.Percent(15);
  text.headline = w.Render(w.Fresh(open_headline ? vocab.open_headlines : vocab.headlines));
  text.subheadlines = Subheadlines(w, vocab.subheadlines, SubheadlineCount(w.rng_), text.headline);
  text.body_markdown = NewsBody(w, section, vocab.news);
  return text;
}

void ChooseScore(Writer& w, Sport sport, bool win) {
  Rng& rng = w.rng_;
  std::int64_t winner = 0;
  std::int64_t loser = 0;
  switch (sport) {
    case Sport::kBaseball:
      winner = rng.Between(2, 12);
      loser = rng.Between(win ? 0 : 1, winner - 1);
      break;
    case Sport::kFootball:
      winner = rng.Between(win ? 1 : 2, 4);
      loser = rng.Between(win ? 0 : 1, winner - 1);
      break;
    case Sport::kVolleyball:
      winner = 3;
      loser = rng.Between(0, 2);
      break;
    case Sport::kBasketball:
      winner = rng.Between(60, 90);
      loser = rng.Between(winner - 15, winner - 1);
      break;
  }
  const std::int64_t own = win ? winner : loser;
  const std::int64_t other = win ? loser : winner;
  w.score_ = std::to_string(own) + "-" + std::to_string(other);
}

// A match report of one of the region's teams; 5 to 7 paragraphs.
ArticleText WriteGame(Writer& w, const SectionVocab& section) {
  Rng& rng = w.rng_;
  const GameVocab& games = w.vocab_.games;
  const Team& team = rng.Pick(games.teams);
  const bool win = rng.Percent(62);
  w.content_ = &section;
  w.quotes_ = win ? &games.win_quotes : &games.loss_quotes;
  w.subject_ = team.name;
  w.venue_ = team.venue;
  w.league_ = team.league;
  w.opponent_ = rng.Pick(team.opponents);
  do {
    w.opponent2_ = rng.Pick(team.opponents);
  } while (w.opponent2_ == w.opponent_);
  w.player_ = w.RandomName();
  w.player2_ = w.RandomName();
  std::string coach_surname;
  const std::string coach = w.RandomName(&coach_surname);
  w.official_ = Person{coach + " 감독", coach_surname + " 감독"};
  w.place_ = w.Render(rng.Pick(w.vocab_.places));
  ChooseScore(w, team.sport, win);
  const bool indoor = team.sport == Sport::kVolleyball || team.sport == Sport::kBasketball;
  w.crowd_min_ = indoor ? 150 : 500;
  w.crowd_max_ = indoor ? 450 : 1900;

  const SentencePools& pools = win ? games.win : games.loss;
  const std::vector<Template>& sport_lines =
      (win ? games.sport_win : games.sport_loss)[static_cast<int>(team.sport)];
  ArticleText text;
  text.headline = w.Render(w.Fresh(win ? games.win_headlines : games.loss_headlines));
  text.subheadlines =
      Subheadlines(w, games.subheadlines, static_cast<int>(rng.Below(3)), text.headline);

  const int paragraphs = kMinParagraphs + static_cast<int>(rng.Below(3));
  std::string& body = text.body_markdown;
  AppendSentences(w, pools.leads, 1, body);
  body.push_back(' ');
  AppendSentences(w, pools.follows, 1, body);
  EndParagraph(body);
  AppendSentences(w, sport_lines, 1 + static_cast<int>(rng.Below(2)), body);
  EndParagraph(body);
  for (int p = 2; p < paragraphs - 1; ++p) {
    const std::uint64_t kind = rng.Below(3);
    const std::vector<Template>& pool =
        kind == 0 ? pools.quotes : (kind == 1 ? sport_lines : pools.details);
    AppendSentences(w, pool, 1, body);
    EndParagraph(body);
  }
  AppendSentences(w, pools.closings, 1, body);
  return text;
}

// An editorial or column about a topic of another desk.
ArticleText WriteOpinion(Writer& w) {
  Rng& rng = w.rng_;
  const Vocabulary& vocab = w.vocab_;
  const SectionVocab* borrowed = nullptr;
  do {
    borrowed = &rng.Pick(vocab.sections);
  } while (borrowed->kind != SectionKind::kNews);
  ChooseStory(w, *borrowed);

  const OpinionVocab& opinion = vocab.opinion;
  const SentencePools& pools = opinion.sentences;
  ArticleText text;
  text.headline = w.Render(w.Fresh(opinion.headlines));

  const int longer = static_cast<int>(rng.Below(5));  // one draw a statement (rng.hpp)
  const int paragraphs = kMinParagraphs + longer + static_cast<int>(rng.Below(3));
  const int emoji_at = rng.Percent(5) ? static_cast<int>(rng.Between(1, paragraphs - 2)) : -1;
  std::string& body = text.body_markdown;
  AppendSentences(w, pools.leads, 1, body);
  body.push_back(' ');
  AppendSentences(w, pools.follows, 1, body);
  EndParagraph(body);
  for (int p = 1; p < paragraphs - 1; ++p) {
    if (p == emoji_at) {
      opinion.emoji_line.ExpandTo(w, body);
    } else if (rng.Percent(20)) {
      AppendSentences(w, pools.quotes, 1, body);
    } else {
      AppendSentences(w, pools.details, 1 + static_cast<int>(rng.Below(2)), body);
    }
    EndParagraph(body);
  }
  AppendSentences(w, pools.closings, 1, body);
  return text;
}

}  // namespace

CalendarDay KstCalendarDay(Timestamp utc) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_seconds{seconds{utc + kKstOffsetSeconds}});
  const year_month_day ymd{day};
  const year_month_day_last last{ymd.year(), month_day_last{ymd.month()}};
  return CalendarDay{static_cast<int>(ymd.year()), static_cast<int>(unsigned{ymd.month()}),
                     static_cast<int>(unsigned{ymd.day()}), static_cast<int>(unsigned{last.day()})};
}

ArticleText WriteArticle(std::size_t section_index, const CalendarDay& day, Rng& rng) {
  const Vocabulary& vocab = GetVocabulary();
  SINMUN_CHECK(section_index < vocab.sections.size());
  const SectionVocab& section = vocab.sections[section_index];
  Writer writer(vocab, day, rng);
  switch (section.kind) {
    case SectionKind::kOpinion:
      return WriteOpinion(writer);
    case SectionKind::kSports:
      return rng.Percent(60) ? WriteGame(writer, section) : WriteNews(writer, section);
    case SectionKind::kNews:
      break;
  }
  return WriteNews(writer, section);
}

}  // namespace sinmun::app::demo
