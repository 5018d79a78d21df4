// `sinmun user add` and `sinmun user passwd`: newsroom accounts from the command line.

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "core/time.hpp"
#include "newsroom/crypto.hpp"
#include "store/store.hpp"

namespace sinmun::app {
namespace {

// Reads one line from the terminal without echoing it.
std::optional<std::string> ReadHidden(const char* prompt) {
  fmt::print(stderr, "{}", prompt);
  std::fflush(stderr);
  termios saved{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  fmt::print(stderr, "\n");
  if (!read) return std::nullopt;
  return line;
}

// The new password: the first line of `file`, or asked twice on the terminal.
// kInvalidInput when it cannot be read or breaks the rules.
Result<std::string> NewPassword(const std::string& file) {
  std::string password;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Fail(ErrorCode::kInvalidInput, fmt::format("cannot read {}", file));
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else {
    if (::isatty(STDIN_FILENO) == 0) {
      return Fail(ErrorCode::kInvalidInput,
                  "no terminal to ask the password on: use --password-file");
    }
    const std::optional<std::string> first = ReadHidden("Password: ");
    const std::optional<std::string> second = ReadHidden("Password again: ");
    if (!first || !second) return Fail(ErrorCode::kInvalidInput, "no password given");
    if (*first != *second) return Fail(ErrorCode::kInvalidInput, "the two passwords differ");
    password = *first;
  }
  if (password.size() < newsroom::kMinPasswordLength ||
      password.size() > newsroom::kMaxPasswordLength) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("the password must have {} to {} characters",
                            newsroom::kMinPasswordLength, newsroom::kMaxPasswordLength));
  }
  return password;
}

// The argon2id hash of a new password read as NewPassword reads it; on failure prints why
// (prefixed with `command`) and gives the exit code.
tl::expected<std::string, int> NewPasswordHash(const std::string& file, const char* command) {
  const Result<std::string> password = NewPassword(file);
  if (!password) {
    fmt::print(stderr, "{}: {}\n", command, password.error().detail);
    return tl::unexpected(kExitUsage);
  }
  Result<std::string> hash = newsroom::HashPassword(*password);
  if (!hash) {
    fmt::print(stderr, "{}: {}\n", command, hash.error().detail);
    return tl::unexpected(kExitFailed);
  }
  return std::move(*hash);
}

Result<std::unique_ptr<store::Store>> OpenPaperStore(const std::string& dir,
                                                     const std::string& store_url) {
  auto data = PrepareDataDir(dir, /*create=*/false);
  if (!data) return Fail(ErrorCode::kInvalidInput, data.error().detail);
  if (Result<> chosen = ChooseStore(&*data, store_url); !chosen) {
    return tl::unexpected(chosen.error());
  }
  return store::OpenStore(data->store_url);
}

}  // namespace

int UserAdd(const UserAddOptions& options) {
  const std::optional<store::Role> role = store::ParseRole(options.role);
  if (!role) {
    fmt::print(
        stderr,
        "sinmun user add: unknown role '{}' (reporter, editor, admin, ad_manager or ombudsman)\n",
        options.role);
    return kExitUsage;
  }
  if (!newsroom::IsPlausibleEmail(options.email)) {
    fmt::print(stderr, "sinmun user add: '{}' is not an e-mail address\n", options.email);
    return kExitUsage;
  }
  if (options.name.empty()) {
    fmt::print(stderr, "sinmun user add: --name must not be empty\n");
    return kExitUsage;
  }
  auto store = OpenPaperStore(options.data_dir, options.store_url);
  if (!store) {
    fmt::print(stderr, "sinmun user add: {}\n", store.error().detail);
    return store.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitFailed;
  }
  // Refuse a taken e-mail before asking for a password nobody will use.
  if ((*store)->CredentialsByEmail(options.email)) {
    fmt::print(stderr, "sinmun user add: an account with e-mail {} exists\n", options.email);
    return kExitUsage;
  }
  const tl::expected<std::string, int> hash =
      NewPasswordHash(options.password_file, "sinmun user add");
  if (!hash) return hash.error();
  std::optional<store::ReporterId> reporter;
  if (options.reporter_id > 0) reporter = options.reporter_id;
  const Result<store::UserId> id =
      (*store)->InsertUser(store::NewUser{.email = options.email,
                                          .name = options.name,
                                          .role = *role,
                                          .reporter_id = reporter,
                                          .password_hash = *hash,
                                          .created_at = SystemClock().Now()});
  if (!id) {
    fmt::print(stderr, "sinmun user add: {}\n", id.error().detail);
    const ErrorCode code = id.error().code;
    return code == ErrorCode::kConflict || code == ErrorCode::kInvalidInput ? kExitUsage
                                                                            : kExitFailed;
  }
  fmt::print("sinmun user add: added {} <{}> as {} (user {})\n", options.name, options.email,
             store::RoleName(*role), *id);
  return kExitOk;
}

int UserPasswd(const UserPasswdOptions& options) {
  auto store = OpenPaperStore(options.data_dir, options.store_url);
  if (!store) {
    fmt::print(stderr, "sinmun user passwd: {}\n", store.error().detail);
    return store.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitFailed;
  }
  const Result<store::UserCredentials> user = (*store)->CredentialsByEmail(options.email);
  if (!user) {
    fmt::print(stderr, "sinmun user passwd: {}\n",
               user.error().code == ErrorCode::kNotFound
                   ? fmt::format("no account with e-mail {}", options.email)
                   : user.error().detail);
    return user.error().code == ErrorCode::kNotFound ? kExitUsage : kExitFailed;
  }
  const tl::expected<std::string, int> hash =
      NewPasswordHash(options.password_file, "sinmun user passwd");
  if (!hash) return hash.error();
  if (Result<> done = (*store)->ChangePassword(user->user.id, *hash, std::nullopt); !done) {
    fmt::print(stderr, "sinmun user passwd: {}\n", done.error().detail);
    return kExitFailed;
  }
  // The account of an imported author (sinmun import wordpress) waits, inactive and with no
  // usable password ("!"), for this first password: it is turned on with it.
  if (!user->user.active && user->password_hash == "!") {
    store::User enabled = user->user;
    enabled.active = true;
    if (Result<> done = (*store)->UpdateUser(enabled); !done) {
      fmt::print(stderr, "sinmun user passwd: {}\n", done.error().detail);
      return kExitFailed;
    }
    fmt::print("sinmun user passwd: {} (imported) can now log in\n", options.email);
  }
  fmt::print("sinmun user passwd: changed the password of {}; its sessions have ended\n",
             options.email);
  return kExitOk;
}

}  // namespace sinmun::app
