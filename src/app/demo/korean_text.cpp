#include "app/demo/korean_text.hpp"

#include <array>
#include <utility>

#include "core/check.hpp"

namespace sinmun::app::demo {
namespace {

struct SlotName {
  std::string_view name;
  Slot slot;
};

constexpr std::array kSlotNames = {
    SlotName{"subj", Slot::kSubject},
    SlotName{"topic", Slot::kTopic},
    SlotName{"act", Slot::kAct},
    SlotName{"place", Slot::kPlace},
    SlotName{"official", Slot::kOfficial},
    SlotName{"expert", Slot::kExpert},
    SlotName{"tail", Slot::kTail},
    SlotName{"opp", Slot::kOpponent},
    SlotName{"opp2", Slot::kOpponent2},
    SlotName{"score", Slot::kScore},
    SlotName{"venue", Slot::kVenue},
    SlotName{"league", Slot::kLeague},
    SlotName{"player", Slot::kPlayer},
    SlotName{"player2", Slot::kPlayer2},
    SlotName{"topic2", Slot::kTopic2},
    SlotName{"org", Slot::kOrg},
    SlotName{"quote", Slot::kQuote},
    SlotName{"metric", Slot::kMetric},
    SlotName{"updown", Slot::kUpDown},
    SlotName{"reason", Slot::kReason},
    SlotName{"effect", Slot::kEffect},
    SlotName{"stance", Slot::kStance},
    SlotName{"column", Slot::kColumn},
    SlotName{"journal", Slot::kJournal},
    SlotName{"pct", Slot::kPercent},
    SlotName{"share", Slot::kShare},
    SlotName{"rate", Slot::kRate},
    SlotName{"num", Slot::kNumber},
    SlotName{"small", Slot::kSmall},
    SlotName{"pts", Slot::kPoints},
    SlotName{"minute", Slot::kMinute},
    SlotName{"bignum", Slot::kBigNumber},
    SlotName{"crowd", Slot::kCrowd},
    SlotName{"respondents", Slot::kRespondents},
    SlotName{"money", Slot::kMoney},
    SlotName{"phone", Slot::kPhone},
    SlotName{"name", Slot::kName},
    SlotName{"year", Slot::kYear},
    SlotName{"thisyear", Slot::kThisYear},
    SlotName{"today", Slot::kToday},
    SlotName{"pastday", Slot::kPastDay},
    SlotName{"fday", Slot::kFutureDay},
    SlotName{"pastmonth", Slot::kPastMonth},
};

struct ParticleForms {
  std::string_view name;  // the form after a consonant, as written in templates
  Particle particle;
  std::string_view after_vowel;
  bool rieul_takes_vowel_form;  // 으로 → 로 after ㄹ as after a vowel
};

constexpr std::array kParticles = {
    ParticleForms{"은", Particle::kEun, "는", false},
    ParticleForms{"이", Particle::kI, "가", false},
    ParticleForms{"을", Particle::kEul, "를", false},
    ParticleForms{"과", Particle::kGwa, "와", false},
    ParticleForms{"으로", Particle::kEuro, "로", true},
    ParticleForms{"이라고", Particle::kIrago, "라고", false},
    ParticleForms{"이라며", Particle::kIramyeo, "라며", false},
    ParticleForms{"이라는", Particle::kIraneun, "라는", false},
    ParticleForms{"이다", Particle::kIda, "다", false},
};

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Decodes the code point that ends at `end` (exclusive) and moves `end` to its first byte.
char32_t PreviousCodePoint(std::string_view text, size_t& end) {
  size_t start = end - 1;
  while (start > 0 && IsContinuation(static_cast<unsigned char>(text[start]))) --start;
  const auto lead = static_cast<unsigned char>(text[start]);
  char32_t cp = 0;
  size_t extra = 0;
  if (lead < 0x80) {
    cp = lead;
  } else if ((lead & 0xE0) == 0xC0) {
    cp = lead & 0x1F;
    extra = 1;
  } else if ((lead & 0xF0) == 0xE0) {
    cp = lead & 0x0F;
    extra = 2;
  } else {
    cp = lead & 0x07;
    extra = 3;
  }
  for (size_t i = 1; i <= extra && start + i < end; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[start + i]) & 0x3F);
  }
  end = start;
  return cp;
}

