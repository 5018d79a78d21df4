// Search benchmark (issue #5): sinmun's Korean search against plain Xapian (FLAG_CJK_NGRAM)
// and SQLite FTS5 (trigram tokenizer) over the same articles, in the same run.
//
//   sinmun_search_bench --data DIR [--queries bench/search_queries.tsv]
//                       [--engines sinmun,xapian-cjk,fts5] [--rounds 5] [--reuse]
//
// DIR is a data folder made by `sinmun demo` (bench/search.sh makes one). For each query of the
// queries file the bench first plants an article with the query in its headline (and the body
// of a demo article) in the store; then, for each engine: builds its index from the store
// (read the same way for all three), measures its size, runs the 50 queries `rounds` times
// (after one warm-up round) for p50/p99 latency of the first page of 10, and checks quality:
// the planted article among the first 3, and no result lacking the query's words (a result's
// text with all spaces removed must contain every required string of the query's line).
// It changes the data folder (planted articles, indexes in DIR/bench-*): use a scratch copy.
// --reuse measures the queries again over what an earlier run planted and built (sinmun only).

#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/searcher.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using sinmun::store::ArticleId;
using Clock = std::chrono::steady_clock;

namespace {

struct Query {
  std::string text;
  std::string kind;
  std::vector<std::string> required;
  ArticleId planted = 0;
};

std::vector<std::string> SplitOn(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

std::vector<Query> ReadQueries(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Query> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = SplitOn(line, '\t');
    if (fields.size() != 3) throw std::runtime_error("bad line: " + line);
    queries.push_back(Query{fields[0], fields[1], SplitOn(fields[2], ','), 0});
  }
  return queries;
}

template <typename T>
T Must(sinmun::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().detail);
  return std::move(*result);
}

