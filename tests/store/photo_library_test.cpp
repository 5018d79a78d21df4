// The newsroom's photo library (issue #19) on every backend: photos newest first, searched by
// the captions and credits their articles give them and by upload date, each with the
// articles that use it, all limited to a scope: the desk sees every photo, anyone else their
// own uploads and the photos of published articles, and never a caption or an article of a
// colleague's unpublished story.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::kNow;
using testing::Must;

constexpr UserId kEditor = 11;
constexpr UserId kReporterA = 21;
constexpr UserId kReporterB = 22;
constexpr Timestamp kDay = 24 * 3600;

class StorePhotoLibraryTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 1);

  PhotoId StorePhoto(std::string name, UserId by, Timestamp at) {
    return testing::InsertWidePhoto(*store_, std::move(name), at, by);
  }
  ArticleContent Content(std::string headline, std::optional<PhotoId> lead, std::string caption,
                         std::string credit, std::vector<PhotoPlacement> photos = {}) const {
    return ArticleContent{.section_id = sections_[0].id,
                          .headline = std::move(headline),
                          .body_markdown = "본문",
                          .reporter_ids = {reporters_[0]},
                          .photo_id = lead,
                          .photo_caption = std::move(caption),
                          .photo_credit = std::move(credit),
                          .photos = std::move(photos)};
  }
  ArticleId Draft(const ArticleContent& content, UserId by) {
    return Must(store_->CreateDraft(content, by, kNow - 3 * kDay));
  }
  ArticleId Published(const ArticleContent& content, UserId by, Timestamp at) {
    const ArticleId id = Draft(content, by);
    if (!store_->PublishArticle(id, at)) ADD_FAILURE() << "publish";
    return id;
  }

  static PhotoScope Desk() { return PhotoScope{.all = true, .user = kEditor, .now = kNow}; }
  static PhotoScope Reporter(UserId user) {
    return PhotoScope{.all = false, .user = user, .now = kNow};
  }
  std::vector<PhotoId> Found(PhotoSearch search) const {
    std::vector<PhotoId> ids;
    for (const LibraryPhoto& photo : Must(store_->SearchPhotos(search)).photos) {
      ids.push_back(photo.photo.id);
    }
    return ids;
  }
  std::vector<PhotoId> Words(PhotoScope scope, std::vector<std::string> words) const {
    return Found(PhotoSearch{.scope = scope, .words = std::move(words)});
  }
};

TEST_P(StorePhotoLibraryTest, TheDeskSeesEveryPhotoNewestFirstAPageAtATime) {
  const PhotoId oldest = StorePhoto("2026/12/a", kReporterA, kNow - 3 * kDay);
  const PhotoId middle = StorePhoto("2026/12/b", kReporterB, kNow - 2 * kDay);
  const PhotoId tie_low = StorePhoto("2026/12/c", kEditor, kNow - kDay);
  const PhotoId tie_high = StorePhoto("2026/12/d", kReporterB, kNow - kDay);

  const PhotoPage first = Must(store_->SearchPhotos({.scope = Desk(), .limit = 3}));
  ASSERT_EQ(first.photos.size(), 3u);
  EXPECT_TRUE(first.more);
  EXPECT_EQ(first.photos[0].photo.id, tie_high);  // one second apart: the later id first
  EXPECT_EQ(first.photos[1].photo.id, tie_low);
  EXPECT_EQ(first.photos[2].photo.id, middle);
  EXPECT_EQ(first.photos[0].photo.name, "2026/12/d");
  EXPECT_EQ(first.photos[0].photo.widths, (std::vector<int>{400, 800, 1600}));
  EXPECT_TRUE(first.photos[0].uses.empty());

  const PhotoPage second = Must(store_->SearchPhotos(
      {.scope = Desk(),
       .after = PhotoCursor{first.photos[2].photo.uploaded_at, first.photos[2].photo.id},
       .limit = 3}));
  ASSERT_EQ(second.photos.size(), 1u);
  EXPECT_FALSE(second.more);
  EXPECT_EQ(second.photos[0].photo.id, oldest);

  EXPECT_EQ(ErrorCodeOf(store_->SearchPhotos({.scope = Desk(), .limit = 0})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->SearchPhotos({.scope = Desk(), .limit = 101})),
            ErrorCode::kInvalidInput);
}

