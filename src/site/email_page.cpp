// "E-mail this article" (기사 메일전송): the form, its checks, and the outbox write.

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "ads/click_signer.hpp"
#include "core/text.hpp"
#include "mail/message.hpp"
#include "site/article_data.hpp"
#include "site/form_token.hpp"
#include "site/pages.hpp"
#include "site/readers.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr size_t kMaxRecipients = 5;
constexpr size_t kMaxNameChars = 50;
constexpr size_t kMaxNoteChars = 500;
constexpr size_t kExcerptChars = 300;
constexpr std::string_view kEmailFormPurpose = "email-form";

// What the reader typed, kept as typed so that a form sent back shows all of it.
struct EmailForm {
  std::string sender_name;
  std::string sender_email;
  std::string recipients;
  std::string note;
  std::string honeypot;  // "website": hidden from people, filled in by form-spamming bots
  std::string token;     // "form_token": FormToken() of the page that showed the form
};

struct FormErrors {
  std::string sender_name, sender_email, recipients, note, form;
  bool any() const {
    return !sender_name.empty() || !sender_email.empty() || !recipients.empty() || !note.empty() ||
           !form.empty();
  }
};

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

EmailForm ParseEmailForm(const http::Request& request) {
  EmailForm form;
  for (const auto& [key, value] : http::ParseQuery(request.body)) {
    if (key == "sender_name")
      form.sender_name = value;
    else if (key == "sender_email")
      form.sender_email = value;
    else if (key == "recipients")
      form.recipients = value;
    else if (key == "note")
      form.note = value;
    else if (key == "website")
      form.honeypot = value;
    else if (key == "form_token")
      form.token = value;
  }
  return form;
}

// The addresses in the recipients box, split at commas, semicolons and white space,
// duplicates dropped.
std::vector<std::string> SplitRecipients(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && std::find(out.begin(), out.end(), current) == out.end()) {
      out.push_back(current);
    }
    current.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

FormErrors Check(const render::Renderer& labels, const EmailForm& form,
                 std::vector<std::string>* recipients) {
  FormErrors errors;
  const std::string name = TrimSpace(form.sender_name);
  if (name.empty() || Utf8Length(name) > kMaxNameChars) {
    errors.sender_name = labels.Label("readers_error_sender_name");
  }
  if (!mail::IsPlausibleAddress(TrimSpace(form.sender_email))) {
    errors.sender_email = labels.Label("readers_error_sender_email");
  }
  *recipients = SplitRecipients(form.recipients);
  if (recipients->empty() || recipients->size() > kMaxRecipients) {
    errors.recipients = labels.Label("readers_error_recipients");
  } else {
    for (const std::string& address : *recipients) {
      if (!mail::IsPlausibleAddress(address)) {
        errors.recipients =
            fmt::format(fmt::runtime(labels.Label("readers_error_recipient_invalid")), address);
        break;
      }
    }
  }
  if (Utf8Length(form.note) > kMaxNoteChars) errors.note = labels.Label("readers_error_note");
  if (errors.any()) errors.form = labels.Label("readers_error_form");
  return errors;
}

std::string MessageId(std::string_view origin, Timestamp now) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  std::string host(
      origin.substr(origin.find("://") == std::string_view::npos ? 0 : origin.find("://") + 3));
  host = host.substr(0, host.find(':'));
  if (host.empty()) host = "sinmun.invalid";
  return fmt::format("<sinmun.{}.{:016x}@{}>", now, random(), host);
}

http::Response RenderForm(const SiteContext& site, const PageRequest& page, const ArticleData& data,
                          const EmailForm& form, const FormErrors& errors, bool sent, int status) {
  const std::string token = site.deps.form_signer == nullptr
                                ? ""
                                : FormToken(*site.deps.form_signer, kEmailFormPurpose,
                                            data.article.id, site.deps.clock->Now());
  nlohmann::json view = {{"form_token", token},
                         {"article",
                          {{"headline", data.article.headline},
                           {"url", ArticlePath(data.article.id)},
                           {"email_url", ArticlePath(data.article.id) + "/email"}}},
                         {"form",
                          {{"sender_name", form.sender_name},
                           {"sender_email", form.sender_email},
                           {"recipients", form.recipients},
                           {"note", form.note}}},
                         {"errors",
                          {{"any", errors.any()},
                           {"form", errors.form},
                           {"sender_name", errors.sender_name},
                           {"sender_email", errors.sender_email},
                           {"recipients", errors.recipients},
                           {"note", errors.note}}},
                         {"sent", sent}};
  PageMeta meta;
  meta.title = site.deps.renderer->Label("readers_email_title") + " - " + data.article.headline;
  meta.section_slug = data.article.section.slug;
  http::Response response =
      RenderPage(site, page, "site/email", std::move(view), std::move(meta), status);
  response.cache_control = "no-store";
  return response;
}

}  // namespace