std::string WithoutSpaces(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

// Every published article of the store, in change order, as sinmun's own indexer reads them.
void ForEachArticle(const sinmun::store::Store& store,
                    const std::function<void(const sinmun::store::Article&)>& visit) {
  std::int64_t seq = 0;
  for (;;) {
    const auto changes = Must(store.ChangesSince(seq, 1000));
    if (changes.empty()) return;
    std::set<ArticleId> seen;
    for (const auto& change : changes) {
      if (!seen.insert(change.article_id).second) continue;
      auto article =
          store.PublishedArticle(change.article_id, std::numeric_limits<sinmun::Timestamp>::max());
      if (article) visit(*article);
    }
    seq = changes.back().seq;
  }
}

std::uintmax_t SizeOf(const fs::path& path) {
  if (fs::is_regular_file(path)) return fs::file_size(path);
  std::uintmax_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string Name() const = 0;
  // Builds the index; returns the articles indexed.
  virtual std::int64_t Build() = 0;
  // Opens the index an earlier run built (--reuse); returns false when there is none.
  virtual bool Reopen() { return false; }
  virtual std::uintmax_t IndexBytes() const = 0;
  // The first 10 results, best first.
  virtual std::vector<ArticleId> Search(const std::string& query) = 0;
};

class SinmunEngine final : public Engine {
 public:
  SinmunEngine(sinmun::store::Store& store, fs::path folder, sinmun::Timestamp now)
      : store_(store), folder_(std::move(folder)), now_(now) {}
  std::string Name() const override { return "sinmun (Korean analyzer)"; }
  std::int64_t Build() override {
    fs::remove_all(folder_);
    const std::int64_t indexed = Must(sinmun::search::Reindex(store_, folder_));
    searcher_ = Must(sinmun::search::OpenSearchIndex(&store_, folder_));
    return indexed;
  }
  bool Reopen() override {
    if (!fs::exists(folder_ / "current")) return false;
    searcher_ = Must(sinmun::search::OpenSearchIndex(&store_, folder_));
    return true;
  }
  std::uintmax_t IndexBytes() const override {
    return SizeOf(folder_ / fs::read_symlink(folder_ / "current"));
  }
  std::vector<ArticleId> Search(const std::string& query) override {
    sinmun::search::SearchRequest request;
    request.query = query;
    request.now = now_;
    return Must(searcher_->Search(request)).ids;
  }

 private:
  sinmun::store::Store& store_;
  const fs::path folder_;
  const sinmun::Timestamp now_;
  std::unique_ptr<sinmun::search::Searcher> searcher_;
};

// Xapian as it comes: TermGenerator and QueryParser with FLAG_CJK_NGRAM, words AND-ed.
class XapianCjkEngine final : public Engine {
 public:
  XapianCjkEngine(const sinmun::store::Store& store, fs::path folder)
      : store_(store), folder_(std::move(folder)) {}
  std::string Name() const override { return "Xapian FLAG_CJK_NGRAM"; }
  std::int64_t Build() override {
    fs::remove_all(folder_);
    std::int64_t indexed = 0;
    {
      Xapian::WritableDatabase database(folder_.string(), Xapian::DB_CREATE);
      Xapian::TermGenerator generator;
      generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
      generator.set_stemmer(Xapian::Stem("en"));
      ForEachArticle(store_, [&](const sinmun::store::Article& article) {
        Xapian::Document document;
        generator.set_document(document);
        generator.index_text(article.headline);
        generator.increase_termpos();
        for (const std::string& subheadline : article.subheadlines) {
          generator.index_text(subheadline);
          generator.increase_termpos();
        }
        generator.index_text(article.body_markdown);
        database.replace_document(static_cast<Xapian::docid>(article.id), document);
        ++indexed;
      });
      database.commit();
    }
    database_ = Xapian::Database(folder_.string());
    parser_.set_database(database_);
    parser_.set_stemmer(Xapian::Stem("en"));
    parser_.set_default_op(Xapian::Query::OP_AND);
    return indexed;
  }
  std::uintmax_t IndexBytes() const override { return SizeOf(folder_); }
  std::vector<ArticleId> Search(const std::string& query) override {
    Xapian::Enquire enquire(database_);
    enquire.set_query(parser_.parse_query(
        query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM));
    const Xapian::MSet matches = enquire.get_mset(0, 10);
    std::vector<ArticleId> ids;
    for (auto it = matches.begin(); it != matches.end(); ++it) ids.push_back(*it);
    return ids;
  }

 private:
  const sinmun::store::Store& store_;
  const fs::path folder_;
  Xapian::Database database_;
  Xapian::QueryParser parser_;
};

// SQLite FTS5 with the trigram tokenizer; each word of the query a quoted string, AND-ed.
class Fts5Engine final : public Engine {
 public:
  Fts5Engine(const sinmun::store::Store& store, fs::path file)
      : store_(store), file_(std::move(file)) {}
  ~Fts5Engine() override {
    if (search_ != nullptr) sqlite3_finalize(search_);
    if (db_ != nullptr) sqlite3_close(db_);
  }
  std::string Name() const override { return "SQLite FTS5 trigram"; }
  std::int64_t Build() override {
    fs::remove(file_);
    if (sqlite3_open(file_.string().c_str(), &db_) != SQLITE_OK)
      throw std::runtime_error("fts5 open");
    Exec("PRAGMA journal_mode=WAL");
    Exec("CREATE VIRTUAL TABLE articles USING fts5(headline, body, tokenize='trigram')");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db_, "INSERT INTO articles(rowid, headline, body) VALUES (?, ?, ?)", -1,
                       &insert, nullptr);
    std::int64_t indexed = 0;
    Exec("BEGIN");
    ForEachArticle(store_, [&](const sinmun::store::Article& article) {
      std::string body;
      for (const std::string& subheadline : article.subheadlines) body += subheadline + "\n";
      body += article.body_markdown;
      sqlite3_bind_int64(insert, 1, article.id);
      sqlite3_bind_text(insert, 2, article.headline.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, body.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
      sqlite3_reset(insert);
      if (++indexed % 10000 == 0) {
        Exec("COMMIT");
        Exec("BEGIN");
      }
    });
    Exec("COMMIT");
    sqlite3_finalize(insert);
    Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_prepare_v2(db_,
                       "SELECT rowid FROM articles WHERE articles MATCH ? ORDER BY rank LIMIT 10",
                       -1, &search_, nullptr);
    return indexed;
  }
  std::uintmax_t IndexBytes() const override { return SizeOf(file_); }
  std::vector<ArticleId> Search(const std::string& query) override {
    std::string match;
    for (const std::string& word : SplitOn(query, ' ')) {
      if (word.empty()) continue;
      if (!match.empty()) match += ' ';
      match += '"' + word + '"';
    }
    std::vector<ArticleId> ids;
    sqlite3_bind_text(search_, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(search_) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(search_, 0));
    sqlite3_reset(search_);
    return ids;
  }

 private:
  void Exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(message);
    }
  }
  const sinmun::store::Store& store_;
  const fs::path file_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* search_ = nullptr;
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  return values[index];
}

