#pragma once
// Reads a received message with Python's email package (the parser mail clients agree with):
// decoded headers and the text of each part, as JSON.

#include <nlohmann/json.hpp>
#include <string>

#include "mail/smtp_server.hpp"

namespace sinmun::testing {

inline nlohmann::json ParseMail(const std::string& message) {
  const std::string script =
      "import sys, json, email\n"
      "from email import policy\n"
      "m = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)\n"
      "parts = {p.get_content_type(): p.get_content() for p in m.walk() if not p.is_multipart()}\n"
      "print(json.dumps({\"subject\": str(m[\"subject\"]), \"from\": str(m[\"from\"]),"
      " \"to\": str(m[\"to\"]), \"reply_to\": str(m[\"reply-to\"]), \"type\": m.get_content_type(),"
      " \"rcpt\": m.get_all(\"x-rcpt-to\") or [], \"text\": parts.get(\"text/plain\", \"\"),"
      " \"html\": parts.get(\"text/html\", \"\"), \"defects\": len(m.defects)}))\n";
  return nlohmann::json::parse(RunPython(script, message), nullptr, false);
}

}  // namespace sinmun::testing
