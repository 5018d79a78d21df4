// Opening the SearchIndex over Xapian; its jobs are in the files xapian_searcher.hpp lists.

#include "search/xapian_searcher.hpp"

namespace sinmun::search {

Result<> XapianSearcher::Prime() {
  return WithReader([&](Xapian::Database& database) -> Result<> {
    indexed_seq_ = LastSequence(database);
    return {};
  });
}

Result<std::unique_ptr<SearchIndex>> OpenSearchIndex(SearchStore store,
                                                     const std::filesystem::path& folder) {
  if (Result<> ready = PrepareFolder(folder); !ready) return tl::unexpected(ready.error());
  auto searcher = std::make_unique<XapianSearcher>(store, folder);
  if (Result<> primed = searcher->Prime(); !primed) return tl::unexpected(primed.error());
  return std::unique_ptr<SearchIndex>(std::move(searcher));
}

}  // namespace sinmun::search