// Characters after which a particle looks further back: closing quotes and brackets,
// sentence punctuation, spaces.
bool IsSkipped(char32_t cp) {
  switch (cp) {
    case U' ':
    case U'.':
    case U',':
    case U'!':
    case U'?':
    case U'"':
    case U'\'':
    case U'>':
    case U']':
    case U'\u2026':
    case U'\u201D':
    case U'\u2019':
    case U'\u300B':
    case U'\u3009':
    case U'\u300D':
    case U'\u300F':
      return true;
    default:
      return false;
  }
}

FinalSound DigitSound(char32_t digit) {
  switch (digit) {
    case U'1':
    case U'7':
    case U'8':  // 일, 칠, 팔
      return FinalSound::kRieul;
    case U'0':
    case U'3':
    case U'6':  // 영/십/백/천, 삼, 육
      return FinalSound::kConsonant;
    default:  // 이, 사, 오, 구
      return FinalSound::kVowel;
  }
}

FinalSound LatinSound(char32_t letter) {
  if (letter >= U'a' && letter <= U'z') letter = letter - U'a' + U'A';
  switch (letter) {
    case U'L':
    case U'R':  // 엘, 알
      return FinalSound::kRieul;
    case U'M':
    case U'N':  // 엠, 엔
      return FinalSound::kConsonant;
    default:
      return FinalSound::kVowel;
  }
}

}  // namespace

FinalSound LastFinalSound(std::string_view text) {
  size_t end = text.size();
  int paren_depth = 0;
  while (end > 0) {
    const char32_t cp = PreviousCodePoint(text, end);
    if (cp == U')') {
      ++paren_depth;
      continue;
    }
    if (paren_depth > 0) {
      if (cp == U'(') --paren_depth;
      continue;
    }
    if (IsSkipped(cp)) continue;
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
      const char32_t final_index = (cp - 0xAC00) % 28;
      if (final_index == 0) return FinalSound::kVowel;
      return final_index == 8 ? FinalSound::kRieul : FinalSound::kConsonant;
    }
    if (cp >= U'0' && cp <= U'9') return DigitSound(cp);
    if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z')) return LatinSound(cp);
    return FinalSound::kVowel;  // %, emoji and the rest are read with a vowel ending
  }
  return FinalSound::kVowel;
}

void AppendParticle(Particle particle, std::string& out) {
  for (const ParticleForms& forms : kParticles) {
    if (forms.particle != particle) continue;
    const FinalSound sound = LastFinalSound(out);
    const bool vowel_form = sound == FinalSound::kVowel ||
                            (sound == FinalSound::kRieul && forms.rieul_takes_vowel_form);
    out.append(vowel_form ? forms.after_vowel : forms.name);
    return;
  }
  SINMUN_CHECK(false);
}

Template Template::Compile(std::string_view source) {
  Template compiled;
  size_t pos = 0;
  while (pos < source.size()) {
    const size_t open = source.find('{', pos);
    if (open != pos) {
      const size_t text_end = open == std::string_view::npos ? source.size() : open;
      compiled.tokens_.push_back(
          Token{Kind::kText, Slot{}, Particle{}, std::string(source.substr(pos, text_end - pos))});
      pos = text_end;
      continue;
    }
    const size_t close = source.find('}', open);
    SINMUN_CHECK(close != std::string_view::npos);
    const std::string_view name = source.substr(open + 1, close - open - 1);
    bool known = false;
    for (const SlotName& slot : kSlotNames) {
      if (slot.name != name) continue;
      compiled.tokens_.push_back(Token{Kind::kSlot, slot.slot, Particle{}, {}});
      known = true;
    }
    for (const ParticleForms& forms : kParticles) {
      if (forms.name != name) continue;
      compiled.tokens_.push_back(Token{Kind::kParticle, Slot{}, forms.particle, {}});
      known = true;
    }
    SINMUN_CHECK(known);
    pos = close + 1;
  }
  return compiled;
}

void Template::ExpandTo(SlotFiller& filler, std::string& out) const {
  for (const Token& token : tokens_) {
    switch (token.kind) {
      case Kind::kText:
        out.append(token.text);
        break;
      case Kind::kSlot:
        filler.Fill(token.slot, out);
        break;
      case Kind::kParticle:
        AppendParticle(token.particle, out);
        break;
    }
  }
}

std::vector<Template> CompileAll(std::initializer_list<const char*> sources) {
  std::vector<Template> compiled;
  compiled.reserve(sources.size());
  for (const char* source : sources) compiled.push_back(Template::Compile(source));
  return compiled;
}

std::string FormatThousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  if (value < 0) out.push_back('-');
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace sinmun::app::demo
