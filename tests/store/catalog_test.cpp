// Sections and reporters.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;

class StoreCatalogTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
};

TEST_P(StoreCatalogTest, SectionsComeInDisplayOrder) {
  const SectionId economy =
      store_->InsertSection({.slug = "economy", .name = "경제", .position = 2}).value();
  const SectionId politics =
      store_->InsertSection({.slug = "politics", .name = "정치", .position = 1}).value();
  const SectionId culture =
      store_->InsertSection({.slug = "culture", .name = "문화", .position = 2}).value();

  const Result<std::vector<Section>> sections = store_->Sections();
  ASSERT_TRUE(sections.has_value()) << sections.error().detail;
  ASSERT_EQ(sections->size(), 3u);
  EXPECT_EQ((*sections)[0].id, politics);
  EXPECT_EQ((*sections)[0].slug, "politics");
  EXPECT_EQ((*sections)[0].name, "정치");
  EXPECT_EQ((*sections)[0].position, 1);
  EXPECT_EQ((*sections)[1].id, economy);  // equal positions: by id
  EXPECT_EQ((*sections)[2].id, culture);
}

TEST_P(StoreCatalogTest, SectionBySlug) {
  const std::vector<Section> seeded = testing::SeedSections(*store_);

  const Result<Section> economy = store_->SectionBySlug("economy");
  ASSERT_TRUE(economy.has_value()) << economy.error().detail;
  EXPECT_EQ(economy->id, seeded[1].id);
  EXPECT_EQ(economy->name, "경제");
  EXPECT_EQ(ErrorCodeOf(store_->SectionBySlug("sports")), ErrorCode::kNotFound);
}

TEST_P(StoreCatalogTest, DuplicateSlugIsConflict) {
  store_->InsertSection({.slug = "politics", .name = "정치", .position = 1}).value();

  EXPECT_EQ(
      ErrorCodeOf(store_->InsertSection({.slug = "politics", .name = "정치 2", .position = 2})),
      ErrorCode::kConflict);
  EXPECT_EQ(store_->Sections()->size(), 1u);
}

TEST_P(StoreCatalogTest, SectionNeedsSlugAndName) {
  EXPECT_EQ(ErrorCodeOf(store_->InsertSection({.slug = "", .name = "정치", .position = 1})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->InsertSection({.slug = "politics", .name = "", .position = 1})),
            ErrorCode::kInvalidInput);
}

TEST_P(StoreCatalogTest, ReportersByNameAndById) {
  const ReporterId lee =
      store_->InsertReporter({.name = "이순신", .email = "lee@sinmun.example", .bio = "국방 담당"})
          .value();
  const ReporterId kim =
      store_->InsertReporter({.name = "김유신", .email = "kim@sinmun.example", .bio = ""}).value();

  const Result<std::vector<Reporter>> reporters = store_->Reporters();
  ASSERT_TRUE(reporters.has_value()) << reporters.error().detail;
  ASSERT_EQ(reporters->size(), 2u);
  EXPECT_EQ((*reporters)[0].id, kim);  // 김 sorts before 이
  EXPECT_EQ((*reporters)[1].id, lee);

  const Result<Reporter> got = store_->ReporterById(lee);
  ASSERT_TRUE(got.has_value()) << got.error().detail;
  EXPECT_EQ(got->name, "이순신");
  EXPECT_EQ(got->email, "lee@sinmun.example");
  EXPECT_EQ(got->bio, "국방 담당");
  EXPECT_EQ(ErrorCodeOf(store_->ReporterById(lee + kim + 100)), ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->InsertReporter({.name = "", .email = "", .bio = ""})),
            ErrorCode::kInvalidInput);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreCatalogTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
