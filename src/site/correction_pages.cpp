// Corrections and replies (정정·반론·추후보도, issue #18) for readers: the request form with its
// evidence files, the requester's status page, and the list of published corrections.

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/time.hpp"
#include "mail/reader_mail.hpp"
#include "render/picture.hpp"
#include "site/form_token.hpp"
#include "site/pages.hpp"
#include "site/reader_upload.hpp"
#include "site/readers.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr std::string_view kCorrectionFormPurpose = "correction-form";
constexpr std::size_t kMaxRequesterChars = 50;
constexpr std::size_t kMaxCorrectionTextChars = 5'000;
constexpr std::size_t kMaxEvidenceFiles = 5;
constexpr int kCorrectionListSize = 30;
// Published corrections read at once to know which articles have one (ArticleCorrectionsView).
constexpr int kCorrectedArticlesRead = 2'000;
// One evidence file; the route takes kCorrectionBodyBytes in all (pages.hpp).
constexpr std::size_t kMaxEvidenceBytes = std::size_t{5} << 20;

// What the requester typed, kept as typed so that a form sent back shows all of it. Files
// cannot be put back into a file input: a form sent back asks for them again.
struct CorrectionForm {
  std::string article;  // an article's number or its address
  std::string kind = "correction";
  std::string requester;
  std::string contact;
  std::string text;
  std::string reason;
  bool consent = false;
  std::string honeypot;  // "website": hidden from people, filled in by form-spamming bots
  std::string token;     // "form_token": FormToken() of the page that showed the form
  std::vector<store::EvidenceFile> files;
};

struct CorrectionFormErrors {
  std::string article, kind, requester, contact, text, reason, files, consent, form;
  bool any() const {
    return !article.empty() || !kind.empty() || !requester.empty() || !contact.empty() ||
           !text.empty() || !reason.empty() || !files.empty() || !consent.empty() || !form.empty();
  }
};

// What an evidence file is, by its first bytes: JPEG, PNG, WebP or PDF; nullopt for anything
// else, whatever its name or the type the browser claimed.
std::optional<std::string> SniffEvidenceType(std::string_view bytes) {
  if (const std::optional<render::PictureFormat> picture = render::SniffPicture(bytes)) {
    return std::string(render::PictureMediaType(*picture));
  }
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  return std::nullopt;
}

// "123", "/article/123" or "https://paper.example/article/123?x": 123.
std::optional<store::ArticleId> ArticleIdIn(std::string_view typed) {
  const std::string trimmed = TrimSpace(typed);
  std::string_view text = trimmed;
  if (const size_t at = text.rfind("/article/"); at != std::string_view::npos) {
    text.remove_prefix(at + 9);
  }
  const size_t end = text.find_first_not_of("0123456789");
  const std::string_view digits = text.substr(0, end);
  if (end != std::string_view::npos && text[end] != '?' && text[end] != '#' && text[end] != '/') {
    return std::nullopt;
  }
  const Result<std::int64_t> id = ParseId(digits);
  if (!id) return std::nullopt;
  return *id;
}

std::string StatusPath(std::string_view token) {
  return "/corrections/status/" + std::string(token);
}

// The form's fields and files; the refusal for a file that is not allowed or too big is the
// caller's (`too_big`, `bad_type`).
CorrectionForm ParseCorrectionForm(const http::Request& request, bool* too_big, bool* bad_type,
                                   std::size_t max_file_bytes) {
  CorrectionForm form;
  form.kind.clear();
  ReaderUpload upload = ParseReaderUpload(request, "evidence", max_file_bytes, SniffEvidenceType);
  *too_big = upload.too_big;
  *bad_type = upload.bad_type;
  form.files = std::move(upload.files);
  for (const auto& [key, value] : upload.fields) {
    if (key == "article")
      form.article = value;
    else if (key == "kind")
      form.kind = value;
    else if (key == "requester")
      form.requester = value;
    else if (key == "contact")
      form.contact = value;
    else if (key == "text")
      form.text = value;
    else if (key == "reason")
      form.reason = value;
    else if (key == "consent")
      form.consent = value == "yes";
    else if (key == "website")
      form.honeypot = value;
    else if (key == "form_token")
      form.token = value;
  }
  return form;
}

