#pragma once
// Private to site/: what the reader features (views, recommend, e-mail) share about the
// person behind a request.

#include <string_view>

#include "counters/visitor.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "site/context.hpp"

namespace sinmun::site {

// True when the user agent is a listed bot, crawler or preview fetcher (counters/bots.txt),
// or when the site has no counters (then nothing is counted).
bool IsBotRequest(const SiteContext& site, const http::Request& request);

// The visitor: the sinmun_v cookie, else the day's hash of address + user agent.
// REQUIRES: site.deps.counters is set.
counters::Visitor IdentifyVisitor(const SiteContext& site, const http::Request& request);

// Adds Set-Cookie for a visitor whose cookie is new.
void RememberVisitor(const counters::Visitor& visitor, http::Response& response);

// For public POSTs without a form token: true when the Origin header (or, without one, the
// Referer) names this site's host. A cross-site form cannot forge either in a browser.
bool IsSameOrigin(const SiteContext& site, const http::Request& request);

}  // namespace sinmun::site
