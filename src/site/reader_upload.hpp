#pragma once
// Private to site/: what the reader forms that take files (corrections, tips) share: reading
// the multipart body with its files typed by content, the status link's token, and the
// per-client limit the store checks when it keeps what was sent.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "site/context.hpp"
#include "store/corrections.hpp"

namespace sinmun::site {

// What a file is by its first bytes ("image/jpeg", …), nullopt when the form does not take it.
using FileSniffer = std::optional<std::string> (*)(std::string_view bytes);

struct ReaderUpload {
  std::vector<std::pair<std::string, std::string>> fields;  // in the order sent
  std::vector<store::EvidenceFile> files;                   // those taken, media type sniffed
  bool too_big = false;   // a file over the limit was left out: 413
  bool bad_type = false;  // a file the sniffer refused was left out: 415
};

// The fields of a multipart (or urlencoded) body, and the non-empty files sent under
// `file_field` that are at most max_file_bytes and that `sniff` knows.
ReaderUpload ParseReaderUpload(const http::Request& request, std::string_view file_field,
                               std::size_t max_file_bytes, FileSniffer sniff);

// The form token (site/form_token.hpp) for a form of `purpose` shown now; "" without a signer.
std::string ReaderFormToken(const SiteContext& site, std::string_view purpose);

// The answer to a POST of a reader form that cannot be taken at all (no signer: 503; from
// another site: 403), or nullopt to go on.
std::optional<http::Response> RefuseReaderPost(const SiteContext& site,
                                               const http::Request& request,
                                               const PageRequest& page);

// A page reached by a requester's token: never kept by a cache, never sent on as a Referer,
// never indexed.
void KeepTokenPagePrivate(http::Response& response);

// 128 random bits from the system's source, in hex: a requester's status link.
std::string ReaderStatusToken();

// The store's limit for what one client (the day's hash of its address) sends in an hour:
// [mail] per_client_per_hour, for each form apart. No limit without the site's counters.
store::ClientLimit ReaderLimit(const SiteContext& site, const http::Request& request,
                               Timestamp now);

}  // namespace sinmun::site