CorrectionFormErrors CheckCorrectionForm(const render::Renderer& labels, const CorrectionForm& form,
                                         bool too_many_files) {
  CorrectionFormErrors errors;
  if (!ArticleIdIn(form.article)) errors.article = labels.Label("correction_error_article");
  if (!store::ParseCorrectionKind(form.kind)) errors.kind = labels.Label("correction_error_kind");
  const std::string requester = TrimSpace(form.requester);
  if (requester.empty() || Utf8Length(requester) > kMaxRequesterChars) {
    errors.requester = labels.Label("correction_error_requester");
  }
  if (!mail::IsPlausibleAddress(TrimSpace(form.contact))) {
    errors.contact = labels.Label("correction_error_contact");
  }
  const std::string text = TrimSpace(form.text);
  if (text.empty() || Utf8Length(text) > kMaxCorrectionTextChars) {
    errors.text = labels.Label("correction_error_text");
  }
  if (Utf8Length(form.reason) > kMaxCorrectionTextChars) {
    errors.reason = labels.Label("correction_error_reason");
  }
  if (too_many_files) errors.files = labels.Label("correction_error_files");
  if (!form.consent) errors.consent = labels.Label("correction_error_consent");
  if (errors.any()) errors.form = labels.Label("readers_error_form");
  return errors;
}

http::Response RenderCorrectionForm(const SiteContext& site, const PageRequest& page,
                                    const CorrectionForm& form, const CorrectionFormErrors& errors,
                                    int status) {
  const std::string token = ReaderFormToken(site, kCorrectionFormPurpose);
  nlohmann::json kinds = nlohmann::json::array();
  for (const store::CorrectionKind kind :
       {store::CorrectionKind::kCorrection, store::CorrectionKind::kReply,
        store::CorrectionKind::kFollowUp}) {
    const std::string name(store::CorrectionKindName(kind));
    kinds.push_back(
        {{"value", name},
         {"id", "kind-" + name},
         {"label", site.deps.renderer->Label("correction_kind_" + name)},
         {"checked", form.kind == name || (form.kind.empty() && name == "correction")}});
  }
  nlohmann::json view = {{"form_token", token},
                         {"kinds", std::move(kinds)},
                         {"max_file_mb", kMaxEvidenceBytes >> 20},
                         {"form",
                          {{"article", form.article},
                           {"requester", form.requester},
                           {"contact", form.contact},
                           {"text", form.text},
                           {"reason", form.reason},
                           {"consent", form.consent}}},
                         {"errors",
                          {{"any", errors.any()},
                           {"form", errors.form},
                           {"article", errors.article},
                           {"kind", errors.kind},
                           {"requester", errors.requester},
                           {"contact", errors.contact},
                           {"text", errors.text},
                           {"reason", errors.reason},
                           {"files", errors.files},
                           {"consent", errors.consent}}}};
  PageMeta meta;
  meta.title = site.deps.renderer->Label("correction_request_title");
  meta.canonical_path = "/corrections/request";
  http::Response response =
      RenderPage(site, page, "site/correction_request", std::move(view), std::move(meta), status);
  response.cache_control = "no-store";
  return response;
}

// The requester's mail that the request was received, through the outbox; a failure to queue
// it is the caller's to ignore (the request is kept, and the status page says where it is).
Result<std::int64_t> MailReceipt(const SiteContext& site, const store::CorrectionCase& item,
                                 Timestamp now) {
  if (site.deps.store.outbox == nullptr) return 0;
  Result<std::string> message = mail::ComposeCorrectionMail(
      *site.deps.renderer,
      {.paper_name = site.deps.config.paper.name,
       .case_id = item.id,
       .headline = item.headline,
       .state = std::string(store::CaseStateName(item.state)),
       .status_token = item.status_token},
      {site.deps.config.mail_from, item.contact, site.deps.config.base_url, now});
  if (!message) return tl::unexpected(message.error());
  return site.deps.store.outbox->EnqueueNotice({.correction_id = item.id,
                                                .tip_id = std::nullopt,
                                                .recipient = item.contact,
                                                .message = std::move(*message),
                                                .created_at = now});
}

