#pragma once
// Expected failures are values: every fallible call returns Result<T>.
// An Error never carries an HTTP status; http::StatusFor maps codes to statuses once.

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace sinmun {

enum class ErrorCode {
  kInvalidInput,  // the caller sent something malformed: a bad id, a bad page number
  kNotFound,      // no such thing, or not visible (an unpublished article)
  kConflict,      // a unique name taken, a stale revision
  kForbidden,     // not allowed for this user
  kTooLarge,      // a body or a header over the limit
  kUnavailable,   // a backend is down or busy: try again later
  kInternal,      // a bug or a broken invariant on our side
};

struct Error {
  ErrorCode code;
  std::string detail;  // for the log; pages show text chosen by the handler
};

template <typename T = void>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string detail) {
  return tl::unexpected<Error>(Error{code, std::move(detail)});
}

// A short English name of the code, for logs and CLI messages.
const char* ErrorCodeName(ErrorCode code);

}  // namespace sinmun
