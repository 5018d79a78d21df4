#include "counters/redis_exchange.hpp"

#include <fmt/format.h>
#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <charconv>
#include <string_view>

namespace sinmun::counters {
namespace {

constexpr std::string_view kStreamKey = "sinmun:views";
constexpr timeval kTimeout{0, 500'000};  // connect and each command
constexpr int kReadCount = 1000;         // entries per XREAD

template <typename T>
bool ParseNumber(std::string_view text, T* out, int base = 10) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *out, base);
  return !text.empty() && ec == std::errc() && ptr == end;
}

// "article,section,hour,views;…"
std::string PackViews(const std::vector<store::HourlyViews>& views) {
  std::string out;
  for (const store::HourlyViews& v : views) {
    if (!out.empty()) out += ';';
    out += fmt::format("{},{},{},{}", v.article_id, v.section_id, v.hour, v.views);
  }
  return out;
}

// Entries that do not parse are left out: a stream shared with an unknown writer never stops
// the counting.
std::vector<store::HourlyViews> UnpackViews(std::string_view text) {
  std::vector<store::HourlyViews> out;
  while (!text.empty()) {
    const size_t end = text.find(';');
    std::string_view item = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    std::int64_t fields[4];
    int n = 0;
    for (; n < 4 && !item.empty(); ++n) {
      const size_t comma = item.find(',');
      if (!ParseNumber(item.substr(0, comma), &fields[n])) break;
      item = comma == std::string_view::npos ? std::string_view() : item.substr(comma + 1);
    }
    if (n != 4 || !item.empty()) continue;
    out.push_back(store::HourlyViews{fields[0], fields[1], fields[2], fields[3]});
  }
  return out;
}

std::string_view Text(const redisReply* reply) {
  if (reply == nullptr || (reply->type != REDIS_REPLY_STRING && reply->type != REDIS_REPLY_STATUS))
    return {};
  return std::string_view(reply->str, reply->len);
}

}  // namespace

struct RedisExchange::Reply {
  redisReply* reply = nullptr;
  ~Reply() {
    if (reply != nullptr) freeReplyObject(reply);
  }
};

Result<RedisAddress> ParseRedisUrl(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  std::string_view rest = url;
  if (rest.substr(0, kScheme.size()) != kScheme) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("redis url '{}' must start with redis://", url));
  }
  rest.remove_prefix(kScheme.size());
  RedisAddress address;
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    const size_t colon = credentials.find(':');
    if (colon == std::string_view::npos) {
      address.password = std::string(credentials);
    } else {
      address.user = std::string(credentials.substr(0, colon));
      address.password = std::string(credentials.substr(colon + 1));
    }
    rest.remove_prefix(at + 1);
  }
  if (const size_t slash = rest.find('/'); slash != std::string_view::npos) {
    const std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && (!ParseNumber(db, &address.db) || address.db < 0)) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("redis url '{}': the database must be a number", url));
    }
    rest = rest.substr(0, slash);
  }
  if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    if (!ParseNumber(rest.substr(colon + 1), &address.port) || address.port < 1 ||
        address.port > 65535) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("redis url '{}': the port must be a number 1-65535", url));
    }
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("redis url '{}' names no host", url));
  }
  address.host = std::string(rest);
  return address;
}

RedisExchange::RedisExchange(RedisAddress address, std::uint64_t node)
    : address_(std::move(address)), node_(node) {}

RedisExchange::~RedisExchange() {
  if (context_ != nullptr) redisFree(context_);
}

Result<> RedisExchange::Connect() {
  if (context_ != nullptr) return {};
  redisContext* context = redisConnectWithTimeout(address_.host.c_str(), address_.port, kTimeout);
  if (context == nullptr) return Fail(ErrorCode::kUnavailable, "redis: out of memory");
  if (context->err != 0) {
    Error error{ErrorCode::kUnavailable,
                fmt::format("redis {}:{}: {}", address_.host, address_.port, context->errstr)};
    redisFree(context);
    return tl::unexpected(std::move(error));
  }
  redisSetTimeout(context, kTimeout);
  context_ = context;
  if (!address_.password.empty()) {
    std::vector<std::string> auth = {"AUTH", address_.password};
    if (!address_.user.empty()) auth.insert(auth.begin() + 1, address_.user);
    if (auto done = Command(auth); !done) return tl::unexpected(done.error());
  }
  if (address_.db != 0) {
    if (auto select = Command({"SELECT", std::to_string(address_.db)}); !select) {
      return tl::unexpected(select.error());
    }
  }
  return {};
}

