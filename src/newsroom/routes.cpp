// THE newsroom route table: every route of /newsroom, who may use it and the body it takes.
// Read it as the newsroom's site map. Order matters where a literal segment and a {param}
// could both match ("/newsroom/articles/new" before "/newsroom/articles/{id}"): the first
// listed wins.

#include "newsroom/routes.hpp"

#include "newsroom/handlers.hpp"

namespace sinmun::newsroom {
namespace {

using enum http::Method;
using enum Permission;
using enum Work;

const Route kRoutes[] = {
    // accounts.cpp: the login form is the one public place; password and logout are every
    // signed-in role's. Checking or hashing a password runs on the work pool (kPassword).
    {kGet, "/newsroom/login", kPublic, &LoginPage},
    {kPost, "/newsroom/login", kPublic, &Login, kFormBodyBytes, kPassword},
    {kPost, "/newsroom/logout", kSignedIn, &Logout},
    {kGet, "/newsroom/password", kSignedIn, &PasswordPage},
    {kPost, "/newsroom/password", kSignedIn, &ChangePassword, kFormBodyBytes, kPassword},

    // admin.cpp and admin_*.cpp: accounts, sections, reporter profiles, settings, audit.
    {kGet, "/newsroom/admin", kAdmin, &AdminIndex},
    {kGet, "/newsroom/admin/audit", kAdmin, &AuditPage},
    {kGet, "/newsroom/admin/users", kAdmin, &UsersPage},
    {kPost, "/newsroom/admin/users", kAdmin, &AddUser, kFormBodyBytes, kPassword},
    {kPost, "/newsroom/admin/users/{id}", kAdmin, &UpdateUser},
    {kGet, "/newsroom/admin/sections", kAdmin, &SectionsPage},
    {kPost, "/newsroom/admin/sections", kAdmin, &AddSection},
    {kPost, "/newsroom/admin/sections/{id}", kAdmin, &UpdateSection},
    {kPost, "/newsroom/admin/sections/{id}/move", kAdmin, &MoveSection},
    {kGet, "/newsroom/admin/reporters", kAdmin, &ReportersPage},
    {kPost, "/newsroom/admin/reporters", kAdmin, &AddReporter},
    {kPost, "/newsroom/admin/reporters/{id}", kAdmin, &UpdateReporter},
    {kPost, "/newsroom/admin/reporters/{id}/photo", kAdmin, &SetReporterPhoto, kUploadBodyBytes},
    {kGet, "/newsroom/admin/settings", kAdmin, &SettingsPage},
    {kPost, "/newsroom/admin/settings", kAdmin, &SaveSettings},
    // admin_static_pages.cpp: legal and policy pages, each save a dated version (issue #18).
    {kGet, "/newsroom/admin/pages", kAdmin, &StaticPagesPage},
    {kPost, "/newsroom/admin/pages", kAdmin, &SaveStaticPage},
    {kGet, "/newsroom/admin/pages/edit", kAdmin, &EditStaticPage},

    // desk_pages.cpp: the dashboard and the article form (a photo goes with the form, and
    // with its preview, which sends the same form).
    {kGet, "/newsroom", kWrite, &Dashboard},
    {kGet, "/newsroom/articles/new", kWrite, &NewArticlePage},
    {kPost, "/newsroom/articles", kWrite, &CreateArticle, kUploadBodyBytes},
    {kPost, "/newsroom/articles/preview", kWrite, &PreviewArticle, kUploadBodyBytes},
    {kGet, "/newsroom/articles/{id}", kWrite, &EditArticlePage},
    {kPost, "/newsroom/articles/{id}", kWrite, &SaveArticle, kUploadBodyBytes},
    // desk_actions.cpp: the workflow. Who may act on which article is checked by the handler.
    {kPost, "/newsroom/articles/{id}/submit", kWrite, &SubmitArticle},
    {kPost, "/newsroom/articles/{id}/publish", kDesk, &PublishArticle},
    {kPost, "/newsroom/articles/{id}/schedule", kDesk, &ScheduleArticle},
    {kPost, "/newsroom/articles/{id}/unpublish", kDesk, &UnpublishArticle},
    {kPost, "/newsroom/articles/{id}/delete", kWrite, &DeleteArticle},
    // revision_pages.cpp
    {kGet, "/newsroom/articles/{id}/revisions", kWrite, &HistoryPage},
    {kGet, "/newsroom/articles/{id}/revisions/{n}", kWrite, &RevisionPage},
    {kPost, "/newsroom/articles/{id}/revisions/{n}/restore", kWrite, &RestoreRevision},
    // photo_library.cpp: the photo library, the photos this member of staff may use (the
    // article form's rule, photo_scope.hpp); the form takes one by its number.
    {kGet, "/newsroom/photos", kWrite, &PhotoLibraryPage},

    // comment_moderation.cpp: the queue of readers' comments (issue #16), for the desk.
    {kGet, "/newsroom/comments", kDesk, &CommentQueuePage},
    {kPost, "/newsroom/comments", kDesk, &ModerateComments},
    // comment_bans.cpp: bans of visitors, addresses and address ranges from commenting.
    {kGet, "/newsroom/comments/bans", kDesk, &CommentBansPage},
    {kPost, "/newsroom/comments/bans", kDesk, &AddCommentBan},
    {kGet, "/newsroom/comments/bans/new", kDesk, &NewCommentBanPage},
    {kPost, "/newsroom/comments/bans/{id}/lift", kDesk, &LiftCommentBan},

    // corrections_desk.cpp: readers' correction and reply requests (issue #18), for the
    // 고충처리인, the desk and the admin. Evidence files are downloaded one at a time.
    {kGet, "/newsroom/corrections", kCorrections, &CorrectionCasesPage},
    {kGet, "/newsroom/corrections/{id}", kCorrections, &CorrectionCasePage},
    {kPost, "/newsroom/corrections/{id}/assign", kCorrections, &AssignCorrectionCase},
    {kPost, "/newsroom/corrections/{id}/move", kCorrections, &MoveCorrectionCase},
    {kGet, "/newsroom/corrections/{id}/files/{n}", kCorrections, &CorrectionEvidence},

    // tips_inbox.cpp: readers' news tips and submissions (issue #18), for everyone who
    // writes. Files are downloaded one at a time, by staff only.
    {kGet, "/newsroom/tips", kWrite, &TipsInboxPage},
    {kGet, "/newsroom/tips/{id}", kWrite, &TipCasePage},
    {kPost, "/newsroom/tips/{id}/assign", kWrite, &AssignTipCase},
    {kPost, "/newsroom/tips/{id}/move", kWrite, &MoveTipCase},
    {kPost, "/newsroom/tips/{id}/reply", kWrite, &ReplyTipCase},
    {kPost, "/newsroom/tips/{id}/note", kWrite, &NoteTipCase},
    {kPost, "/newsroom/tips/{id}/draft", kWrite, &DraftFromTip},
    {kGet, "/newsroom/tips/{id}/files/{n}", kWrite, &TipCaseFile},

    // breaking_desk.cpp: the 속보 ticker on every page of the site (issue #18), for the desk.
    {kGet, "/newsroom/breaking", kDesk, &BreakingDeskPage},
    {kPost, "/newsroom/breaking", kDesk, &SetBreakingNews},
    {kPost, "/newsroom/breaking/clear", kDesk, &ClearBreakingNews},

    // series_desk.cpp: series (연재, issue #18), for the desk; articles join one in their form.
    {kGet, "/newsroom/series", kDesk, &SeriesDeskPage},
    {kPost, "/newsroom/series", kDesk, &CreateSeries},
    {kGet, "/newsroom/series/{id}", kDesk, &EditSeriesPage},
    {kPost, "/newsroom/series/{id}", kDesk, &SaveSeries},

    // stats.cpp: readers' traffic (issue #20), for the desk; ?format=csv gives one table.
    {kGet, "/newsroom/stats", kDesk, &StatsPage},

    // ads_admin.cpp: sponsor banners (issue #7), for the admin and the ad manager. A banner
    // may carry an image.
    {kGet, "/newsroom/ads", kAds, &AdListPage},
    {kPost, "/newsroom/ads", kAds, &CreateAd, kUploadBodyBytes},
    {kGet, "/newsroom/ads/new", kAds, &NewAdPage},
    {kGet, "/newsroom/ads/{id}", kAds, &EditAdPage},
    {kPost, "/newsroom/ads/{id}", kAds, &UpdateAd, kUploadBodyBytes},
    {kPost, "/newsroom/ads/{id}/active", kAds, &SetAdActive},
    {kGet, "/newsroom/ads/{id}/report", kAds, &AdReportPage},
    {kGet, "/newsroom/ads/{id}/report.csv", kAds, &AdReportCsv},
};

}  // namespace

std::span<const Route> RouteTable() { return kRoutes; }

}  // namespace sinmun::newsroom