TEST_P(StorePhotoLibraryTest, AReporterSeesOwnPhotosAndThoseOfPublishedArticlesOnly) {
  const PhotoId own = StorePhoto("2026/12/own", kReporterA, kNow - 3 * kDay);
  const PhotoId in_published = StorePhoto("2026/12/published", kReporterB, kNow - 2 * kDay);
  const PhotoId in_draft = StorePhoto("2026/12/draft", kReporterB, kNow - 2 * kDay + 1);
  const PhotoId unpublished = StorePhoto("2026/12/unpublished", kReporterB, kNow - 2 * kDay + 2);
  const PhotoId future = StorePhoto("2026/12/future", kReporterB, kNow - 2 * kDay + 3);
  const ArticleId published =
      Published(Content("엑스포다리 야경", in_published, "엑스포다리", "ⓒ 한밭일보"), kReporterB,
                kNow - kDay);
  Draft(Content("취재 중인 기사", in_draft, "비밀 취재원", "ⓒ 한밭일보"), kReporterB);
  const ArticleId pulled =
      Published(Content("내린 기사", unpublished, "내린 사진", ""), kReporterB, kNow - kDay);
  ASSERT_TRUE(store_->UnpublishArticle(pulled, kNow - 10));
  // Registered after `now`: not public yet.
  Published(Content("내일 기사", future, "내일", ""), kReporterB, kNow + kDay);

  EXPECT_EQ(Found({.scope = Reporter(kReporterA)}), (std::vector<PhotoId>{in_published, own}));
  EXPECT_EQ(Found({.scope = Reporter(kReporterB)}),
            (std::vector<PhotoId>{future, unpublished, in_draft, in_published}));
  EXPECT_EQ(Found({.scope = Desk()}).size(), 5u);

  // The form's check is the same rule: outside the scope reads as unknown.
  for (const PhotoId hidden : {in_draft, unpublished, future}) {
    EXPECT_EQ(ErrorCodeOf(store_->LibraryPhotoById(hidden, Reporter(kReporterA))),
              ErrorCode::kNotFound)
        << hidden;
    EXPECT_TRUE(store_->LibraryPhotoById(hidden, Desk()).has_value()) << hidden;
  }
  EXPECT_EQ(ErrorCodeOf(store_->LibraryPhotoById(in_published + 1000, Desk())),
            ErrorCode::kNotFound);
  const LibraryPhoto shown = Must(store_->LibraryPhotoById(in_published, Reporter(kReporterA)));
  EXPECT_EQ(shown.photo.name, "2026/12/published");
  ASSERT_EQ(shown.uses.size(), 1u);
  EXPECT_EQ(shown.uses[0].article_id, published);
  EXPECT_EQ(shown.uses[0].headline, "엑스포다리 야경");
  EXPECT_EQ(shown.uses[0].status, ArticleStatus::kPublished);
  EXPECT_TRUE(shown.uses[0].lead);
  EXPECT_EQ(shown.uses[0].caption, "엑스포다리");
  EXPECT_EQ(shown.uses[0].credit, "ⓒ 한밭일보");
  EXPECT_TRUE(store_->LibraryPhotoById(own, Reporter(kReporterA)).has_value());
}

