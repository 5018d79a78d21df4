#include "mail/reader_mail.hpp"

#include <fmt/format.h>

namespace sinmun::mail {
namespace {

// The step's sentence from the messages file, or "" when `key` has no label.
std::string ReaderMailStep(const render::Renderer& labels, const std::string& key) {
  std::string step = labels.Label(key);
  return step.empty() || step == key ? "" : step;
}

// `text` with the status link under it, as a message from the paper to `letter.to`.
std::string ComposeReaderMail(std::string_view paper_name, std::string_view subject,
                              std::string text, std::string_view status_label,
                              std::string_view status_path, const ReaderLetter& letter) {
  std::string_view base_url = letter.base_url;
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  text += fmt::format("\n{}:\n{}{}\n", status_label, base_url, status_path);
  const Envelope envelope{std::string(letter.from), std::string(letter.to), letter.date,
                          NewMessageId(base_url, letter.date)};
  return ComposePlainMail(paper_name, subject, text, envelope);
}

}  // namespace

Result<std::string> ComposeCorrectionMail(const render::Renderer& labels,
                                          const CorrectionNotice& notice,
                                          const ReaderLetter& letter) {
  const std::string step = ReaderMailStep(labels, "correction_mail_" + notice.state);
  if (step.empty()) {
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
  const std::string subject = fmt::format("[{}] {} #{}", notice.paper_name,
                                          labels.Label("correction_mail_subject"), notice.case_id);
  return ComposeReaderMail(notice.paper_name, subject, std::move(text),
                           labels.Label("correction_mail_status"),
                           "/corrections/status/" + notice.status_token, letter);
}

Result<std::string> ComposeTipMail(const render::Renderer& labels, const TipNotice& notice,
                                   const ReaderLetter& letter) {
  const std::string step = ReaderMailStep(labels, "tip_mail_" + notice.state);
  const std::string kind = ReaderMailStep(labels, "tip_kind_" + notice.kind);
  if (step.empty() || kind.empty()) {
    return tl::unexpected(Error{ErrorCode::kInvalidInput,
                                fmt::format("no mail for a {} {}", notice.kind, notice.state)});
  }
  std::string text = step + "\n\n";
  text += fmt::format("{}: {}\n", labels.Label("tip_mail_number"), notice.tip_id);
  text += fmt::format("{}: {}\n", labels.Label("tip_mail_title"), notice.title);
  if (!notice.reply.empty()) {
    text += fmt::format("\n{}:\n{}\n", labels.Label("tip_reply_heading"), notice.reply);
  }
  const std::string subject = fmt::format("[{}] {} #{}", notice.paper_name, kind, notice.tip_id);
  return ComposeReaderMail(notice.paper_name, subject, std::move(text),
                           labels.Label("tip_mail_status"), "/tip/status/" + notice.status_token,
                           letter);
}

}  // namespace sinmun::mail