nlohmann::json PublishedView(const SiteContext& site, const store::PublishedCorrection& item) {
  const std::string kind(store::CorrectionKindName(item.kind));
  return {{"id", item.id},
          {"kind", site.deps.renderer->Label("correction_kind_" + kind)},
          {"text", item.text},
          {"headline", item.headline},
          {"article_url", ArticlePath(item.article_id)},
          {"published_iso", FormatIso8601Kst(item.published_at)},
          {"published_text", FormatKst(item.published_at)}};
}

}  // namespace

http::Response CorrectionRequestPage(const SiteContext& site, const http::Request& request,
                                     const PageRequest& page) {
  const render::Renderer& labels = *site.deps.renderer;
  store::CorrectionDesk* desk = site.deps.store.corrections;
  if (desk == nullptr) return ErrorResponse(site, 404, page.view_mode);
  if (request.method != http::Method::kPost) {
    CorrectionForm form;
    form.article = request.Query("article").value_or("");
    return RenderCorrectionForm(site, page, form, CorrectionFormErrors{}, 200);
  }
  if (std::optional<http::Response> refused = RefuseReaderPost(site, request, page)) {
    return std::move(*refused);
  }
  const Timestamp now = site.deps.clock->Now();
  bool too_big = false;
  bool bad_type = false;
  CorrectionForm form = ParseCorrectionForm(request, &too_big, &bad_type, kMaxEvidenceBytes);
  // A filled honeypot is a bot: it is shown the thanks page of nothing.
  if (!form.honeypot.empty()) return http::Redirect("/corrections/request?sent=1", 303);
  CorrectionFormErrors errors =
      CheckCorrectionForm(labels, form, form.files.size() > kMaxEvidenceFiles);
  if (too_big || bad_type) {
    errors.files =
        labels.Label(too_big ? "correction_error_file_size" : "correction_error_file_type");
    errors.form = labels.Label("readers_error_form");
    return RenderCorrectionForm(site, page, form, errors, too_big ? 413 : 415);
  }
  if (errors.any()) return RenderCorrectionForm(site, page, form, errors, 400);
  if (CheckFormToken(*site.deps.form_signer, kCorrectionFormPurpose, 0, form.token, now,
                     site.deps.config.mail_min_fill_seconds) != TokenCheck::kGood) {
    errors.form = labels.Label("readers_error_form_token");
    return RenderCorrectionForm(site, page, form, errors, 400);
  }

  store::NewCorrection filed{.article_id = *ArticleIdIn(form.article),
                             .kind = *store::ParseCorrectionKind(form.kind),
                             .requester = TrimSpace(form.requester),
                             .contact = TrimSpace(form.contact),
                             .text = TrimSpace(form.text),
                             .reason = TrimSpace(form.reason),
                             .status_token = ReaderStatusToken(),
                             .files = std::move(form.files),
                             .limit = ReaderLimit(site, request, now),
                             .received_at = now};
  // Durable before the requester is told it is received.
  const Result<store::CorrectionId> id = desk->FileCorrection(filed);
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) {
      errors.form = labels.Label("readers_error_rate_form");
      form.files.clear();
      return RenderCorrectionForm(site, page, form, errors, 429);
    }
    if (id.error().code == ErrorCode::kNotFound) {
      errors.article = labels.Label("correction_error_article");
      errors.form = labels.Label("readers_error_form");
      form.files.clear();
      return RenderCorrectionForm(site, page, form, errors, 400);
    }
    return ErrorResponse(site, id.error(), page.view_mode);
  }
  const Result<store::CorrectionCase> filed_case = desk->CorrectionById(*id);
  if (filed_case) (void)MailReceipt(site, *filed_case, now);
  return http::Redirect(StatusPath(filed.status_token) + "?received=1", 303);
}

