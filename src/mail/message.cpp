#include "mail/message.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <random>

#include "core/text.hpp"

namespace sinmun::mail {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Base64 in lines of 76 characters, as RFC 2045 asks of a body.
std::string Base64Body(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

bool IsPlainHeaderText(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return text.find("=?") == std::string_view::npos;
}

// Where a UTF-8 sequence starting at text[i] ends.
size_t NextCodePoint(std::string_view text, size_t i) {
  ++i;
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// RFC 5322 date in UTC: "Sat, 28 Nov 2026 01:02:03 +0000".
std::string MailDate(Timestamp at) {
  const std::time_t t = at;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

// Header values come from a form: no line breaks may reach the header block.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string WithCrlf(std::string_view text) {
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    if (c != '\r') crlf += c;
  }
  return crlf;
}

std::string PlainText(const ArticleMail& mail) {
  std::string text;
  text += fmt::format("{} <{}>님이 {} 기사를 보냈습니다.\n\n", mail.sender_name, mail.sender_email,
                      mail.paper_name);
  if (!mail.note.empty()) text += mail.note + "\n\n";
  text += mail.headline + "\n";
  for (const std::string& sub : mail.subheadlines) text += "- " + sub + "\n";
  text += "\n" + mail.excerpt + "\n\n" + mail.url + "\n";
  return WithCrlf(text);
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  if (IsPlainHeaderText(text)) return std::string(text);
  // "=?UTF-8?B?" + base64 + "?=" <= 75: at most 45 bytes of text a word, cut between code
  // points so every word decodes on its own.
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = start;
    while (end < text.size()) {
      const size_t next = NextCodePoint(text, end);
      if (next - start > 45) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

bool IsPlausibleAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = address.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return false;
  }
  for (unsigned char c : address) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == ',' || c == ';' ||
        c == '(' || c == ')' || c == '[' || c == ']' || c == '\\') {
      return false;
    }
  }
  return true;
}

Result<std::string> ComposeArticleMail(const render::Renderer& renderer, const ArticleMail& mail,
                                       const Envelope& envelope) {
  const nlohmann::json view = {{"mail",
                                {{"paper_name", mail.paper_name},
                                 {"headline", mail.headline},
                                 {"subheadlines", mail.subheadlines},
                                 {"has_subheadlines", !mail.subheadlines.empty()},
                                 {"excerpt", mail.excerpt},
                                 {"url", mail.url},
                                 {"sender_name", mail.sender_name},
                                 {"sender_email", mail.sender_email},
                                 {"note", mail.note}}}};
  Result<std::string> html = renderer.Render("mail/article", view);
  if (!html) return tl::unexpected(html.error());

  // The boundary cannot occur in base64 text (it has '=' and '_' runs base64 never makes).
  const std::string boundary = "=_sinmun_" + std::to_string(envelope.date) + "_alt";
  const std::string subject =
      fmt::format("[{}] {}", OneLine(mail.paper_name), OneLine(mail.headline));
  std::string message;
  message += "Date: " + MailDate(envelope.date) + "\r\n";
  message += "From: " + EncodeHeaderText(OneLine(mail.paper_name)) + " <" + envelope.from + ">\r\n";
  message += "To: <" + envelope.to + ">\r\n";
  message += "Reply-To: " + EncodeHeaderText(OneLine(mail.sender_name)) + " <" +
             OneLine(mail.sender_email) + ">\r\n";
  message += "Subject: " + EncodeHeaderText(subject) + "\r\n";
  message += "Message-ID: " + envelope.message_id + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  message += "\r\n";
  message += "--" + boundary + "\r\n";
  message += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  message += Base64Body(PlainText(mail));
  message += "--" + boundary + "\r\n";
  message += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  message += Base64Body(*html);
  message += "--" + boundary + "--\r\n";
  return message;
}

std::string ComposePlainMail(std::string_view paper_name, std::string_view subject,
                             std::string_view text, const Envelope& envelope) {
  std::string message;
  message += "Date: " + MailDate(envelope.date) + "\r\n";
  message += "From: " + EncodeHeaderText(OneLine(paper_name)) + " <" + envelope.from + ">\r\n";
  message += "To: <" + envelope.to + ">\r\n";
  message += "Subject: " + EncodeHeaderText(OneLine(subject)) + "\r\n";
  message += "Message-ID: " + envelope.message_id + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n";
  message += "\r\n";
  message += Base64Body(WithCrlf(text));
  return message;
}

std::string NewMessageId(std::string_view base_url, Timestamp now) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  const size_t scheme = base_url.find("://");
  std::string host(base_url.substr(scheme == std::string_view::npos ? 0 : scheme + 3));
  host = host.substr(0, host.find_first_of(":/"));
  if (host.empty()) host = "sinmun.invalid";
  return fmt::format("<sinmun.{}.{:016x}@{}>", now, random(), host);
}

}  // namespace sinmun::mail