TEST_P(StorePhotoLibraryTest, WordsAreFoundInTheCaptionsAndCreditsTheScopeSees) {
  const PhotoId bridge = StorePhoto("2026/12/bridge", kReporterB, kNow - 3 * kDay);
  const PhotoId station = StorePhoto("2026/12/station", kReporterB, kNow - 2 * kDay);
  const PhotoId secret = StorePhoto("2026/12/secret", kReporterB, kNow - kDay);
  // The bridge is the lead of one article and a further photo of another, captioned apart.
  Published(Content("엑스포다리 야경", bridge, "갑천 엑스포다리 야경", "ⓒ 한밭일보 홍길동 기자"),
            kReporterB, kNow - 2 * kDay);
  Published(Content("대전역 새 단장", station, "KTX 대전역 \"새\" 광장", "사진=대전시 제공",
                    {{.photo_id = bridge, .caption = "다리 위 불꽃", .credit = "사진=독자 제공"}}),
            kReporterB, kNow - kDay);
  // Published, so usable by all, but also captioned in a colleague's draft.
  Draft(Content("취재 중", secret, "비밀 취재원 얼굴", ""), kReporterB);
  Published(Content("공개 기사", std::nullopt, "", "",
                    {{.photo_id = secret, .caption = "공개 사진", .credit = ""}}),
            kReporterB, kNow - kDay);

  const PhotoScope a = Reporter(kReporterA);
  EXPECT_EQ(Words(a, {"엑스포"}), (std::vector<PhotoId>{bridge}));
  EXPECT_EQ(Words(a, {"홍길동"}), (std::vector<PhotoId>{bridge}));         // a credit
  EXPECT_EQ(Words(a, {"불꽃"}), (std::vector<PhotoId>{bridge}));           // a further photo
  EXPECT_EQ(Words(a, {"제공"}), (std::vector<PhotoId>{station, bridge}));  // newest first
  EXPECT_EQ(Words(a, {"엑스포", "홍길동"}), (std::vector<PhotoId>{bridge}));
  EXPECT_TRUE(Words(a, {"엑스포", "대전역"}).empty());            // every word must be found
  EXPECT_EQ(Words(a, {"ktx"}), (std::vector<PhotoId>{station}));  // ASCII either case
  EXPECT_EQ(Words(a, {"\"새\""}), (std::vector<PhotoId>{station}));
  EXPECT_TRUE(Words(a, {"\\"}).empty());
  EXPECT_EQ(Words(a, {"", "엑스포"}), (std::vector<PhotoId>{bridge}));
  // The draft's caption is the author's and the desk's to search, not another reporter's.
  EXPECT_TRUE(Words(a, {"비밀"}).empty());
  EXPECT_EQ(Words(Reporter(kReporterB), {"비밀"}), (std::vector<PhotoId>{secret}));
  EXPECT_EQ(Words(Desk(), {"비밀"}), (std::vector<PhotoId>{secret}));
  const LibraryPhoto seen_by_a = Must(store_->LibraryPhotoById(secret, a));
  ASSERT_EQ(seen_by_a.uses.size(), 1u);
  EXPECT_EQ(seen_by_a.uses[0].headline, "공개 기사");
  EXPECT_FALSE(seen_by_a.uses[0].lead);
  EXPECT_EQ(Must(store_->LibraryPhotoById(secret, Desk())).uses.size(), 2u);

  // Each use with its own caption, newest article first.
  const LibraryPhoto uses = Must(store_->LibraryPhotoById(bridge, a));
  ASSERT_EQ(uses.uses.size(), 2u);
  EXPECT_EQ(uses.use_count, 2);
  EXPECT_EQ(uses.uses[0].headline, "대전역 새 단장");
  EXPECT_FALSE(uses.uses[0].lead);
  EXPECT_EQ(uses.uses[0].caption, "다리 위 불꽃");
  EXPECT_EQ(uses.uses[1].caption, "갑천 엑스포다리 야경");
  EXPECT_TRUE(uses.uses[1].lead);
}

TEST_P(StorePhotoLibraryTest, UploadDatesBoundTheSearch) {
  const PhotoId monday = StorePhoto("2026/12/mon", kEditor, kNow - 3 * kDay);
  const PhotoId tuesday = StorePhoto("2026/12/tue", kEditor, kNow - 2 * kDay);
  const PhotoId wednesday = StorePhoto("2026/12/wed", kEditor, kNow - kDay);
  EXPECT_EQ(Found({.scope = Desk(), .uploaded_from = kNow - 2 * kDay}),
            (std::vector<PhotoId>{wednesday, tuesday}));
  EXPECT_EQ(Found({.scope = Desk(), .uploaded_until = kNow - 2 * kDay}),
            (std::vector<PhotoId>{monday}));
  EXPECT_EQ(Found({.scope = Desk(),
                   .uploaded_from = kNow - 2 * kDay,
                   .uploaded_until = kNow - 2 * kDay + 1}),
            (std::vector<PhotoId>{tuesday}));
}

TEST_P(StorePhotoLibraryTest, APhotoSharedByManyArticlesListsItsNewestUsesAndCountsThemAll) {
  const PhotoId shared = StorePhoto("2026/12/shared", kEditor, kNow - 3 * kDay);
  std::vector<ArticleId> articles;
  for (int i = 0; i < LibraryPhoto::kUsesShown + 2; ++i) {
    articles.push_back(Published(Content("기사 " + std::to_string(i), shared, "공유 사진", ""),
                                 kReporterB, kNow - kDay + i));
  }
  Draft(Content("초안", shared, "초안 속 사진", ""), kReporterB);
  const PhotoPage page = Must(store_->SearchPhotos({.scope = Reporter(kReporterA)}));
  ASSERT_EQ(page.photos.size(), 1u);
  const LibraryPhoto& photo = page.photos[0];
  EXPECT_EQ(photo.use_count, LibraryPhoto::kUsesShown + 2);  // the draft is not A's to see
  ASSERT_EQ(photo.uses.size(), static_cast<size_t>(LibraryPhoto::kUsesShown));
  EXPECT_EQ(photo.uses[0].article_id, articles.back());
  EXPECT_EQ(photo.uses[1].article_id, articles[articles.size() - 2]);
  EXPECT_EQ(Must(store_->LibraryPhotoById(shared, Desk())).use_count, LibraryPhoto::kUsesShown + 3);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StorePhotoLibraryTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
