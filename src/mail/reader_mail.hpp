#pragma once
// The mail a reader gets about what they sent the paper (issue #18), at each step the desk
// takes: a correction requester (정정·반론·추후보도: received, reviewing, accepted, refused,
// published) and a tipster who gave an e-mail address (received, reviewing, used, declined).
// Plain text from the messages file ("correction_mail_<state>", "tip_mail_<state>"), with
// what it is about, the paper's answer and the status link.
// Thread safety: free functions, safe from any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"
#include "mail/message.hpp"
#include "render/renderer.hpp"

namespace sinmun::mail {

struct CorrectionNotice {
  std::string paper_name;
  std::int64_t case_id = 0;
  std::string headline;        // the article's
  std::string state;           // store::CaseStateName of the step reached
  std::string answer;          // the paper's answer, "" when none
  std::string published_text;  // once published
  std::string status_token;    // the requester's status page: /corrections/status/<token>
};

struct TipNotice {
  std::string paper_name;
  std::int64_t tip_id = 0;
  std::string kind;          // store::TipKindName: "tip", "submission"
  std::string title;         // as the tipster typed it
  std::string state;         // store::TipStateName of the step reached
  std::string reply;         // the desk's reply, "" when none
  std::string status_token;  // the tipster's status page: /tip/status/<token>
};

// Who it goes to, from whom, and the paper's address for the status link and the
// Message-ID (the configuration's base_url, never a request's Host).
struct ReaderLetter {
  std::string_view from;
  std::string_view to;
  std::string_view base_url;
  Timestamp date = 0;
};

// The whole message. kInvalidInput for a state without a label.
Result<std::string> ComposeCorrectionMail(const render::Renderer& labels,
                                          const CorrectionNotice& notice,
                                          const ReaderLetter& letter);
Result<std::string> ComposeTipMail(const render::Renderer& labels, const TipNotice& notice,
                                   const ReaderLetter& letter);

}  // namespace sinmun::mail
