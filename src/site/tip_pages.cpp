// News tips and reader submissions (제보하기, 독자투고, issue #18) for readers: the form, with
// its consent block, the anonymous option and files typed by content (photos written again
// without EXIF), and the tipster's status page. A tipster who gave an e-mail address gets a
// receipt with the status link through the outbox.

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/time.hpp"
#include "mail/message.hpp"
#include "mail/reader_mail.hpp"
#include "render/picture.hpp"
#include "site/form_token.hpp"
#include "site/pages.hpp"
#include "site/reader_upload.hpp"
#include "site/readers.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr std::string_view kTipFormPurpose = "tip-form";
constexpr std::size_t kMaxTipNameChars = 50;
constexpr std::size_t kMaxTipContactChars = 100;
constexpr std::size_t kMaxTipTitleChars = 200;
constexpr std::size_t kMaxTipTextChars = 20'000;
constexpr std::size_t kMaxTipFiles = 5;

// What the tipster typed, kept as typed so that a form sent back shows all of it. Files
// cannot be put back into a file input: a form sent back asks for them again.
struct TipForm {
  std::string kind;
  bool anonymous = false;
  std::string name;
  std::string contact;
  std::string title;
  std::string text;
  bool consent = false;
  std::string honeypot;  // "website": hidden from people, filled in by form-spamming bots
  std::string token;     // "form_token"
  std::vector<store::EvidenceFile> files;
};

struct TipFormErrors {
  std::string kind, name, contact, title, text, files, consent, form;
  bool any() const {
    return !kind.empty() || !name.empty() || !contact.empty() || !title.empty() || !text.empty() ||
           !files.empty() || !consent.empty() || !form.empty();
  }
};

// What a tip's file is by its first bytes: a photo (JPEG, PNG, WebP), a video (MP4 or
// QuickTime, WebM or Matroska) or a document (PDF; HWP or an old Office file, both OLE
// compound files; HWPX, DOCX, XLSX or PPTX, zip files that say so in their first entry).
// HEIC and AVIF photos share MP4's box format: they are refused, since their EXIF would go
// through untouched.
std::optional<std::string> SniffTipFileType(std::string_view bytes) {
  if (const std::optional<render::PictureFormat> picture = render::SniffPicture(bytes)) {
    return std::string(render::PictureMediaType(*picture));
  }
  if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") {
    const std::string_view brand = bytes.substr(8, 4);
    for (const std::string_view still : {"heic", "heix", "hevc", "mif1", "msf1", "avif", "avis"}) {
      if (brand == still) return std::nullopt;
    }
    return brand == "qt  " ? "video/quicktime" : "video/mp4";
  }
  if (bytes.starts_with("\x1A\x45\xDF\xA3")) {
    return bytes.substr(0, 64).find("webm") != std::string_view::npos ? "video/webm"
                                                                      : "video/x-matroska";
  }
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "application/x-hwp";
  if (bytes.starts_with("PK\x03\x04")) {
    const std::string_view head = bytes.substr(0, 512);
    if (head.find("application/hwp+zip") != std::string_view::npos) return "application/hwp+zip";
    if (head.find("[Content_Types].xml") != std::string_view::npos) {
      return "application/vnd.openxmlformats-officedocument";
    }
  }
  return std::nullopt;
}

// "someone@example.com", or a phone number: digits with -, +, spaces and parentheses.
bool IsTipContact(std::string_view contact) {
  if (contact.find('@') != std::string_view::npos) return mail::IsPlausibleAddress(contact);
  int digits = 0;
  for (const char c : contact) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '-' && c != '+' && c != ' ' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 7 && digits <= 15;
}

bool IsTipOneLine(std::string_view text) { return text.find_first_of("\r\n") == text.npos; }

std::string TipStatusPath(std::string_view token) { return "/tip/status/" + std::string(token); }

// The tipster's receipt with the status link, through the outbox, when they gave an e-mail
// address; a failure to queue it is the caller's to ignore (the tip is kept, and the status
// page the tipster is sent to says where it is).
Result<std::int64_t> MailTipReceipt(const SiteContext& site, const store::Tip& tip, Timestamp now) {
  if (site.deps.store.outbox == nullptr || !mail::IsPlausibleAddress(tip.contact)) return 0;
  Result<std::string> message = mail::ComposeTipMail(
      *site.deps.renderer,
      {.paper_name = site.deps.config.paper.name,
       .tip_id = tip.id,
       .kind = std::string(store::TipKindName(tip.kind)),
       .title = tip.title,
       .state = std::string(store::TipStateName(tip.state)),
       .status_token = tip.status_token},
      {site.deps.config.mail_from, tip.contact, site.deps.config.base_url, now});
  if (!message) return tl::unexpected(message.error());
  return site.deps.store.outbox->EnqueueNotice({.correction_id = std::nullopt,
                                                .tip_id = tip.id,
                                                .recipient = tip.contact,
                                                .message = std::move(*message),
                                                .created_at = now});
}

