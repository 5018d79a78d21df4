#include "app/demo/demo_paper.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "app/demo/article_writer.hpp"
#include "app/demo/rng.hpp"
#include "app/demo/vocabulary.hpp"

namespace sinmun::app::demo {
namespace {

constexpr std::int64_t kArticlesPerDay = 50;
constexpr std::size_t kBatchSize = 1000;
constexpr Timestamp kDay = 86400;

// Independent random streams, so that changing one part (say, the staff) does not change
// another (the articles).
constexpr std::uint64_t kStaffStream = 1;
constexpr std::uint64_t kDayStream = 2;
constexpr std::uint64_t kArticleStream = 3;
constexpr std::uint64_t kPhotoStream = 4;
constexpr int kPhotoPercent = 70;
constexpr std::uint64_t kVideoStream = 5;
constexpr int kVideoPercent = 4;
constexpr std::uint64_t kGalleryStream = 6;
constexpr int kGalleryPercent = 3;  // 포토뉴스: a gallery of up to 6 of the paper's pictures
constexpr std::uint64_t kBodyPhotoStream = 7;
constexpr int kBodyPhotoPercent = 10;  // of the articles with a lead photo, no gallery
// The demo's videos, in the stored form (render/video_link.hpp). The ids only have the right
// shape: the paper is offline and the page asks nothing of the host before a click, so a
// click on a demo video shows the host's own "unavailable" page.
constexpr const char* kDemoVideos[] = {"youtube:sinmunDemo1", "youtube:sinmunDemo2",
                                       "youtube:sinmunDemo3", "navertv:1000001"};

// Relative chance (out of 10) that an article appears in each KST hour: a newsroom publishes
// from early morning into the evening, rarely at night.
constexpr int kHourWeight[24] = {1, 1, 1,  1,  1, 2, 4, 6, 8, 9, 10, 10,
                                 8, 9, 10, 10, 9, 8, 6, 5, 4, 3, 2,  1};

int KstHour(Timestamp utc) {
  const Timestamp seconds_of_day = ((utc + kKstOffsetSeconds) % kDay + kDay) % kDay;
  return static_cast<int>(seconds_of_day / 3600);
}

// `count` registration times in [day_start, day_start + 1 day), oldest first.
std::vector<Timestamp> RegistrationTimes(Rng& rng, Timestamp day_start, std::int64_t count) {
  std::vector<Timestamp> times;
  times.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    Timestamp t = 0;
    do {
      t = day_start + static_cast<Timestamp>(rng.Below(kDay));
    } while (static_cast<int>(rng.Below(10)) >= kHourWeight[KstHour(t)]);
    times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  return times;
}

std::size_t PickSection(Rng& rng, const std::vector<SectionVocab>& sections, int total_weight) {
  std::int64_t roll =
      static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(total_weight)));
  for (std::size_t i = 0; i < sections.size(); ++i) {
    roll -= sections[i].weight;
    if (roll < 0) return i;
  }
  return sections.size() - 1;
}

// A starting view count: Zipf-like popularity (P(popularity >= x) is about 1/x, so a few
// articles get very many views) times a boost for recent articles, so that the most-viewed
// box has a clear top.
std::int64_t StartingViews(Rng& rng, Timestamp registered_at, Timestamp now) {
  const std::int64_t popularity = 2000 / (1 + static_cast<std::int64_t>(rng.Below(2000)));
  const std::int64_t base = 20 + static_cast<std::int64_t>(rng.Below(100));
  const Timestamp age = now - registered_at;
  const std::int64_t recency_percent = age < kDay        ? 300
                                       : age < 3 * kDay  ? 200
                                       : age < 7 * kDay  ? 150
                                       : age < 30 * kDay ? 110
                                                         : 100;
  return (base + base * (popularity - 1) / 2) * recency_percent / 100;
}

