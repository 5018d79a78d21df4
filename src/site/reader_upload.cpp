#include "site/reader_upload.hpp"

#include <fmt/format.h>

#include <random>

#include "core/text.hpp"
#include "http/multipart.hpp"
#include "site/form_token.hpp"
#include "site/readers.hpp"

namespace sinmun::site {

ReaderUpload ParseReaderUpload(const http::Request& request, std::string_view file_field,
                               std::size_t max_file_bytes, FileSniffer sniff) {
  ReaderUpload upload;
  const std::optional<std::string> boundary =
      http::MultipartBoundary(request.Header("content-type"));
  if (!boundary) {
    upload.fields = http::ParseQuery(request.body);
    return upload;
  }
  const std::optional<std::vector<http::FormPart>> parts =
      http::ParseMultipart(request.body, *boundary);
  if (!parts) return upload;
  for (const http::FormPart& part : *parts) {
    if (!part.filename) {
      upload.fields.emplace_back(part.name, std::string(part.data));
      continue;
    }
    if (part.name != file_field || part.data.empty()) continue;
    if (part.data.size() > max_file_bytes) {
      upload.too_big = true;
      continue;
    }
    const std::optional<std::string> type = sniff(part.data);
    if (!type) {
      upload.bad_type = true;
      continue;
    }
    upload.files.push_back({.name = TruncateUtf8(*part.filename, 200),
                            .media_type = *type,
                            .data = std::string(part.data)});
  }
  return upload;
}

std::string ReaderFormToken(const SiteContext& site, std::string_view purpose) {
  if (site.deps.form_signer == nullptr) return "";
  return FormToken(*site.deps.form_signer, purpose, 0, site.deps.clock->Now());
}

std::optional<http::Response> RefuseReaderPost(const SiteContext& site,
                                               const http::Request& request,
                                               const PageRequest& page) {
  if (site.deps.form_signer == nullptr) {
    return ErrorResponse(site, Error{ErrorCode::kUnavailable, "no form signer"}, page.view_mode);
  }
  if (!IsSameOrigin(site, request)) {
    return ErrorResponse(site, Error{ErrorCode::kForbidden, "reader form from elsewhere"},
                         page.view_mode);
  }
  return std::nullopt;
}

void KeepTokenPagePrivate(http::Response& response) {
  response.cache_control = "no-store";
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Robots-Tag", "noindex");
}

std::string ReaderStatusToken() {
  // Straight from the system's random source: a seeded mt19937 is predictable from enough
  // of its output, and these tokens are keys.
  static thread_local std::random_device random;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", random(), random(), random(), random());
}

store::ClientLimit ReaderLimit(const SiteContext& site, const http::Request& request,
                               Timestamp now) {
  if (site.deps.counters == nullptr) return {};
  return {.client = site.deps.counters->visitors()
                        .Identify(std::nullopt, request.remote_address, "", now)
                        .Id(),
          .since = now - 3600,
          .max = site.deps.config.mail_per_client_per_hour};
}

}  // namespace sinmun::site
