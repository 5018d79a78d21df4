#pragma once
// Private to newsroom/: every newsroom handler, declared for the route table (routes.cpp),
// which says who may call each one. Defined in the file of its part. A staff handler is only
// ever called behind StaffPage/StaffAction (guard.hpp): session, role and CSRF already checked.

#include "http/request.hpp"
#include "http/response.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"

namespace sinmun::newsroom {

// accounts.cpp: the login form (public), logging out, one's own password.
http::Response LoginPage(const NewsroomContext&, const http::Request&);
http::Response Login(const NewsroomContext&, const http::Request&);
http::Response Logout(const NewsroomContext&, const http::Request&, const Staff&);
http::Response PasswordPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response ChangePassword(const NewsroomContext&, const http::Request&, const Staff&);

// admin.cpp
http::Response AdminIndex(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AuditPage(const NewsroomContext&, const http::Request&, const Staff&);
// admin_users.cpp
http::Response UsersPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddUser(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateUser(const NewsroomContext&, const http::Request&, const Staff&);
// admin_sections.cpp
http::Response SectionsPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddSection(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateSection(const NewsroomContext&, const http::Request&, const Staff&);
http::Response MoveSection(const NewsroomContext&, const http::Request&, const Staff&);
// admin_reporters.cpp
http::Response ReportersPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddReporter(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateReporter(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SetReporterPhoto(const NewsroomContext&, const http::Request&, const Staff&);
// admin_settings.cpp
http::Response SettingsPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SaveSettings(const NewsroomContext&, const http::Request&, const Staff&);
// admin_static_pages.cpp (issue #18)
http::Response StaticPagesPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response EditStaticPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SaveStaticPage(const NewsroomContext&, const http::Request&, const Staff&);

// ads_admin.cpp: sponsor banner campaigns and their reports (issue #7).
http::Response AdListPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response NewAdPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response CreateAd(const NewsroomContext&, const http::Request&, const Staff&);
http::Response EditAdPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateAd(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SetAdActive(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AdReportPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AdReportCsv(const NewsroomContext&, const http::Request&, const Staff&);

// comment_moderation.cpp: readers' comments (issue #16).
http::Response CommentQueuePage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response ModerateComments(const NewsroomContext&, const http::Request&, const Staff&);
// comment_bans.cpp: bans from commenting (issue #16).
http::Response CommentBansPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response NewCommentBanPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddCommentBan(const NewsroomContext&, const http::Request&, const Staff&);
http::Response LiftCommentBan(const NewsroomContext&, const http::Request&, const Staff&);

// stats.cpp: the 통계 page of readers' traffic and its CSV tables (issue #20).
http::Response StatsPage(const NewsroomContext&, const http::Request&, const Staff&);

// desk_pages.cpp: the dashboard and the article form.
http::Response Dashboard(const NewsroomContext&, const http::Request&, const Staff&);
http::Response NewArticlePage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response CreateArticle(const NewsroomContext&, const http::Request&, const Staff&);
http::Response PreviewArticle(const NewsroomContext&, const http::Request&, const Staff&);
http::Response EditArticlePage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SaveArticle(const NewsroomContext&, const http::Request&, const Staff&);
// desk_actions.cpp: the workflow.
http::Response SubmitArticle(const NewsroomContext&, const http::Request&, const Staff&);
http::Response PublishArticle(const NewsroomContext&, const http::Request&, const Staff&);
http::Response ScheduleArticle(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UnpublishArticle(const NewsroomContext&, const http::Request&, const Staff&);
http::Response DeleteArticle(const NewsroomContext&, const http::Request&, const Staff&);
// revision_pages.cpp
http::Response HistoryPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response RevisionPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response RestoreRevision(const NewsroomContext&, const http::Request&, const Staff&);

// corrections_desk.cpp (issue #18): correction and reply cases.
http::Response CorrectionCasesPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response CorrectionCasePage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AssignCorrectionCase(const NewsroomContext&, const http::Request&, const Staff&);
http::Response MoveCorrectionCase(const NewsroomContext&, const http::Request&, const Staff&);
http::Response CorrectionEvidence(const NewsroomContext&, const http::Request&, const Staff&);
// tips_inbox.cpp (issue #18): the inbox of news tips and reader submissions (제보함).
http::Response TipsInboxPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response TipCasePage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AssignTipCase(const NewsroomContext&, const http::Request&, const Staff&);
http::Response MoveTipCase(const NewsroomContext&, const http::Request&, const Staff&);
http::Response ReplyTipCase(const NewsroomContext&, const http::Request&, const Staff&);
http::Response NoteTipCase(const NewsroomContext&, const http::Request&, const Staff&);
http::Response DraftFromTip(const NewsroomContext&, const http::Request&, const Staff&);
http::Response TipCaseFile(const NewsroomContext&, const http::Request&, const Staff&);
// breaking_desk.cpp (issue #18): the breaking-news ticker.
http::Response BreakingDeskPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SetBreakingNews(const NewsroomContext&, const http::Request&, const Staff&);
http::Response ClearBreakingNews(const NewsroomContext&, const http::Request&, const Staff&);
// series_desk.cpp (issue #18): series (연재).
http::Response SeriesDeskPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response CreateSeries(const NewsroomContext&, const http::Request&, const Staff&);
http::Response EditSeriesPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SaveSeries(const NewsroomContext&, const http::Request&, const Staff&);
// photo_library.cpp (issue #19): the photo library (사진 보관함).
http::Response PhotoLibraryPage(const NewsroomContext&, const http::Request&, const Staff&);
// For the dashboard: open cases past a deadline at `now`; 0 for a role that does not see them.
std::int64_t OverdueCorrections(const NewsroomContext&, const Staff&, Timestamp now);

}  // namespace sinmun::newsroom