TipForm ReadTipForm(ReaderUpload upload) {
  TipForm form;
  form.files = std::move(upload.files);
  for (const auto& [key, value] : upload.fields) {
    if (key == "kind")
      form.kind = value;
    else if (key == "anonymous")
      form.anonymous = value == "yes";
    else if (key == "name")
      form.name = value;
    else if (key == "contact")
      form.contact = value;
    else if (key == "title")
      form.title = value;
    else if (key == "text")
      form.text = value;
    else if (key == "consent")
      form.consent = value == "yes";
    else if (key == "website")
      form.honeypot = value;
    else if (key == "form_token")
      form.token = value;
  }
  return form;
}

TipFormErrors CheckTipForm(const render::Renderer& labels, const TipForm& form) {
  TipFormErrors errors;
  if (!store::ParseTipKind(form.kind)) errors.kind = labels.Label("tip_error_kind");
  if (!form.anonymous) {
    const std::string name = TrimSpace(form.name);
    if (name.empty() || Utf8Length(name) > kMaxTipNameChars || !IsTipOneLine(name)) {
      errors.name = labels.Label("tip_error_name");
    }
    const std::string contact = TrimSpace(form.contact);
    if (Utf8Length(contact) > kMaxTipContactChars || !IsTipContact(contact)) {
      errors.contact = labels.Label("tip_error_contact");
    }
  }
  const std::string title = TrimSpace(form.title);
  if (title.empty() || Utf8Length(title) > kMaxTipTitleChars || !IsTipOneLine(title)) {
    errors.title = labels.Label("tip_error_title");
  }
  const std::string text = TrimSpace(form.text);
  if (text.empty() || Utf8Length(text) > kMaxTipTextChars) {
    errors.text = labels.Label("tip_error_text");
  }
  if (form.files.size() > kMaxTipFiles) errors.files = labels.Label("tip_error_files");
  if (!form.consent) errors.consent = labels.Label("tip_error_consent");
  if (errors.any()) errors.form = labels.Label("readers_error_form");
  return errors;
}

http::Response RenderTipForm(const SiteContext& site, const PageRequest& page, const TipForm& form,
                             const TipFormErrors& errors, int status) {
  const render::Renderer& labels = *site.deps.renderer;
  const std::string token = ReaderFormToken(site, kTipFormPurpose);
  const bool submission = form.kind == "submission";
  nlohmann::json kinds = nlohmann::json::array();
  for (const store::TipKind kind : {store::TipKind::kTip, store::TipKind::kSubmission}) {
    const std::string name(store::TipKindName(kind));
    kinds.push_back({{"value", name},
                     {"id", "kind-" + name},
                     {"label", labels.Label("tip_kind_" + name)},
                     {"checked", form.kind == name || (form.kind.empty() && name == "tip")}});
  }
  const nlohmann::json view = {{"form_token", token},
                               {"kinds", std::move(kinds)},
                               {"max_file_mb", kMaxTipFileBytes >> 20},
                               {"max_files", kMaxTipFiles},
                               {"form",
                                {{"anonymous", form.anonymous},
                                 {"name", form.name},
                                 {"contact", form.contact},
                                 {"title", form.title},
                                 {"text", form.text},
                                 {"consent", form.consent}}},
                               {"errors",
                                {{"any", errors.any()},
                                 {"form", errors.form},
                                 {"kind", errors.kind},
                                 {"name", errors.name},
                                 {"contact", errors.contact},
                                 {"title", errors.title},
                                 {"text", errors.text},
                                 {"files", errors.files},
                                 {"consent", errors.consent}}}};
  PageMeta meta;
  meta.title = labels.Label(submission ? "tip_submission_title" : "tip_form_title");
  meta.canonical_path = "/tip";
  http::Response response =
      RenderPage(site, page, "site/tip_form", std::move(view), std::move(meta), status);
  response.cache_control = "no-store";
  return response;
}

// Photos written again without their metadata, in place. The refusal's label key, or "".
std::string CleanTipPhotos(std::vector<store::EvidenceFile>& files) {
  for (store::EvidenceFile& file : files) {
    if (!file.media_type.starts_with("image/")) continue;
    render::CleanedPicture cleaned = render::CleanPicture(file.data);
    if (!cleaned.refusal.empty()) {
      return cleaned.refusal == "encode" ? "tip_error_photo_encode" : "tip_error_photo_damaged";
    }
    file.data = std::move(cleaned.bytes);
  }
  return "";
}

}  // namespace

