#pragma once
// The word lists of the demo paper: its sections, the staff's names, and per section the
// subjects, topics, quotes and sentences a regional (대전·충청) daily writes about.
// Built once on first use; immutable after that, so it may be read from any thread.

#include <array>
#include <string>
#include <vector>

#include "app/demo/korean_text.hpp"

namespace sinmun::app::demo {

// A noun phrase with the 하다 verb nouns that fit it: "내년도 예산안" with 심사, 의결, 처리.
// Used for topics (acts: what a subject does to it) and metrics (moves: 증가, 하락…).
struct Topic {
  Template text;
  std::vector<std::string> verbs;
};

// A title as it follows a name: "대전시 기획조정실장" (a template: "{subj} 관광과장"), and the
// short title used after the first mention: "실장".
struct Title {
  Template full;
  std::string short_title;
};

// One sentence family of a body; which pool a sentence comes from decides its place.
struct SentencePools {
  std::vector<Template> leads;       // the first sentence, about {subj}, {topic}, {act}
  std::vector<Template> open_leads;  // more leads for an act one sets out to do: 추진, 확대
  std::vector<Template> follows;     // a second sentence for the lead paragraph
  std::vector<Template> details;     // facts, numbers, background
  std::vector<Template> quotes;      // someone says {quote}
  std::vector<Template> closings;    // the last paragraph
};

enum class SectionKind { kNews, kSports, kOpinion };

struct SectionVocab {
  std::string slug;  // English, lowercase: "science-it"
  std::string name;  // 과학·IT
  std::string desk;  // the reporters' desk for bios: 과학IT부
  std::string beat;  // what its reporters cover, for bios
  SectionKind kind = SectionKind::kNews;
  int weight = 1;          // share of the articles
  int reporter_count = 4;  // reporters on its desk

  std::vector<Template> subjects;
  std::vector<Topic> topics;
  std::vector<Template> tails;
  std::vector<Template> quotes;
  std::vector<Template> orgs;
  std::vector<Title> officials;
  std::vector<Title> experts;
  std::vector<Topic> metrics;
  std::vector<Template> details;  // section-only body sentences, mixed with the shared ones
};

enum class Sport { kBaseball, kFootball, kVolleyball, kBasketball };

struct Team {
  std::string name;
  Sport sport;
  std::string venue;
  std::string league;
  std::vector<std::string> opponents;
};

// A match report: pools for a win or a loss, and per sport the lines only it has.
struct GameVocab {
  std::vector<Team> teams;
  std::vector<Template> win_headlines;
  std::vector<Template> loss_headlines;
  std::vector<Template> subheadlines;
  SentencePools win;
  SentencePools loss;
  std::vector<Template> win_quotes;
  std::vector<Template> loss_quotes;
  std::array<std::vector<Template>, 4> sport_win;   // by Sport
  std::array<std::vector<Template>, 4> sport_loss;  // by Sport
};

struct OpinionVocab {
  std::vector<Template> headlines;
  SentencePools sentences;
  std::vector<Template> stances;
  std::vector<Template> columns;
  Template emoji_line;  // rare, so that 4-byte UTF-8 is exercised
};

struct Name {
  std::string hangul;
  std::string roman;
};

struct Vocabulary {
  std::vector<SectionVocab> sections;  // in display order
  std::vector<Name> surnames;          // weighted by repetition: 김 and 이 come often
  std::vector<Name> given_names;
  std::vector<Template> places;
  std::vector<Template> reasons;
  std::vector<Template> effects;
  std::vector<Template> journals;

  // News articles of every section but sports games and opinion.
  std::vector<Template> headlines;
  std::vector<Template> open_headlines;  // only for an act one sets out to do ("… 나선다")
  std::vector<Template> subheadlines;
  SentencePools news;

  GameVocab games;
  OpinionVocab opinion;
};

const Vocabulary& GetVocabulary();

}  // namespace sinmun::app::demo
