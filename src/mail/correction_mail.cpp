#include "mail/correction_mail.hpp"

#include <fmt/format.h>

namespace sinmun::mail {

Result<std::string> ComposeCorrectionMail(const render::Renderer& labels,
                                          const CorrectionNotice& notice,
                                          const CorrectionLetter& letter) {
  const std::string step = labels.Label("correction_mail_" + notice.state);
  if (step.empty() || step.starts_with("correction_mail_")) {
    return tl::unexpected(Error{ErrorCode::kInvalidInput, "no mail for state " + notice.state});
  }
  std::string text = step + "\n\n";
  text += fmt::format("{}: {}\n", labels.Label("correction_mail_case"), notice.case_id);
  text += fmt::format("{}: {}\n", labels.Label("correction_mail_article"), notice.headline);
  if (!notice.answer.empty()) {
    text += fmt::format("\n{}:\n{}\n", labels.Label("correction_mail_answer"), notice.answer);
  }
  if (!notice.published_text.empty()) {
    text += fmt::format("\n{}:\n{}\n", labels.Label("correction_mail_published_text"),
                        notice.published_text);
  }
  std::string_view base_url = letter.base_url;
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  text += fmt::format("\n{}:\n{}/corrections/status/{}\n", labels.Label("correction_mail_status"),
                      base_url, notice.status_token);
  const Envelope envelope{std::string(letter.from), std::string(letter.to), letter.date,
                          NewMessageId(base_url, letter.date)};
  const std::string subject = fmt::format("[{}] {} #{}", notice.paper_name,
                                          labels.Label("correction_mail_subject"), notice.case_id);
  return ComposePlainMail(notice.paper_name, subject, text, envelope);
}

}  // namespace sinmun::mail
