// `sinmun reindex`: rebuilds the search index of a data folder from its store, in a new
// database that replaces the old one atomically; a running `sinmun serve` keeps answering
// searches from the old index until the switch, then follows the new one.

#include <fmt/format.h>

#include <chrono>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "search/searcher.hpp"
#include "store/store.hpp"

namespace sinmun::app {

int Reindex(const ReindexOptions& options) {
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun reindex: {}\n", data.error().detail);
    return kExitUsage;
  }
  if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
    fmt::print(stderr, "sinmun reindex: {}\n", chosen.error().detail);
    return kExitUsage;
  }
  auto config = LoadPaperConfig(*data);
  if (!config) {
    fmt::print(stderr, "sinmun reindex: {}\n", config.error().detail);
    return kExitUsage;
  }
  if (!options.search_dir.empty()) config->search_dir = options.search_dir;
  auto store = store::OpenStore(data->store_url);
  if (!store) {
    fmt::print(stderr, "sinmun reindex: {}\n", store.error().detail);
    return kExitFailed;
  }
  const auto start = std::chrono::steady_clock::now();
  const Result<std::int64_t> indexed =
      search::Reindex(**store, SearchFolder(*data, config->search_dir));
  if (!indexed) {
    fmt::print(stderr, "sinmun reindex: {}\n", indexed.error().detail);
    return kExitFailed;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("sinmun reindex: {} articles in {:.1f} s ({:.0f}/s)\n", *indexed, seconds,
             seconds > 0 ? static_cast<double>(*indexed) / seconds : 0.0);
  return kExitOk;
}

}  // namespace sinmun::app
