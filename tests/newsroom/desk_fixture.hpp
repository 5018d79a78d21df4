#pragma once
// The newsroom fixture with what the desk needs besides: an uploads folder, article forms
// sent as multipart/form-data (as browsers send them, with files) and logged-in staff.

#include <string>
#include <vector>

#include "newsroom_fixture.hpp"
#include "search/searcher.hpp"

namespace sinmun::newsroom {

struct FilePart {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string bytes;
};

class DeskTest : public NewsroomTest {
 protected:
  void SetUp() override;

  // Builds the newsroom again with `searcher` suggesting tags (none by default). Sessions are
  // kept: they live in the store.
  void UseSearcher(const search::Searcher* searcher);
  // multipart/form-data POST with the browser's cookies and CSRF token added.
  http::Response Send(Browser& browser, const std::string& target, Fields fields,
                      const std::vector<FilePart>& files = {});
  // The article form's fields for a complete, valid article (base revision `base`).
  Fields ArticleFields(const std::string& headline, store::RevisionNumber base = 0) const;
  // Creates a draft through the form as `browser`; its id.
  store::ArticleId Write(Browser& browser, const std::string& headline);
  // The id in a "/newsroom/articles/{id}?…" Location header; 0 when there is none.
  static store::ArticleId IdInLocation(const http::Response& response);
  // The bytes of tests/data/photos/<name>.
  static std::string PhotoFile(const std::string& name);
  // Files under the uploads folder (relative paths, sorted).
  std::vector<std::string> UploadedFiles() const;

  sinmun::testing::TempDir uploads_;
  sinmun::testing::TempDir originals_;  // the uploads as sent (NewsroomDeps::originals_dir)
  Browser reporter_;                    // reporter@example.com, writes as reporters_[0]
  Browser editor_;                      // editor@example.com
  store::UserId reporter_user_ = 0;
  store::UserId editor_user_ = 0;
};

}  // namespace sinmun::newsroom