// A few recommends: roughly one per 40 to 200 views, and now and then one or two more.
// One draw a statement (rng.hpp).
std::int64_t Recommends(Rng& rng, std::int64_t views) {
  const std::int64_t per_view = views / (40 + static_cast<std::int64_t>(rng.Below(160)));
  const std::int64_t extra = rng.Percent(30) ? static_cast<std::int64_t>(rng.Below(3)) : 0;
  return per_view + extra;
}

// An edit after publication for about one article in five: minutes to hours later, rarely
// days, and always before `now`.
std::optional<Timestamp> ModifiedAt(Rng& rng, Timestamp registered_at, Timestamp now) {
  if (!rng.Percent(20)) return std::nullopt;
  const Timestamp cap = rng.Percent(85) ? 3 * 3600 : 2 * kDay;
  const Timestamp latest = std::min(cap, now - registered_at - 1);
  if (latest < 300) return std::nullopt;
  return registered_at + rng.Between(300, latest);
}

Result<std::vector<store::SectionId>> InsertSections(store::Store& store, const Vocabulary& vocab) {
  std::vector<store::SectionId> ids;
  for (std::size_t i = 0; i < vocab.sections.size(); ++i) {
    const SectionVocab& section = vocab.sections[i];
    auto id =
        store.InsertSection(store::NewSection{section.slug, section.name, static_cast<int>(i) + 1});
    if (!id) return tl::unexpected(id.error());
    ids.push_back(*id);
  }
  return ids;
}

// The staff: reporter_count reporters per desk with distinct names and e-mail addresses
// ("minjun.kim@hanbat.example"). Returns the reporter ids of each section's desk.
Result<std::vector<std::vector<store::ReporterId>>> InsertStaff(store::Store& store,
                                                                const Vocabulary& vocab,
                                                                std::uint64_t seed) {
  Rng rng(StreamSeed(seed, kStaffStream, 0));
  std::set<std::string> emails;
  std::vector<std::vector<store::ReporterId>> desks(vocab.sections.size());
  for (std::size_t s = 0; s < vocab.sections.size(); ++s) {
    const SectionVocab& section = vocab.sections[s];
    for (int r = 0; r < section.reporter_count; ++r) {
      store::NewReporter reporter;
      do {
        const Name& surname = rng.Pick(vocab.surnames);
        const Name& given = rng.Pick(vocab.given_names);
        reporter.name = surname.hangul + given.hangul;
        reporter.email = given.roman + "." + surname.roman + "@hanbat.example";
      } while (!emails.insert(reporter.email).second);
      reporter.bio = section.kind == SectionKind::kOpinion
                         ? "논설위원. " + section.beat
                         : section.desk + " 기자. " + section.beat;
      auto id = store.InsertReporter(reporter);
      if (!id) return tl::unexpected(id.error());
      desks[s].push_back(*id);
    }
  }
  return desks;
}

// Bylines: one reporter of the desk, a second one of the same desk for about one news
// article in eight.
std::vector<store::ReporterId> Bylines(Rng& rng, const std::vector<store::ReporterId>& desk,
                                       bool allow_second) {
  std::vector<store::ReporterId> bylines = {rng.Pick(desk)};
  if (allow_second && desk.size() > 1 && rng.Percent(12)) {
    store::ReporterId second = bylines.front();
    while (second == bylines.front()) second = rng.Pick(desk);
    bylines.push_back(second);
  }
  return bylines;
}

// One of the section's photos for about kPhotoPercent of the articles, from the article's own
// random stream, so that the text stays what it was without photos.
std::optional<store::NewArticlePhoto> LeadPhotoFor(std::uint64_t seed, std::int64_t article,
                                                   const std::vector<store::PhotoId>& photos,
                                                   const std::string& headline) {
  if (photos.empty()) return std::nullopt;
  Rng rng(StreamSeed(seed, kPhotoStream, static_cast<std::uint64_t>(article)));
  if (!rng.Percent(kPhotoPercent)) return std::nullopt;
  return store::NewArticlePhoto{
      .photo_id = rng.Pick(photos),
      .caption = headline + " 관련 그래픽",
      .credit = rng.Percent(50) ? "그래픽=한밭일보 디자인팀" : "ⓒ 한밭일보 그래픽"};
}