Result<std::unique_ptr<RedisExchange::Reply>> RedisExchange::Command(
    const std::vector<std::string>& args) {
  if (Result<> connected = Connect(); !connected) return tl::unexpected(connected.error());
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  auto reply = std::make_unique<Reply>();
  reply->reply = static_cast<redisReply*>(
      redisCommandArgv(context_, static_cast<int>(args.size()), argv.data(), lengths.data()));
  std::string failure;
  if (reply->reply == nullptr) {
    failure = context_->errstr;
  } else if (reply->reply->type == REDIS_REPLY_ERROR) {
    failure = std::string(reply->reply->str, reply->reply->len);
  }
  if (!failure.empty() || reply->reply == nullptr) {
    // A broken connection cannot be trusted with the next command: start afresh.
    redisFree(context_);
    context_ = nullptr;
    return Fail(ErrorCode::kUnavailable, fmt::format("redis {}: {}", args.front(), failure));
  }
  return reply;
}

Result<std::string> RedisExchange::LastId() {
  auto reply = Command({"XREVRANGE", std::string(kStreamKey), "+", "-", "COUNT", "1"});
  if (!reply) return tl::unexpected(reply.error());
  const redisReply* r = (*reply)->reply;
  if (r->type != REDIS_REPLY_ARRAY || r->elements == 0) return std::string("0-0");
  const redisReply* entry = r->element[0];
  if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 1) {
    return Fail(ErrorCode::kUnavailable, "redis XREVRANGE: unexpected reply");
  }
  return std::string(Text(entry->element[0]));
}

Result<> RedisExchange::Publish(const ViewBatch& batch) {
  auto reply = Command({"XADD", std::string(kStreamKey), "MAXLEN", "~",
                        std::to_string(kStreamLength), "*", "node", fmt::format("{:x}", node_),
                        "us", std::to_string(batch.committed_us), "views", PackViews(batch.views)});
  if (!reply) return tl::unexpected(reply.error());
  return {};
}

Result<std::vector<ViewBatch>> RedisExchange::ReadAfter(std::string* after_id) {
  std::vector<ViewBatch> batches;
  for (;;) {
    auto reply = Command({"XREAD", "COUNT", std::to_string(kReadCount), "STREAMS",
                          std::string(kStreamKey), *after_id});
    if (!reply) return tl::unexpected(reply.error());
    const redisReply* r = (*reply)->reply;
    // Nil: nothing after that id. Otherwise [[key, [[id, [field, value, …]], …]]].
    if (r->type != REDIS_REPLY_ARRAY || r->elements == 0) return batches;
    const redisReply* stream = r->element[0];
    if (stream->type != REDIS_REPLY_ARRAY || stream->elements < 2 ||
        stream->element[1]->type != REDIS_REPLY_ARRAY) {
      return Fail(ErrorCode::kUnavailable, "redis XREAD: unexpected reply");
    }
    const redisReply* entries = stream->element[1];
    for (size_t i = 0; i < entries->elements; ++i) {
      const redisReply* entry = entries->element[i];
      if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 2) continue;
      *after_id = std::string(Text(entry->element[0]));
      const redisReply* fields = entry->element[1];
      if (fields->type != REDIS_REPLY_ARRAY) continue;
      ViewBatch batch;
      bool has_node = false;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        const std::string_view name = Text(fields->element[f]);
        const std::string_view value = Text(fields->element[f + 1]);
        if (name == "node") has_node = ParseNumber(value, &batch.node, 16);
        if (name == "us") ParseNumber(value, &batch.committed_us);
        if (name == "views") batch.views = UnpackViews(value);
      }
      if (!has_node || batch.node == node_) continue;
      batches.push_back(std::move(batch));
    }
    if (entries->elements < static_cast<size_t>(kReadCount)) return batches;
  }
}

}  // namespace sinmun::counters
