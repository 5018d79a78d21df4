#include "store/store_text.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <unordered_set>
#include <utility>

namespace sinmun::store {

std::string JoinLines(const std::vector<std::string>& lines) {
  return fmt::format("{}", fmt::join(lines, "\n"));
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// libsodium's codec, the one mail/ uses; it does not need sodium_init.
std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

std::string FromBase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  const char* end = nullptr;  // given, so that decoding stops at a non-base64 character
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                    text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL);
  out.resize(length);
  return out;
}

std::string JsonStrings(const std::vector<std::string>& texts) {
  std::string json = "[";
  for (const std::string& text : texts) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (const char c : text) {
      if (c == '"' || c == '\\') {
        json += '\\';
        json += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        json += fmt::format("\\u{:04x}", static_cast<int>(c));
      } else {
        json += c;
      }
    }
    json += '"';
  }
  return json + "]";
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::string joined;
  for (const std::int64_t id : ids) {
    if (!joined.empty()) joined += ',';
    joined += std::to_string(id);
  }
  return joined;
}

std::string JsonIds(const std::vector<std::int64_t>& ids) { return "[" + JoinIds(ids) + "]"; }

namespace {

bool IsOneLine(std::string_view text) { return text.find_first_of("\r\n") == text.npos; }

}  // namespace

Result<> ValidateContent(const ArticleContent& content) {
  if (content.headline.empty() || !IsOneLine(content.headline)) {
    return Fail(ErrorCode::kInvalidInput, "the headline must be one non-empty line");
  }
  for (const std::string& line : content.subheadlines) {
    if (line.empty() || !IsOneLine(line)) {
      return Fail(ErrorCode::kInvalidInput, "a sub-headline must be one non-empty line");
    }
  }
  std::unordered_set<std::string> tags;
  for (const std::string& tag : content.tags) {
    if (tag.empty() || !IsOneLine(tag) || !tags.insert(tag).second) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("bad or repeated tag '{}'", tag));
    }
  }
  for (const PhotoPlacement& photo : content.photos) {
    if (!IsOneLine(photo.caption) || !IsOneLine(photo.credit) ||
        (photo.caption + photo.credit).find('\t') != std::string::npos) {
      return Fail(
          ErrorCode::kInvalidInput,
          fmt::format("photo {}: caption and credit must be one line each", photo.photo_id));
    }
  }
  std::unordered_set<ReporterId> reporters;
  for (const ReporterId id : content.reporter_ids) {
    if (!reporters.insert(id).second) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("reporter {} credited twice", id));
    }
  }
  return {};
}

std::string JoinPlacements(const std::vector<PhotoPlacement>& photos) {
  std::vector<std::string> lines;
  lines.reserve(photos.size());
  for (const PhotoPlacement& photo : photos) {
    lines.push_back(fmt::format("{}\t{}\t{}", photo.photo_id, photo.caption, photo.credit));
  }
  return JoinLines(lines);
}

std::vector<PhotoPlacement> SplitPlacements(std::string_view text) {
  std::vector<PhotoPlacement> photos;
  for (const std::string& line : SplitLines(text)) {
    const size_t first = line.find('\t');
    const size_t second = first == std::string::npos ? first : line.find('\t', first + 1);
    if (second == std::string::npos) continue;
    const std::vector<PhotoId> id = SplitIds<PhotoId>(line.substr(0, first), ',');
    if (id.size() != 1) continue;
    photos.push_back(PhotoPlacement{.photo_id = id.front(),
                                    .caption = line.substr(first + 1, second - first - 1),
                                    .credit = line.substr(second + 1)});
  }
  return photos;
}

Error ExplainContentError(Error error) {
  if (error.code == ErrorCode::kInvalidInput) {
    error.detail = "unknown section, reporter or photo id (" + error.detail + ")";
  }
  return error;
}

Result<> ValidateArticles(const std::vector<NewArticle>& articles) {
  for (size_t i = 0; i < articles.size(); ++i) {
    const NewArticle& article = articles[i];
    if (article.headline.empty()) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("article {}: empty headline", i));
    }
    std::unordered_set<ReporterId> seen;
    for (ReporterId id : article.reporter_ids) {
      if (!seen.insert(id).second) {
        return Fail(ErrorCode::kInvalidInput,
                    fmt::format("article {}: reporter {} credited twice", i, id));
      }
    }
  }
  return {};
}

// Renames a foreign-key failure into the caller's terms; other errors pass unchanged.
Error Explain(Error error, std::string detail) {
  if (error.code == ErrorCode::kInvalidInput) error.detail = std::move(detail);
  return error;
}

}  // namespace sinmun::store
