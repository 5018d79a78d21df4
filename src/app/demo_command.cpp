// `sinmun demo`: fills a new data folder with a synthetic Korean newspaper.

#include <fmt/format.h>

#include <chrono>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "app/demo/demo_paper.hpp"
#include "app/demo_accounts.hpp"
#include "app/demo_photos.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sinmun::app {

int Demo(const DemoOptions& options) {
  if (options.articles < 0) {
    fmt::print(stderr, "sinmun demo: --articles must be 0 or more\n");
    return kExitUsage;
  }
  auto data = PrepareDataDir(options.data_dir, /*create=*/true);
  if (!data) {
    fmt::print(stderr, "sinmun demo: {}\n", data.error().detail);
    return kExitUsage;
  }
  if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
    fmt::print(stderr, "sinmun demo: {}\n", chosen.error().detail);
    return kExitUsage;
  }
  auto store = store::OpenStore(data->store_url);
  if (!store) {
    fmt::print(stderr, "sinmun demo: {}\n", store.error().detail);
    return kExitFailed;
  }
  const auto started = std::chrono::steady_clock::now();
  demo::DemoOptions demo_options;
  demo_options.articles = options.articles;
  demo_options.seed = options.seed;
  demo_options.now = SystemClock().Now();
  // The pictures are made once, before the articles, and shared among them: their cost does
  // not grow with the paper.
  auto photos = MakeDemoPhotos(**store, data->uploads_path, DemoPicturesFor(options.articles),
                               options.seed, demo_options.now);
  if (!photos) {
    fmt::print(stderr, "sinmun demo: pictures: {}\n", photos.error().detail);
    return kExitFailed;
  }
  demo_options.section_photos = std::move(*photos);
  auto summary = demo::FillDemoPaper(**store, demo_options);
  if (!summary) {
    fmt::print(stderr, "sinmun demo: {}\n", summary.error().detail);
    return summary.error().code == ErrorCode::kConflict ? kExitUsage : kExitFailed;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t pictures = 0;
  for (const auto& section : demo_options.section_photos) pictures += section.size();
  fmt::print("sinmun demo: {} sections, {} reporters, {} articles, {} pictures in {} ({:.1f} s)\n",
             summary->sections, summary->reporters, summary->articles, pictures, data->path,
             seconds);
  // Newsroom accounts to try the back office with. The passwords are shown this once.
  auto accounts = CreateDemoAccounts(**store, demo_options.now);
  if (!accounts) {
    fmt::print(stderr, "sinmun demo: newsroom accounts: {}\n", accounts.error().detail);
    return kExitFailed;
  }
  fmt::print("sinmun demo: newsroom accounts (log in at /newsroom/login; passwords shown once):\n");
  for (const DemoAccount& account : *accounts) {
    fmt::print("  {:<8} {:<22} {}\n", account.role, account.email, account.password);
  }
  auto campaigns = CreateDemoCampaigns(**store, demo_options.now);
  if (!campaigns) {
    fmt::print(stderr, "sinmun demo: ad campaigns: {}\n", campaigns.error().detail);
    return kExitFailed;
  }
  fmt::print("sinmun demo: {} sponsor banner campaigns (labelled 광고)\n", *campaigns);
  return kExitOk;
}

}  // namespace sinmun::app
