#pragma once
// Loading a paper in bulk (the demo paper, imports): sections and whole articles as they are.
// Thread safety: all methods may be called concurrently from any thread.

#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class BulkLoad {
 public:
  virtual ~BulkLoad() = default;

  // kConflict when the slug is taken.
  virtual Result<SectionId> InsertSection(const NewSection& section) = 0;

  // Inserts all articles in one transaction (all or nothing) and bumps the change sequence
  // once per article. kInvalidInput for an unknown section or reporter id.
  virtual Result<std::vector<ArticleId>> InsertArticles(
      const std::vector<NewArticle>& articles) = 0;
};

}  // namespace sinmun::store
