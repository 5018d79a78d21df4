// `sinmun serve`: opens the paper's data folder and serves the public site until SIGINT/SIGTERM.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "ads/ad_counter.hpp"
#include "ads/click_signer.hpp"
#include "app/backup.hpp"
#include "app/backup_schedule.hpp"
#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "app/index_now_sender.hpp"
#include "app/ops_pages.hpp"
#include "app/request_stats.hpp"
#include "app/security_headers.hpp"
#include "app/share_dir.hpp"
#include "app/store_outbox.hpp"
#include "core/site_settings.hpp"
#include "core/time.hpp"
#include "counters/counters.hpp"
#include "http/access_log.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "mail/outbox_sender.hpp"
#include "newsroom/newsroom.hpp"
#include "newsroom/scheduler.hpp"
#include "render/renderer.hpp"
#include "search/searcher.hpp"
#include "site/site.hpp"
#include "store/store.hpp"

namespace sinmun::app {

int Serve(const ServeOptions& options) {
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun serve: {}\n", data.error().detail);
    return kExitUsage;
  }
  auto config = LoadPaperConfig(*data);
  if (!config) {
    fmt::print(stderr, "sinmun serve: {}\n", config.error().detail);
    return kExitUsage;
  }
  if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
    fmt::print(stderr, "sinmun serve: {}\n", chosen.error().detail);
    return kExitUsage;
  }
  if (!options.listen.empty()) config->listen = options.listen;
  if (options.threads >= 0) config->threads = options.threads;
  if (!options.redis_url.empty()) config->redis_url = options.redis_url;
  if (!options.search_dir.empty()) config->search_dir = options.search_dir;
  if (!config->redis_url.empty()) {
    if (auto redis = counters::ParseRedisUrl(config->redis_url); !redis) {
      fmt::print(stderr, "sinmun serve: {}\n", redis.error().detail);
      return kExitUsage;
    }
  }
  auto listen = ParseListen(config->listen);
  if (!listen) {
    fmt::print(stderr, "sinmun serve: {}\n", listen.error().detail);
    return kExitUsage;
  }
  spdlog::set_level(spdlog::level::from_str(config->log_level));
  const std::string share = FindShareDir(options.share_dir);
  if (share.empty()) {
    fmt::print(stderr, "sinmun serve: cannot find the templates folder (use --share DIR)\n");
    return kExitUsage;
  }

  auto store = store::OpenStore(data->store_url);
  if (!store) {
    fmt::print(stderr, "sinmun serve: {}\n", store.error().detail);
    return kExitFailed;
  }
  // Settings saved in the newsroom (paper name, footer, language) override sinmun.toml.
  if (auto stored = (*store)->SiteSettings()) ApplySettings(*stored, &*config);
  auto renderer =
      render::Renderer::Load(share + "/templates", share + "/messages", config->language);
  if (!renderer) {
    fmt::print(stderr, "sinmun serve: {}\n", renderer.error().detail);
    return kExitFailed;
  }
  auto static_files = http::StaticFiles::Load(share + "/static");
  if (!static_files) {
    fmt::print(stderr, "sinmun serve: {}\n", static_files.error().detail);
    return kExitFailed;
  }

  auto searcher = search::OpenSearchIndex(store->get(), SearchFolder(*data, config->search_dir));
  if (!searcher) {
    fmt::print(stderr, "sinmun serve: {}\n", searcher.error().detail);
    return kExitFailed;
  }

  const SystemClock clock;
  counters::CountersOptions counter_options;
  counter_options.flush_interval = std::chrono::seconds(config->views_flush_seconds);
  counter_options.count_views = config->count_views;
  counter_options.redis_url = config->redis_url;
  // Readers get pages while the rankings load (minutes on a paper of a million articles).
  counter_options.load_rankings_at_open = false;
  auto counters = counters::Counters::Open(store->get(), &clock, counter_options);
  if (!counters) {
    fmt::print(stderr, "sinmun serve: {}\n", counters.error().detail);
    return kExitFailed;
  }
  // Sponsor banners (issue #7): click links are signed with the data folder's key.
  auto ad_signer = ads::ClickSigner::FromKeyFile(AdKeyPath(*data));
  if (!ad_signer) {
    fmt::print(stderr, "sinmun serve: {}\n", ad_signer.error().detail);
    return kExitFailed;
  }
  auto token_signer = ads::ClickSigner::FromKeyFile(TokenKeyPath(*data));
  if (!token_signer) {
    fmt::print(stderr, "sinmun serve: {}\n", token_signer.error().detail);
    return kExitFailed;
  }

  ads::AdCounter ad_counter(store->get(), &clock,
                            std::chrono::seconds(config->views_flush_seconds));
  StoreOutbox outbox(store->get());
  mail::OutboxSenderOptions mail_options;
  mail_options.from = config->mail_from;
  mail_options.first_retry = std::chrono::seconds(config->mail_retry_seconds);
  mail::OutboxSender mail_sender(&outbox, mail::MakeSmtpTransport(config->smtp_url), &clock,
                                 mail_options);

  // Search engines hear of publications, updates and unpublications (IndexNow, issue #18).
  IndexNowSender index_now(store->get(), &clock, *config, IndexNowOptions{});

  // A moderator's action on a comment makes the site's comment part of that article again;
  // the site is made after the newsroom (it asks the newsroom for edit links), hence the
  // pointer.
  site::Site* site_for_comments = nullptr;
  newsroom::NewsroomDeps newsroom_deps{store->get(),   &clock,         *renderer,
                                       *static_files,  *config,        data->uploads_path,
                                       &*token_signer, searcher->get()};
  newsroom_deps.counters = counters->get();
  newsroom_deps.originals_dir = data->originals_path;
  newsroom_deps.comments_changed = [&site_for_comments](const http::Request& /*request*/,
                                                        store::ArticleId article) {
    if (site_for_comments != nullptr) site_for_comments->CommentsChanged(article);
  };
  newsroom::Newsroom newsroom(std::move(newsroom_deps));
  // Publishes scheduled articles at their minute, and at start those whose minute passed
  // while the server was down.
  newsroom::Scheduler scheduler(**store, clock);
  site::SiteDeps deps{store->get(), &clock, *renderer, *static_files, *config};
  deps.searcher = searcher->get();
  deps.counters = counters->get();
  deps.uploads_dir = data->uploads_path;
  deps.ad_signer = &*ad_signer;
  deps.form_signer = &*token_signer;
  deps.ad_counter = &ad_counter;
  deps.staff_edit_url = [&newsroom](const http::Request& request, store::ArticleId id) {
    return newsroom.EditUrlFor(request, id);
  };
  deps.comment_staff = [&newsroom](const http::Request& request) {
    return newsroom.StaffFor(request);
  };
  site::Site site(std::move(deps));
  site_for_comments = &site;
  // The operators' view (issue #20): requests counted by the server, the access log, and
  // /metrics, /healthz, /readyz.
  RequestStats request_stats;
  std::unique_ptr<http::AccessLog> access_log;
  if (!config->access_log.empty()) {
    const std::string& path = config->access_log;
    auto opened =
        http::AccessLog::Open(path == "-" || path.front() == '/' ? path : data->path + "/" + path);
    if (!opened) {
      fmt::print(stderr, "sinmun serve: [log] access_log: {}\n", opened.error().detail);
      return kExitUsage;
    }
    access_log = std::move(*opened);
  }
  OpsSources ops{store->get(), nullptr, &site,          searcher->get(),  counters->get(),
                 &mail_sender, &outbox, &request_stats, access_log.get(), &index_now};
  http::Router router;
  if (Result<> added = AddOpsRoutes(router, &ops, *config); !added) {
    fmt::print(stderr, "sinmun serve: {}\n", added.error().detail);
    return kExitUsage;
  }
  newsroom.AddRoutes(router);
  site.AddRoutes(router);

  http::ServerOptions server_options;
  server_options.host = listen->host;
  server_options.port = listen->port;
  server_options.threads =
      config->threads > 0 ? config->threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  server_options.error_page = [&site](int status) { return site.ErrorPage(status); };
  auto proxies = http::TrustedProxies::Parse(config->trusted_proxies);
  if (!proxies) {
    fmt::print(stderr, "sinmun serve: [server] trusted_proxies: {}\n", proxies.error().detail);
    return kExitUsage;
  }
  server_options.trusted_proxies = std::move(*proxies);
  server_options.response_headers = SecurityHeaderRules(*config);
  server_options.observers.push_back(&request_stats);
  if (access_log) server_options.observers.push_back(access_log.get());
  // SIGHUP (logrotate's postrotate, systemctl reload) reopens the access log; without one it
  // is harmless rather than the default death.
  server_options.on_hangup = [log = access_log.get()] {
    if (log != nullptr) log->Reopen();
  };
  // Scheduled backups ([backup] every): a PostgreSQL paper's are its paper export, which is
  // heavier than a file copy; nodes sharing the store should schedule them on one node only.
  std::unique_ptr<BackupSchedule> backups;
  if (!config->backup_every.empty()) {
    Result<std::string> source = BackupSource(*data);
    if (!source) {
      fmt::print(stderr, "sinmun serve: [backup] every: {}\n", source.error().detail);
      return kExitUsage;
    }
    const std::string& folder = config->backup_folder;
    backups = std::make_unique<BackupSchedule>(
        *data, *source, folder.front() == '/' ? folder : data->path + "/" + folder,
        std::chrono::hours(config->backup_every == "hourly" ? 1 : 24), config->backup_keep);
  }
  auto server = http::Server::Open(std::move(server_options), std::move(router));
  if (!server) {
    fmt::print(stderr, "sinmun serve: {}\n", server.error().detail);
    return kExitUsage;
  }
  ops.server = server->get();
  // Only once the port is ours: a second serve refused for a port in use must not touch the
  // index the first one writes. The index catches up in the background while the site serves
  // (a new or deleted index is rebuilt article by article; the search page says so meanwhile).
  (*searcher)->StartFollowing();
  (*counters)->StartFlushing();
  ad_counter.StartFlushing();
  mail_sender.Start();
  index_now.Start();
  scheduler.Start();
  if (backups) backups->Start();
  // Tests and scripts read this line to learn the port when listening on port 0.
  fmt::print("sinmun: serving {} on http://{}:{}\n", config->paper.name, listen->host,
             (*server)->port());
  std::fflush(stdout);
  (*server)->Run();
  // The server has finished its requests: the last views are flushed before exit.
  (*counters)->StopFlushing();
  ad_counter.StopFlushing();
  mail_sender.Stop();
  index_now.Stop();
  scheduler.Stop();
  if (backups) backups->Stop();
  (*searcher)->StopFollowing();
  if (access_log) access_log->Flush();
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace sinmun::app
