#pragma once
// Text helpers that every module needs for Korean (UTF-8) strings.

#include <string>
#include <string_view>

namespace sinmun {

// The first `max_chars` characters (code points, not bytes) of `text`, never cutting a
// UTF-8 sequence; "…" is appended when something was cut.
std::string TruncateUtf8(std::string_view text, size_t max_chars);
// The first `max_chars` characters of `text` as they are, nothing appended: what SQL's
// substr(text, 1, max_chars) gives, in SQLite and PostgreSQL alike, for valid UTF-8.
std::string_view Utf8Prefix(std::string_view text, size_t max_chars);

// A plain-text excerpt of a Markdown body: the first paragraphs with Markdown punctuation
// (#, *, _, `, >, [, ], link targets, images), photo marker lines (core/photo_marker.hpp)
// dropped and whitespace folded, at most `max_chars`.
std::string Excerpt(std::string_view markdown, size_t max_chars);

// `text` without the spaces, tabs and line breaks at its ends (what a form field's value means).
std::string TrimSpace(std::string_view text);

// Number of code points in valid UTF-8.
size_t Utf8Length(std::string_view text);

// The bytes of the valid UTF-8 character that starts at `text[at]` (1 to 4); 0 when the bytes
// there are no valid character (a stray continuation byte, an overlong form, a surrogate, past
// U+10FFFF, or cut short).
size_t Utf8CharLength(std::string_view text, size_t at);
// Whether every byte of `text` is part of a valid UTF-8 character.
bool IsValidUtf8(std::string_view text);
// Appends `text` with each byte that starts no valid character replaced by U+FFFD.
void AppendValidUtf8(std::string& out, std::string_view text);

}  // namespace sinmun
