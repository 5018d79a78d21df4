#pragma once
// News tips and reader submissions (제보, 독자투고, issue #18): what a reader sends through
// /tip, with its files, kept as received until the newsroom works it through received ->
// reviewing -> used or declined. Every step the desk takes (state, assignment, reply, note,
// draft) is an event of the tip, which is its history in the inbox.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/corrections.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using TipId = std::int64_t;

// 제보 (a tip: something the paper might report) or 독자투고 (a reader's own text, which may
// be published bylined 독자).
enum class TipKind { kTip, kSubmission };
// "tip", "submission": the stored names, also the form's values.
std::string_view TipKindName(TipKind kind);
std::optional<TipKind> ParseTipKind(std::string_view name);

enum class TipState { kReceived, kReviewing, kUsed, kDeclined };
// "received", "reviewing", "used", "declined".
std::string_view TipStateName(TipState state);
std::optional<TipState> ParseTipState(std::string_view name);
// received -> reviewing, used or declined; reviewing -> used or declined. Used and declined
// are final.
bool MayMoveTip(TipState from, TipState to);

struct NewTip {
  TipKind kind = TipKind::kTip;
  // Anonymous: no name and no contact are stored, whatever was typed.
  bool anonymous = false;
  std::string name;
  std::string contact;  // an e-mail address the steps are mailed to, or a phone number
  std::string title;
  std::string text;
  std::string status_token;  // unguessable: the tipster's status link; unique
  std::vector<EvidenceFile> files;
  ClientLimit limit;
  Timestamp received_at = 0;
};

struct Tip {
  TipId id = 0;
  TipKind kind = TipKind::kTip;
  TipState state = TipState::kReceived;
  bool anonymous = false;
  std::string name;
  std::string contact;
  std::string title;
  std::string text;
  std::string status_token;
  std::optional<UserId> assignee;
  std::string assignee_name;
  std::string reply;                  // the desk's reply to the tipster, shown on the status page
  std::optional<ArticleId> draft_id;  // the draft a submission became
  std::int64_t files = 0;
  Timestamp received_at = 0;
  Timestamp updated_at = 0;
};

// One step in a tip's history: "state" (text: the new state), "assign" (the assignee's
// name, empty for nobody), "reply", "note", "draft" (the article's number).
struct TipEvent {
  Timestamp at = 0;
  std::optional<UserId> user_id;
  std::string user_name;
  std::string action;
  std::string text;
};

struct TipQuery {
  std::optional<TipState> state;
  std::optional<TipKind> kind;
  Page page;
};

using TipPage = ItemPage<Tip>;

class TipBox {
 public:
  virtual ~TipBox() = default;

  // Records a tip and its files as received. kInvalidInput for an empty title, text or
  // token; kConflict when limit.client has filed limit.max tips since limit.since.
  virtual Result<TipId> FileTip(const NewTip& tip) = 0;

  // kNotFound when there is none.
  virtual Result<Tip> TipById(TipId id) const = 0;
  virtual Result<Tip> TipByToken(std::string_view status_token) const = 0;
  // The files of a tip, in the order they were sent.
  virtual Result<std::vector<EvidenceFile>> TipFiles(TipId id) const = 0;
  // Tips matching `query`, newest first.
  virtual Result<TipPage> Tips(const TipQuery& query) const = 0;
  // The tip's history, oldest first.
  virtual Result<std::vector<TipEvent>> TipEvents(TipId id) const = 0;

  // Hands a tip to a user (nullopt: to nobody). kNotFound for an unknown tip or user.
  virtual Result<> AssignTip(TipId id, std::optional<UserId> user, UserId by, Timestamp at) = 0;
  // Moves a tip and returns it as it is after; kConflict when MayMoveTip says no.
  virtual Result<Tip> MoveTip(TipId id, TipState to, UserId by, Timestamp at) = 0;
  // Sets the reply the tipster sees on the status page (empty: none).
  virtual Result<> ReplyToTip(TipId id, std::string_view reply, UserId by, Timestamp at) = 0;
  // A note for the desk only. kInvalidInput when empty.
  virtual Result<> AddTipNote(TipId id, std::string_view note, UserId by, Timestamp at) = 0;
  // Records the draft a submission became; kConflict when it already has one.
  virtual Result<> LinkTipDraft(TipId id, ArticleId draft, UserId by, Timestamp at) = 0;
};

}  // namespace sinmun::store
