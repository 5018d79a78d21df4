#pragma once
// `sinmun demo` content: a deterministic synthetic Korean newspaper (a regional daily of
// 대전·충청) for trying the site and for benchmarks.
//
// Determinism: the same seed and the same `now` give the same sections, reporters and
// articles, byte for byte, on every platform (no std:: distributions are used).
// Thread safety: FillDemoPaper may run concurrently with readers of the store; two fills of
// the same store at once are not supported (both would see it empty).

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sinmun::app::demo {

struct DemoOptions {
  std::int64_t articles = 2000;  // REQUIRES: >= 0
  std::uint64_t seed = 1;
  Timestamp now = 0;  // articles are registered in [now - days, now), days = max(1, articles / 50)
  // Stored photos to lead articles with, per section in the vocabulary's order (GetVocabulary):
  // about seven articles in ten get one of their section's, with a caption and a credit. The
  // photos are shared, so a large paper costs no more pictures than a small one. Empty: no
  // photos. REQUIRES: ids the store has.
  std::vector<std::vector<store::PhotoId>> section_photos;
};

struct DemoSummary {
  int sections = 0;
  int reporters = 0;
  std::int64_t articles = 0;
};

// Fills an empty store: 8 sections, 36 reporters and `options.articles` articles, inserted
// oldest first in transactions of about 1000 articles (a failure leaves earlier batches).
// kConflict if the store already has sections; kInvalidInput for a negative article count;
// store errors as the store reports them.
Result<DemoSummary> FillDemoPaper(store::Store& store, const DemoOptions& options);

}  // namespace sinmun::app::demo