http::Response TipFormPage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const render::Renderer& labels = *site.deps.renderer;
  store::TipBox* box = site.deps.store.tips;
  if (box == nullptr) return ErrorResponse(site, 404, page.view_mode);
  if (request.method != http::Method::kPost) {
    TipForm form;
    form.kind = request.path == "/submit" ? "submission" : "tip";
    return RenderTipForm(site, page, form, TipFormErrors{}, 200);
  }
  if (std::optional<http::Response> refused = RefuseReaderPost(site, request, page)) {
    return std::move(*refused);
  }
  const Timestamp now = site.deps.clock->Now();
  ReaderUpload upload = ParseReaderUpload(request, "files", kMaxTipFileBytes, SniffTipFileType);
  const bool too_big = upload.too_big;
  const bool bad_type = upload.bad_type;
  TipForm form = ReadTipForm(std::move(upload));
  // A filled honeypot is a bot: it is shown the thanks of nothing.
  if (!form.honeypot.empty()) return http::Redirect("/tip?sent=1", 303);
  TipFormErrors errors = CheckTipForm(labels, form);
  if (too_big || bad_type) {
    errors.files = labels.Label(too_big ? "tip_error_file_size" : "tip_error_file_type");
    errors.form = labels.Label("readers_error_form");
    return RenderTipForm(site, page, form, errors, too_big ? 413 : 415);
  }
  if (errors.any()) return RenderTipForm(site, page, form, errors, 400);
  if (CheckFormToken(*site.deps.form_signer, kTipFormPurpose, 0, form.token, now,
                     site.deps.config.mail_min_fill_seconds) != TokenCheck::kGood) {
    errors.form = labels.Label("readers_error_form_token");
    return RenderTipForm(site, page, form, errors, 400);
  }
  if (const std::string refusal = CleanTipPhotos(form.files); !refusal.empty()) {
    errors.files = labels.Label(refusal);
    errors.form = labels.Label("readers_error_form");
    return RenderTipForm(site, page, form, errors, 400);
  }

  const store::NewTip tip{.kind = *store::ParseTipKind(form.kind),
                          .anonymous = form.anonymous,
                          .name = form.anonymous ? "" : TrimSpace(form.name),
                          .contact = form.anonymous ? "" : TrimSpace(form.contact),
                          .title = TrimSpace(form.title),
                          .text = TrimSpace(form.text),
                          .status_token = ReaderStatusToken(),
                          .files = std::move(form.files),
                          .limit = ReaderLimit(site, request, now),
                          .received_at = now};
  // Durable before the tipster is told it is received.
  const Result<store::TipId> id = box->FileTip(tip);
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) {
      errors.form = labels.Label("readers_error_rate_form");
      return RenderTipForm(site, page, form, errors, 429);
    }
    return ErrorResponse(site, id.error(), page.view_mode);
  }
  if (const Result<store::Tip> filed = box->TipById(*id); filed)
    (void)MailTipReceipt(site, *filed, now);
  return http::Redirect(TipStatusPath(tip.status_token) + "?received=1", 303);
}

http::Response TipStatusPage(const SiteContext& site, const http::Request& request,
                             const PageRequest& page) {
  const store::TipBox* box = site.deps.store.tips;
  const std::string token(request.PathParam("token"));
  if (box == nullptr || token.empty() || token.size() > 64) {
    return ErrorResponse(site, 404, page.view_mode);
  }
  const Result<store::Tip> tip = box->TipByToken(token);
  if (!tip) return ErrorResponse(site, tip.error(), page.view_mode);
  const render::Renderer& labels = *site.deps.renderer;
  const std::string state(store::TipStateName(tip->state));
  const nlohmann::json view = {
      {"received", request.Query("received").has_value()},
      {"tip",
       {{"id", tip->id},
        {"kind", labels.Label("tip_kind_" + std::string(store::TipKindName(tip->kind)))},
        {"title", tip->title},
        {"state", state},
        {"state_label", labels.Label("tip_state_" + state)},
        {"received_text", FormatKst(tip->received_at)},
        {"files", tip->files},
        {"reply", tip->reply}}}};
  PageMeta meta;
  meta.title = labels.Label("tip_status_title");
  http::Response response =
      RenderPage(site, page, "site/tip_status", std::move(view), std::move(meta));
  // The address is the tipster's key: never kept by a cache, never sent on as a Referer.
  KeepTokenPagePrivate(response);
  return response;
}

}  // namespace sinmun::site
