// /uploads/: the sizes of the newsroom's photos (issue #19), cached for a year only while
// readers are shown them (issue #17). A photo in a published article, a banner or a reporter's
// profile never changes under its name, so browsers and CDNs may keep it without asking again.
// Any other file (a draft's photo, one taken out of its story or left by an unpublished
// article, an image a body links by address as imported archives do) is still served, but
// "private, no-cache": no shared cache keeps it, and a browser asks again each time, so a
// photo withdrawn from a story is not handed out for a year by caches that held it.

#include "http/folder_files.hpp"
#include "site/pages.hpp"
#include "site/params.hpp"

namespace sinmun::site {

http::Handler UploadFiles(const SiteContext* site) {
  const auto not_found = [site](const http::Request& request) {
    return ErrorResponse(*site, 404, ViewModeOf(request));
  };
  return [site, files = http::FolderFiles(site->deps.uploads_dir.string(), not_found)](
             const http::Request& request) {
    http::Response response = files(request);  // a year, immutable
    // The store is asked only about a file that exists: a probe for a missing one costs no read.
    if (response.status != 200) return response;
    const Result<bool> shown = site->deps.store.catalog->IsUploadPublic(request.PathParam("path"),
                                                                        site->deps.clock->Now());
    if (!shown) return ErrorResponse(*site, shown.error(), ViewModeOf(request));
    if (!*shown) response.cache_control = "private, no-cache";
    return response;
  };
}

}  // namespace sinmun::site
