#pragma once
// The mail a correction requester (정정·반론·추후보도, issue #18) gets at each step of the case:
// received, reviewing, accepted, refused, published. Plain text from the messages file
// ("correction_mail_<state>"), with the article, the paper's answer and the status link.
// Thread safety: a free function, safe from any thread.

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

// Who it goes to, from whom, and the paper's address for the status link and the
// Message-ID (the configuration's base_url, never a request's Host).
struct CorrectionLetter {
  std::string_view from;
  std::string_view to;
  std::string_view base_url;
  Timestamp date = 0;
};

// The whole message. kInvalidInput for a state without a label.
Result<std::string> ComposeCorrectionMail(const render::Renderer& labels,
                                          const CorrectionNotice& notice,
                                          const CorrectionLetter& letter);

}  // namespace sinmun::mail