http::Response CorrectionStatusPage(const SiteContext& site, const http::Request& request,
                                    const PageRequest& page) {
  const store::CorrectionDesk* desk = site.deps.store.corrections;
  const std::string token(request.PathParam("token"));
  if (desk == nullptr || token.empty() || token.size() > 64) {
    return ErrorResponse(site, 404, page.view_mode);
  }
  const Result<store::CorrectionCase> item = desk->CorrectionByToken(token);
  if (!item) return ErrorResponse(site, item.error(), page.view_mode);
  const render::Renderer& labels = *site.deps.renderer;
  const std::string state(store::CaseStateName(item->state));
  nlohmann::json view = {
      {"received", request.Query("received").has_value()},
      {"case",
       {{"id", item->id},
        {"headline", item->headline},
        {"article_url", ArticlePath(item->article_id)},
        {"kind",
         labels.Label("correction_kind_" + std::string(store::CorrectionKindName(item->kind)))},
        {"state", state},
        {"state_label", labels.Label("correction_state_" + state)},
        {"received_text", FormatKst(item->received_at)},
        {"reply_due", FormatKst(store::ReplyDueAt(item->received_at))},
        {"text", item->text},
        {"answer", item->answer},
        {"published_text", item->published_text}}}};
  PageMeta meta;
  meta.title = labels.Label("correction_status_title");
  http::Response response =
      RenderPage(site, page, "site/correction_status", std::move(view), std::move(meta));
  // The address is the requester's key: never kept by a cache, never sent on as a Referer.
  KeepTokenPagePrivate(response);
  return response;
}

http::Response CorrectionsList(const SiteContext& site, const http::Request& request,
                               const PageRequest& page) {
  const store::CorrectionDesk* desk = site.deps.store.corrections;
  if (desk == nullptr) return ErrorResponse(site, 404, page.view_mode);
  store::Page wanted{.number = 1, .size = kCorrectionListSize};
  if (std::optional<std::string> number = request.Query("page")) {
    const Result<std::int64_t> parsed = ParseId(*number);
    if (!parsed || *parsed > 100'000) return ErrorResponse(site, 404, page.view_mode);
    wanted.number = *parsed;
  }
  const Result<std::vector<store::PublishedCorrection>> items =
      desk->PublishedCorrections(std::nullopt, wanted);
  if (!items) return ErrorResponse(site, items.error(), page.view_mode);
  nlohmann::json listed = nlohmann::json::array();
  for (const store::PublishedCorrection& item : *items) listed.push_back(PublishedView(site, item));
  nlohmann::json view = {{"items", std::move(listed)}, {"has_items", !items->empty()}};
  if (wanted.number > 1) {
    view["newer_url"] = fmt::format("/corrections?page={}", wanted.number - 1);
  }
  if (static_cast<int>(items->size()) == kCorrectionListSize) {
    view["older_url"] = fmt::format("/corrections?page={}", wanted.number + 1);
  }
  PageMeta meta;
  meta.title = site.deps.renderer->Label("correction_list_title");
  meta.canonical_path = "/corrections";
  if (wanted.number > 1) meta.canonical_path += fmt::format("?page={}", wanted.number);
  return RenderPage(site, page, "site/corrections", std::move(view), std::move(meta));
}

nlohmann::json ArticleCorrectionsView(const SiteContext& site, store::ArticleId id) {
  nlohmann::json items = nlohmann::json::array();
  if (site.deps.store.corrections == nullptr) return items;
  // Few articles ever have one: the list of those that have is read once per change to the
  // paper (a publish is one), and an article not on it needs no read of its own (a statement
  // on every article page's miss, 26 µs of an idle server's 0.9 ms). A list cut at the read's
  // size says nothing of the rest, and without the page cache the list would be read on every
  // page: each article is then asked as before.
  if (site.deps.config.page_cache_seconds > 0) {
    const Result<std::shared_ptr<const CorrectedArticles>> corrected =
        site.shared->corrected_articles.Get(
            site.cache->Generation(), [&]() -> Result<CorrectedArticles> {
              const Result<std::vector<store::PublishedCorrection>> all =
                  site.deps.store.corrections->PublishedCorrections(
                      std::nullopt, store::Page{.number = 1, .size = kCorrectedArticlesRead});
              if (!all) return tl::unexpected(all.error());
              CorrectedArticles made;
              made.complete = all->size() < std::size_t{kCorrectedArticlesRead};
              for (const store::PublishedCorrection& item : *all) made.ids.insert(item.article_id);
              return made;
            });
    if (corrected && (*corrected)->complete && !(*corrected)->ids.contains(id)) return items;
  }
  const Result<std::vector<store::PublishedCorrection>> published =
      site.deps.store.corrections->PublishedCorrections(id, store::Page{.number = 1, .size = 20});
  if (!published) return items;
  for (const store::PublishedCorrection& item : *published) {
    items.push_back(PublishedView(site, item));
  }
  return items;
}

}  // namespace sinmun::site