http::Response EmailArticlePage(const SiteContext& site, const http::Request& request,
                                const PageRequest& page) {
  const Timestamp now = site.deps.clock->Now();
  const render::Renderer& labels = *site.deps.renderer;
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, Error{ErrorCode::kNotFound, "bad id"}, page.view_mode);
  const Result<ArticleData> data = LoadArticle(*site.deps.store.catalog, *id, now);
  if (!data) return ErrorResponse(site, data.error(), page.view_mode);

  if (request.method != http::Method::kPost) {
    return RenderForm(site, page, *data, EmailForm{}, FormErrors{},
                      request.Query("sent").has_value(), 200);
  }
  if (site.deps.store.outbox == nullptr || site.deps.counters == nullptr ||
      site.deps.form_signer == nullptr) {
    return ErrorResponse(site, Error{ErrorCode::kUnavailable, "mail is off"}, page.view_mode);
  }
  if (!IsSameOrigin(site, request)) {
    return ErrorResponse(site, Error{ErrorCode::kForbidden, "mail form from elsewhere"},
                         page.view_mode);
  }
  const std::string sent_url = ArticlePath(*id) + "/email?sent=1";
  const EmailForm form = ParseEmailForm(request);
  // A filled honeypot is a bot: it is told "sent" and nothing is sent.
  if (!form.honeypot.empty() || IsBotRequest(site, request)) return http::Redirect(sent_url, 303);

  std::vector<std::string> recipients;
  FormErrors errors = Check(labels, form, &recipients);
  if (errors.any()) return RenderForm(site, page, *data, form, errors, false, 400);
  // Links and the Message-ID's domain come from the configuration, never from the request's
  // Host: else a forged Host would put a link of the sender's choosing in the paper's mail.
  std::string_view base_url = site.deps.config.base_url;
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  if (base_url.empty()) {
    return ErrorResponse(site, Error{ErrorCode::kUnavailable, "mail needs [server] base_url"},
                         page.view_mode);
  }
  // Answered with the form as typed and a fresh token: a person sends it again.
  if (CheckFormToken(*site.deps.form_signer, kEmailFormPurpose, *id, form.token, now,
                     site.deps.config.mail_min_fill_seconds) != TokenCheck::kGood) {
    errors.form = labels.Label("readers_error_form_token");
    return RenderForm(site, page, *data, form, errors, false, 400);
  }

  // Per client: the day's hash of the address alone (a cookie is easy to drop); per sender:
  // the address typed as sender.
  const std::string client =
      site.deps.counters->visitors().Identify(std::nullopt, request.remote_address, "", now).Id();
  const std::string sender = Lower(TrimSpace(form.sender_email));
  store::MailOutbox& store = *site.deps.store.outbox;
  const Result<store::MailOutbox::MailRequestCounts> hour =
      store.MailRequestsSince(client, sender, now - 3600);
  const Result<store::MailOutbox::MailRequestCounts> day =
      store.MailRequestsSince(client, sender, now - 86400);
  if (!hour) return ErrorResponse(site, hour.error(), page.view_mode);
  if (!day) return ErrorResponse(site, day.error(), page.view_mode);
  const auto refuse_rate = [&] {
    errors.form = labels.Label("readers_error_rate");
    return RenderForm(site, page, *data, form, errors, false, 429);
  };
  if (hour->by_client >= site.deps.config.mail_per_client_per_hour ||
      day->by_sender >= site.deps.config.mail_per_sender_per_day) {
    return refuse_rate();
  }

  mail::ArticleMail mail;
  mail.paper_name = site.deps.config.paper.name;
  mail.headline = data->article.headline;
  mail.subheadlines = data->article.subheadlines;
  mail.excerpt = TruncateUtf8(data->snippet, kExcerptChars);
  mail.url = std::string(base_url) + ArticlePath(*id);
  mail.sender_name = TrimSpace(form.sender_name);
  mail.sender_email = TrimSpace(form.sender_email);
  mail.note = TrimSpace(form.note);
  store::NewMailRequest queued{.article_id = *id,
                               .client = client,
                               .sender_email = sender,
                               .created_at = now,
                               .recipients = {}};
  for (const std::string& address : recipients) {
    const mail::Envelope envelope{site.deps.config.mail_from, address, now,
                                  MessageId(base_url, now)};
    Result<std::string> message = mail::ComposeArticleMail(labels, mail, envelope);
    if (!message) return ErrorResponse(site, message.error(), page.view_mode);
    queued.recipients.push_back({address, std::move(*message)});
  }
  // Durable before the reader is told it is sent; the background sender delivers it. The
  // per-article and site-wide hourly caps are counted by the store as it writes, so that
  // they hold for all the nodes sharing it together, whatever addresses a flood uses.
  const store::MailOutbox::MailCaps caps{
      .per_article_per_hour = site.deps.config.mail_per_article_per_hour,
      .site_per_hour = site.deps.config.mail_site_per_hour};
  if (Result<std::int64_t> stored = store.EnqueueMail(queued, caps); !stored) {
    if (stored.error().code == ErrorCode::kConflict) return refuse_rate();
    return ErrorResponse(site, stored.error(), page.view_mode);
  }
  return http::Redirect(sent_url, 303);
}

}  // namespace sinmun::site