// Plants, for each query, an article with the query in its headline; its body is a demo
// article's, so it is no shorter than the others.
void Plant(sinmun::store::Store& store, std::vector<Query>& queries, sinmun::Timestamp at) {
  const auto sections = Must(store.Sections());
  const auto reporters = Must(store.Reporters());
  std::vector<sinmun::store::NewArticle> articles;
  for (size_t i = 0; i < queries.size(); ++i) {
    sinmun::store::NewArticle article;
    article.section_id = sections[i % sections.size()].id;
    article.headline = queries[i].text + ", 현장에서 본 과제와 전망";
    const auto donor = store.PublishedArticle(static_cast<ArticleId>(7 * i + 1),
                                              std::numeric_limits<sinmun::Timestamp>::max());
    article.body_markdown = donor ? donor->body_markdown : "본문";
    article.reporter_ids = {reporters[i % reporters.size()].id};
    article.registered_at = at - static_cast<sinmun::Timestamp>(i);  // no two at the same second
    articles.push_back(std::move(article));
  }
  const auto ids = Must(store.InsertArticles(articles));
  for (size_t i = 0; i < queries.size(); ++i) queries[i].planted = ids[i];
}

struct Report {
  std::string name;
  std::int64_t indexed = 0;
  double build_seconds = 0;
  double build_cpu_seconds =
      0;  // this process, all threads: what the build costs on a busy machine
  std::uintmax_t bytes = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  // The same in CPU time of the searching thread: what a query costs without waiting for a
  // core (this machine is shared; wall-clock tails there are mostly waits to be scheduled).
  double p50_cpu_ms = 0;
  double p99_cpu_ms = 0;
  int planted_top3 = 0;
  int false_hits = 0;
  int results = 0;
  int empty_queries = 0;
  std::vector<std::string> misses;
  std::vector<std::pair<double, std::string>> slowest;  // median ms, query
};

