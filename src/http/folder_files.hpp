#pragma once
// Files from a folder on disk, read per request: for what is written while the server runs
// (uploaded photos), which StaticFiles (loaded once at start) cannot serve. Only plain files
// with a known image extension are served; a path with "..", a hidden segment or anything
// else answers the router's 404. Names are never reused, so responses are cached for a year.

#include <string>

#include "http/router.hpp"

namespace sinmun::http {

// A handler for a route "/prefix/{path...}" serving `dir`/<path>.
// Thread safety: may run on any number of threads.
Handler FolderFiles(std::string dir, Handler not_found);

}  // namespace sinmun::http
