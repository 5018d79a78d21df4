#pragma once
// Corrections and replies (정정·반론·추후보도, issue #18): a reader's request about an article
// becomes a case the newsroom works through, received -> reviewing -> accepted or refused ->
// published, with the deadlines the 언론중재법 sets. A published case is shown at the top of
// its article and listed at /corrections.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using CorrectionId = std::int64_t;

// 정정보도 (the report was untrue), 반론보도 (the requester's side), 추후보도 (a criminal
// charge reported was later dropped or ended in acquittal).
enum class CorrectionKind { kCorrection, kReply, kFollowUp };
// "correction", "reply", "follow_up": the stored names, also the form's values.
std::string_view CorrectionKindName(CorrectionKind kind);
std::optional<CorrectionKind> ParseCorrectionKind(std::string_view name);

enum class CaseState { kReceived, kReviewing, kAccepted, kRefused, kPublished };
// "received", "reviewing", "accepted", "refused", "published".
std::string_view CaseStateName(CaseState state);
std::optional<CaseState> ParseCaseState(std::string_view name);
// The moves a case may make: received -> reviewing; reviewing -> accepted or refused;
// accepted -> published. Refused and published are final.
bool MayMove(CaseState from, CaseState to);

// The deadlines of 언론중재법 제15조, counted as the 민법 counts days (제157조: the day of
// receipt is not counted, a period ends at the end of its last day, here in KST): the paper
// answers whether it accepts within 3 days, and publishes an accepted request within 7 days
// of receiving it. The law counts publication from receipt; since a case is accepted after
// it is received, this also meets "within 7 days of accepting".
Timestamp ReplyDueAt(Timestamp received_at);
Timestamp PublishDueAt(Timestamp received_at);

// Evidence a requester attached. `data` is the file's bytes; `media_type` what its content
// is (the site sniffs it; the name is only shown).
struct EvidenceFile {
  std::string name;
  std::string media_type;
  std::string data;
};

// A per-client limit on what readers send (corrections, tips): a client is the day's hash of
// its address (counters' visitor id), and the store refuses with kConflict a request from a
// client that sent `max` since `since`, checked in the write that stores it. max 0: no limit.
struct ClientLimit {
  std::string client;
  Timestamp since = 0;
  int max = 0;
};

struct NewCorrection {
  ArticleId article_id = 0;
  CorrectionKind kind = CorrectionKind::kCorrection;
  std::string requester;     // name
  std::string contact;       // e-mail address the steps are mailed to
  std::string text;          // the text asked to be published
  std::string reason;        // why (what was wrong); may be empty
  std::string status_token;  // unguessable: the requester's status link; unique
  std::vector<EvidenceFile> files;
  ClientLimit limit;
  Timestamp received_at = 0;
};

struct CorrectionCase {
  CorrectionId id = 0;
  ArticleId article_id = 0;
  std::string headline;  // the article's
  CorrectionKind kind = CorrectionKind::kCorrection;
  CaseState state = CaseState::kReceived;
  std::string requester;
  std::string contact;
  std::string text;
  std::string reason;
  std::string status_token;
  std::optional<UserId> assignee;  // the 고충처리인 handling it
  std::string assignee_name;
  std::string answer;          // the paper's answer: why it refused, or a note on accepting
  std::string published_text;  // the correction as published
  std::int64_t files = 0;      // how many evidence files
  Timestamp received_at = 0;
  std::optional<Timestamp> decided_at;  // accepted or refused
  std::optional<Timestamp> published_at;
};

// Overdue at `now`: not yet answered past ReplyDueAt, or accepted and not published past
// PublishDueAt.
bool IsOverdue(const CorrectionCase& item, Timestamp now);

// A move of a case by the newsroom.
struct CaseMove {
  CaseState to = CaseState::kReviewing;
  std::string answer;          // kAccepted, kRefused: the answer to the requester
  std::string published_text;  // kPublished: the text shown; required
  Timestamp at = 0;
};

struct CaseQuery {
  std::optional<CaseState> state;  // none: every case
  Page page;
};

using CasePage = ItemPage<CorrectionCase>;

// A published correction as readers see it.
struct PublishedCorrection {
  CorrectionId id = 0;
  ArticleId article_id = 0;
  std::string headline;  // the article's
  CorrectionKind kind = CorrectionKind::kCorrection;
  std::string text;
  Timestamp published_at = 0;
};

class CorrectionDesk {
 public:
  virtual ~CorrectionDesk() = default;

  // Records a request, its evidence with it, as received. kNotFound unless the article is
  // published at received_at; kInvalidInput for an empty requester, contact, text or token;
  // kConflict past request.limit.
  virtual Result<CorrectionId> FileCorrection(const NewCorrection& request) = 0;

  // kNotFound when there is none.
  virtual Result<CorrectionCase> CorrectionById(CorrectionId id) const = 0;
  virtual Result<CorrectionCase> CorrectionByToken(std::string_view status_token) const = 0;
  // The evidence of a case, in the order it was sent.
  virtual Result<std::vector<EvidenceFile>> CorrectionFiles(CorrectionId id) const = 0;

  // Cases matching `query`, newest first.
  virtual Result<CasePage> CorrectionCases(const CaseQuery& query) const = 0;
  // Every case not yet final (received, reviewing, accepted), oldest first: for the deadlines.
  virtual Result<std::vector<CorrectionCase>> OpenCorrections() const = 0;

  // Hands a case to a user (nullopt: to nobody). kNotFound for an unknown case or user.
  virtual Result<> AssignCorrection(CorrectionId id, std::optional<UserId> user) = 0;

  // Moves a case and returns it as it is after. kConflict when the move is not allowed from
  // its state (MayMove), kInvalidInput when publishing without a text. Publishing bumps the
  // change sequence for the article, so that its cached pages are made again.
  virtual Result<CorrectionCase> MoveCorrection(CorrectionId id, const CaseMove& move) = 0;

  // Published corrections, newest first: of one article (for its box), or of all (nullopt).
  virtual Result<std::vector<PublishedCorrection>> PublishedCorrections(
      std::optional<ArticleId> article, Page page) const = 0;
};

}  // namespace sinmun::store