// A video for about kVideoPercent of the articles, from the article's own random stream.
std::string DemoVideoFor(std::uint64_t seed, std::int64_t article) {
  Rng rng(StreamSeed(seed, kVideoStream, static_cast<std::uint64_t>(article)));
  if (!rng.Percent(kVideoPercent)) return "";
  return kDemoVideos[rng.Below(std::size(kDemoVideos))];
}

// Makes about kGalleryPercent of the articles 포토뉴스, from the article's own random stream:
// a lead photo of the article's own section, then the next 3 to 5 of the paper's pictures (a
// small paper has one a section), taken in turn and never one twice, each with a numbered
// caption.
void MakeDemoGallery(std::uint64_t seed, std::int64_t index,
                     const std::vector<store::PhotoId>& section_photos,
                     const std::vector<store::PhotoId>& all_photos, store::NewArticle& article) {
  if (section_photos.empty() || all_photos.size() < 2) return;
  Rng rng(StreamSeed(seed, kGalleryStream, static_cast<std::uint64_t>(index)));
  if (!rng.Percent(kGalleryPercent)) return;
  const store::PhotoId lead = rng.Pick(section_photos);
  const std::size_t first = static_cast<std::size_t>(
      std::find(all_photos.begin(), all_photos.end(), lead) - all_photos.begin());
  const std::size_t more = std::min<std::size_t>(all_photos.size() - 1, 3 + rng.Below(3));
  const char* credit = rng.Percent(50) ? "ⓒ 한밭일보 사진부" : "사진=대전시 제공";
  article.gallery = true;
  article.photo = store::NewArticlePhoto{
      .photo_id = lead, .caption = article.headline + " (1)", .credit = credit};
  for (std::size_t i = 1; i <= more; ++i) {
    article.photos.push_back(
        store::PhotoPlacement{.photo_id = all_photos[(first + i) % all_photos.size()],
                              .caption = article.headline + " (" + std::to_string(i + 1) + ")",
                              .credit = credit});
  }
}

// Places one or two more of the paper's pictures in the body of about kBodyPhotoPercent of the
// articles that have a lead photo and are no gallery, as an editor does: a "[사진 N]" marker
// line between paragraphs (render/article_view.cpp). The first marker follows the fourth
// paragraph, so that the lists' snippet (the body's first 150 characters) is all text; a body
// too short for a marker keeps none.
void AddDemoBodyPhotos(std::uint64_t seed, std::int64_t index,
                       const std::vector<store::PhotoId>& all_photos, store::NewArticle& article) {
  if (!article.photo || article.gallery || all_photos.size() < 2) return;
  Rng rng(StreamSeed(seed, kBodyPhotoStream, static_cast<std::uint64_t>(index)));
  if (!rng.Percent(kBodyPhotoPercent)) return;
  constexpr std::size_t kAfterParagraph[] = {4, 7};
  const std::size_t wanted = 1 + rng.Below(2);
  const std::size_t lead = static_cast<std::size_t>(
      std::find(all_photos.begin(), all_photos.end(), article.photo->photo_id) -
      all_photos.begin());
  std::string& body = article.body_markdown;
  std::size_t paragraph = 0;
  std::size_t at = 0;
  while (article.photos.size() < wanted) {
    const std::size_t gap = body.find("\n\n", at);
    if (gap == std::string::npos) break;
    at = gap + 2;
    if (++paragraph != kAfterParagraph[article.photos.size()]) continue;
    const std::size_t number = article.photos.size() + 2;  // the lead photo is 사진 1
    article.photos.push_back(store::PhotoPlacement{
        .photo_id = all_photos[(lead + number - 1) % all_photos.size()],
        .caption = article.headline + " 관련 사진 " + std::to_string(number),
        .credit = rng.Percent(50) ? "ⓒ 한밭일보 사진부" : "사진=대전시 제공"});
    const std::string marker = "[사진 " + std::to_string(number) + "]\n\n";
    body.insert(at, marker);
    at += marker.size();
  }
}

}  // namespace