Report Measure(Engine& engine, std::vector<Query>& queries, const sinmun::store::Store& store,
               int rounds, bool reuse) {
  Report report;
  report.name = engine.Name();
  if (reuse && !engine.Reopen()) throw std::runtime_error("nothing to reuse for " + report.name);
  std::fprintf(stderr, "%s: building…\n", report.name.c_str());
  const auto cpu_seconds = [] {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  };
  const double cpu_start = cpu_seconds();
  const auto start = Clock::now();
  report.indexed = reuse ? 0 : engine.Build();
  report.build_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report.build_cpu_seconds = cpu_seconds() - cpu_start;
  report.bytes = engine.IndexBytes();

  std::map<std::string, std::string> texts;  // article text without spaces, by id
  const auto text_of = [&](ArticleId id) -> const std::string& {
    const std::string key = std::to_string(id);
    auto it = texts.find(key);
    if (it == texts.end()) {
      std::string text;
      if (auto article =
              store.PublishedArticle(id, std::numeric_limits<sinmun::Timestamp>::max())) {
        text = article->headline + "\n";
        for (const std::string& sub : article->subheadlines) text += sub + "\n";
        text += article->body_markdown;
      }
      it = texts.emplace(key, WithoutSpaces(text)).first;
    }
    return it->second;
  };
  for (const Query& query : queries) {
    const std::vector<ArticleId> ids = engine.Search(query.text);
    report.results += static_cast<int>(ids.size());
    if (ids.empty()) ++report.empty_queries;
    const auto planted = std::find(ids.begin(), ids.end(), query.planted);
    if (planted != ids.end() && planted - ids.begin() < 3) {
      ++report.planted_top3;
    } else {
      report.misses.push_back(query.text);
    }
    for (const ArticleId id : ids) {
      const std::string& text = text_of(id);
      for (const std::string& word : query.required) {
        if (text.find(word) == std::string::npos) {
          ++report.false_hits;
          break;
        }
      }
    }
  }

  const auto thread_cpu_ms = [] {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
  };
  std::vector<double> latencies;
  std::vector<double> cpu_latencies;
  std::vector<std::vector<double>> by_query(queries.size());
  for (int round = 0; round <= rounds; ++round) {
    for (size_t q = 0; q < queries.size(); ++q) {
      const double cpu_begin = thread_cpu_ms();
      const auto begin = Clock::now();
      (void)engine.Search(queries[q].text);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
      const double cpu_ms = thread_cpu_ms() - cpu_begin;
      if (round == 0) continue;  // round 0 warms the caches
      latencies.push_back(ms);
      cpu_latencies.push_back(cpu_ms);
      by_query[q].push_back(ms);
    }
  }
  for (size_t q = 0; q < queries.size(); ++q) {
    report.slowest.emplace_back(Percentile(by_query[q], 0.5), queries[q].text);
  }
  std::sort(report.slowest.rbegin(), report.slowest.rend());
  report.slowest.resize(std::min<size_t>(report.slowest.size(), 5));
  report.p50_ms = Percentile(latencies, 0.50);
  report.p99_ms = Percentile(latencies, 0.99);
  report.p50_cpu_ms = Percentile(cpu_latencies, 0.50);
  report.p99_cpu_ms = Percentile(cpu_latencies, 0.99);
  std::fprintf(stderr, "%s: done\n", report.name.c_str());
  return report;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path data;
  fs::path queries_file = "bench/search_queries.tsv";  // run from the source folder
  std::string engines = "sinmun,xapian-cjk,fts5";
  int rounds = 5;
  bool reuse = false;
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--reuse") {
      reuse = true;  // planted and indexed by an earlier run: measure the queries only
      --i;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", flag.c_str());
      return 2;
    }
    if (flag == "--data")
      data = argv[i + 1];
    else if (flag == "--queries")
      queries_file = argv[i + 1];
    else if (flag == "--engines")
      engines = argv[i + 1];
    else if (flag == "--rounds")
      rounds = std::stoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  if (data.empty()) {
    std::fprintf(stderr,
                 "usage: sinmun_search_bench --data DIR [--queries FILE] "
                 "[--engines sinmun,xapian-cjk,fts5] [--rounds N]\n");
    return 2;
  }
  try {
    auto store = Must(sinmun::store::OpenStore("sqlite:" + (data / "sinmun.db").string()));
    std::vector<Query> queries = ReadQueries(queries_file);
    const sinmun::Timestamp now = static_cast<sinmun::Timestamp>(std::time(nullptr));
    if (reuse) {
      // The planted articles are the store's last changes, in query order.
      const std::int64_t last = Must(store->ChangeSequence());
      const auto changes =
          Must(store->ChangesSince(last - std::ssize(queries), static_cast<int>(queries.size())));
      for (size_t i = 0; i < queries.size() && i < changes.size(); ++i) {
        queries[i].planted = changes[i].article_id;
      }
    } else {
      Plant(*store, queries, now - 60);
    }

    std::vector<Report> reports;
    for (const std::string& name : SplitOn(engines, ',')) {
      std::unique_ptr<Engine> engine;
      if (name == "sinmun")
        engine = std::make_unique<SinmunEngine>(*store, data / "bench-sinmun", now);
      else if (name == "xapian-cjk")
        engine = std::make_unique<XapianCjkEngine>(*store, data / "bench-xapian-cjk");
      else if (name == "fts5")
        engine = std::make_unique<Fts5Engine>(*store, data / "bench-fts5.db");
      else
        throw std::runtime_error("unknown engine " + name);
      reports.push_back(Measure(*engine, queries, *store, rounds, reuse));
    }

    std::printf(
        "| engine | articles | build | rate | CPU per article | index | per article | p50 | p99 | "
        "p50 CPU | p99 CPU | planted in top 3 | false hits | queries with no result |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Report& r : reports) {
      if (r.indexed == 0) {  // --reuse: no build measured
        std::printf(
            "| %s (reused index) | | | | | %.1f MB | | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d "
            "of %zu | %d of %d | %d |\n",
            r.name.c_str(), r.bytes / 1e6, r.p50_ms, r.p99_ms, r.p50_cpu_ms, r.p99_cpu_ms,
            r.planted_top3, queries.size(), r.false_hits, r.results, r.empty_queries);
        continue;
      }
      std::printf(
          "| %s | %lld | %.1f s | %.0f/s | %.2f ms | %.1f MB | %.2f KB | %.2f ms | %.2f ms | %.2f "
          "ms | %.2f ms | %d of %zu | %d of %d | %d |\n",
          r.name.c_str(), static_cast<long long>(r.indexed), r.build_seconds,
          r.indexed / std::max(r.build_seconds, 1e-9),
          1000.0 * r.build_cpu_seconds / std::max<std::int64_t>(r.indexed, 1), r.bytes / 1e6,
          r.bytes / 1024.0 / std::max<std::int64_t>(r.indexed, 1), r.p50_ms, r.p99_ms, r.p50_cpu_ms,
          r.p99_cpu_ms, r.planted_top3, queries.size(), r.false_hits, r.results, r.empty_queries);
    }
    for (const Report& r : reports) {
      std::printf("\n%s: planted article not in the top 3 for:", r.name.c_str());
      for (const std::string& miss : r.misses) std::printf(" «%s»", miss.c_str());
      std::printf("\n%s: slowest queries (median):", r.name.c_str());
      for (const auto& [ms, text] : r.slowest) std::printf(" «%s» %.1f ms", text.c_str(), ms);
      std::printf("\n");
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "sinmun_search_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
