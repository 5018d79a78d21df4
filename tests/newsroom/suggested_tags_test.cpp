// The article form suggests keyword tags from the search index (search::Searcher::SuggestTags):
// shown under the tags field as a list (plain text without JavaScript; static/js/
// newsroom_tags.js makes each one a button that adds it to the field).

#include <memory>

#include "desk_fixture.hpp"
#include "search/searcher.hpp"

namespace sinmun::newsroom {
namespace {

class SuggestedTagsTest : public DeskTest {
 protected:
  // A draft about the 4th industrial revolution committee, tagged 대전시 already.
  store::ArticleId WriteCommitteeDraft() {
    Fields fields = ArticleFields("대전시, 4차 산업혁명 위원회 출범");
    for (auto& [name, value] : fields) {
      if (name == "body") {
        value = "대전시가 4차 산업혁명 위원회를 출범했다.\r\n\r\n위원회는 산업혁명 대응 전략을 "
                "맡는다. 위원회 첫 회의는 다음 달 열린다.";
      }
      if (name == "tags") value = "대전시";
    }
    const http::Response created = Send(reporter_, "/newsroom/articles", fields);
    EXPECT_EQ(created.status, 303) << Body(created);
    return IdInLocation(created);
  }

  sinmun::testing::TempDir index_dir_;
};

TEST_F(SuggestedTagsTest, TheFormSuggestsTheTextsKeywordsItDoesNotHaveYet) {
  std::unique_ptr<search::SearchIndex> index =
      sinmun::testing::Must(search::OpenSearchIndex(store_.get(), index_dir_.path()));
  UseSearcher(index.get());
  const store::ArticleId id = WriteCommitteeDraft();
  ASSERT_GT(id, 0);

  const http::Response page = Get(reporter_, "/newsroom/articles/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  const std::string html = Body(page);
  EXPECT_NE(html.find("id=\"tag-suggestions\""), std::string::npos) << html;
  EXPECT_NE(html.find("<li class=\"nr-chip\">위원회</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li class=\"nr-chip\">산업혁명</li>"), std::string::npos) << html;
  // Already a tag: not suggested again. Particles are gone ("위원회를" is 위원회).
  EXPECT_EQ(html.find("<li class=\"nr-chip\">대전시</li>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<li class=\"nr-chip\">위원회를</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("/js/newsroom_tags"), std::string::npos) << html;

  // The empty form of a new article has nothing to suggest.
  const std::string blank = Body(Get(reporter_, "/newsroom/articles/new"));
  EXPECT_EQ(blank.find("id=\"tag-suggestions\""), std::string::npos);
}

TEST_F(SuggestedTagsTest, WithoutASearcherThereAreNoSuggestions) {
  const store::ArticleId id = WriteCommitteeDraft();
  ASSERT_GT(id, 0);
  const std::string html = Body(Get(reporter_, "/newsroom/articles/" + std::to_string(id)));
  EXPECT_NE(html.find("산업혁명"), std::string::npos);
  EXPECT_EQ(html.find("id=\"tag-suggestions\""), std::string::npos);
}

}  // namespace
}  // namespace sinmun::newsroom