Result<DemoSummary> FillDemoPaper(store::Store& store, const DemoOptions& options) {
  if (options.articles < 0) {
    return Fail(ErrorCode::kInvalidInput, "demo: the article count must be 0 or more");
  }
  auto existing = store.Sections();
  if (!existing) return tl::unexpected(existing.error());
  if (!existing->empty()) {
    return Fail(ErrorCode::kConflict,
                "demo: the store already has sections; the demo paper needs an empty store");
  }

  const Vocabulary& vocab = GetVocabulary();
  auto section_ids = InsertSections(store, vocab);
  if (!section_ids) return tl::unexpected(section_ids.error());
  auto desks = InsertStaff(store, vocab, options.seed);
  if (!desks) return tl::unexpected(desks.error());

  DemoSummary summary;
  summary.sections = static_cast<int>(section_ids->size());
  for (const auto& desk : *desks) summary.reporters += static_cast<int>(desk.size());

  int total_weight = 0;
  for (const SectionVocab& section : vocab.sections) total_weight += section.weight;

  const std::int64_t count = options.articles;
  const std::int64_t days = std::max<std::int64_t>(1, count / kArticlesPerDay);
  const Timestamp first_day_start = options.now - days * kDay;
  std::vector<store::PhotoId> all_photos;
  for (const std::vector<store::PhotoId>& photos : options.section_photos) {
    all_photos.insert(all_photos.end(), photos.begin(), photos.end());
  }
  std::vector<store::NewArticle> batch;
  batch.reserve(kBatchSize);
  auto flush = [&]() -> Result<> {
    if (batch.empty()) return {};
    auto ids = store.InsertArticles(batch);
    if (!ids) return tl::unexpected(ids.error());
    summary.articles += static_cast<std::int64_t>(batch.size());
    batch.clear();
    return {};
  };

  // Day d holds articles [d * count / days, (d + 1) * count / days): ids grow with time.
  for (std::int64_t d = 0; d < days; ++d) {
    const std::int64_t first = d * count / days;
    const std::int64_t end = (d + 1) * count / days;
    Rng day_rng(StreamSeed(options.seed, kDayStream, static_cast<std::uint64_t>(d)));
    const std::vector<Timestamp> times =
        RegistrationTimes(day_rng, first_day_start + d * kDay, end - first);
    for (std::int64_t i = first; i < end; ++i) {
      Rng rng(StreamSeed(options.seed, kArticleStream, static_cast<std::uint64_t>(i)));
      const Timestamp registered_at = times[static_cast<std::size_t>(i - first)];
      const std::size_t section = PickSection(rng, vocab.sections, total_weight);
      ArticleText text = WriteArticle(section, KstCalendarDay(registered_at), rng);

      store::NewArticle article;
      article.section_id = (*section_ids)[section];
      if (section < options.section_photos.size()) {
        article.photo =
            LeadPhotoFor(options.seed, i, options.section_photos[section], text.headline);
      }
      article.video = DemoVideoFor(options.seed, i);
      article.headline = std::move(text.headline);
      if (section < options.section_photos.size()) {
        MakeDemoGallery(options.seed, i, options.section_photos[section], all_photos, article);
      }
      article.subheadlines = std::move(text.subheadlines);
      article.body_markdown = std::move(text.body_markdown);
      AddDemoBodyPhotos(options.seed, i, all_photos, article);
      article.reporter_ids =
          Bylines(rng, (*desks)[section], vocab.sections[section].kind != SectionKind::kOpinion);
      article.registered_at = registered_at;
      article.modified_at = ModifiedAt(rng, registered_at, options.now);
      article.views = StartingViews(rng, registered_at, options.now);
      article.recommends = Recommends(rng, article.views);
      batch.push_back(std::move(article));
      if (batch.size() >= kBatchSize) {
        if (auto flushed = flush(); !flushed) return tl::unexpected(flushed.error());
      }
    }
  }
  if (auto flushed = flush(); !flushed) return tl::unexpected(flushed.error());
  return summary;
}

}  // namespace sinmun::app::demo
