// Sponsor banners in the newsroom (issue #7): campaigns listed, created, edited, paused and
// resumed, and their daily report as a page and as CSV. For admins and ad managers.
// An image banner's file goes through the desk's photo pipeline (resized like photos).

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ads/slots.hpp"
#include "core/time.hpp"
#include "http/multipart.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "newsroom/photo_upload.hpp"
#include "render/article_view.hpp"

namespace sinmun::newsroom {
namespace {

std::string InputTime(Timestamp at) {
  std::string text = FormatKst(at);  // "YYYY-MM-DD HH:MM"
  text[10] = 'T';                    // what <input type="datetime-local"> shows
  return text;
}

std::optional<Timestamp> ParseInputTime(std::string text) {
  if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
  return ParseKst(text);
}

// live, scheduled, ended or paused: what the list shows.
std::string_view StatusKey(const store::AdCampaign& campaign, Timestamp now) {
  if (!campaign.active) return "ads_status_paused";
  if (now < campaign.starts_at) return "ads_status_scheduled";
  if (now >= campaign.ends_at) return "ads_status_ended";
  return "ads_status_live";
}

std::string PhotoUrlOf(const NewsroomContext& context, std::optional<store::PhotoId> id) {
  if (!id) return "";
  const Result<store::Photo> photo = context.deps.store.catalog->PhotoById(*id);
  if (!photo || photo->widths.empty()) return "";
  return render::PhotoUrl(photo->name, photo->format, photo->widths.front());
}

// The campaign form, filled with `campaign`, with an error message when set.
http::Response FormPage(const NewsroomContext& context, const Staff& staff,
                        const store::AdCampaign& campaign, std::string_view error, int status) {
  nlohmann::json slots = nlohmann::json::array();
  for (const ads::SlotSpec& slot : ads::kSlots) {
    const bool checked =
        std::find(campaign.slots.begin(), campaign.slots.end(), slot.name) != campaign.slots.end();
    slots.push_back({{"name", slot.name},
                     {"label", Label(context, slot.label_key)},
                     {"size", fmt::format("{}×{}", slot.width, slot.height)},
                     {"checked", checked}});
  }
  nlohmann::json sections = nlohmann::json::array();
  if (Result<std::vector<store::SectionAdmin>> all = context.deps.store.catalog->AllSections()) {
    for (const store::SectionAdmin& admin : *all) {
      sections.push_back({{"id", admin.section.id},
                          {"name", admin.section.name},
                          {"selected", campaign.section_id == admin.section.id}});
    }
  }
  const bool editing = campaign.id != 0;
  nlohmann::json view = {
      {"editing", editing},
      {"action", editing ? "/newsroom/ads/" + std::to_string(campaign.id) : "/newsroom/ads"},
      {"advertiser", campaign.advertiser},
      {"title", campaign.title},
      {"target_url", campaign.target_url},
      {"starts_at", campaign.starts_at ? InputTime(campaign.starts_at) : ""},
      {"ends_at", campaign.ends_at ? InputTime(campaign.ends_at) : ""},
      {"weight", campaign.weight},
      {"active", campaign.active},
      {"slots", std::move(slots)},
      {"sections", std::move(sections)},
      {"photo_id", campaign.photo_id ? std::to_string(*campaign.photo_id) : ""},
      {"image_url", PhotoUrlOf(context, campaign.photo_id)}};
  if (!error.empty()) view["error"] = Label(context, error);
  return RenderNewsroomPage(context, staff, "newsroom/ads_form", std::move(view),
                            Label(context, editing ? "ads_edit_title" : "ads_new_title"), status);
}

// The campaign the form describes (id and created_at are the caller's), or the label key of
// what is wrong with it. An uploaded image is stored first; a refused one is the error.
struct FormResult {
  store::AdCampaign campaign;
  std::string error;             // label key; "" when the form is valid
  std::optional<Error> failure;  // a server-side failure while storing the image
};

FormResult ReadForm(const NewsroomContext& context, const http::Request& request,
                    const Staff& staff) {
  FormResult result;
  store::AdCampaign& campaign = result.campaign;
  campaign.advertiser = request.Form("advertiser").value_or("");
  campaign.title = request.Form("title").value_or("");
  campaign.target_url = request.Form("target_url").value_or("");
  campaign.slots = request.FormAll("slot");
  campaign.active = request.Form("active").has_value();
  const std::optional<Timestamp> starts = ParseInputTime(request.Form("starts_at").value_or(""));
  const std::optional<Timestamp> ends = ParseInputTime(request.Form("ends_at").value_or(""));
  campaign.starts_at = starts.value_or(0);
  campaign.ends_at = ends.value_or(0);
  const std::optional<std::int64_t> weight = ParseId(request.Form("weight").value_or(""));
  campaign.weight = weight && *weight <= 1000 ? static_cast<int>(*weight) : 0;
  const std::string section = request.Form("section").value_or("");
  if (!section.empty()) campaign.section_id = ParseId(section).value_or(-1);
  const std::string photo = request.Form("photo_id").value_or("");
  if (!photo.empty() && !request.Form("remove_image")) campaign.photo_id = ParseId(photo);

  auto fail = [&](std::string key) {
    result.error = std::move(key);
    return result;
  };
  if (campaign.advertiser.empty() || campaign.advertiser.size() > 200) {
    return fail("ads_error_advertiser");
  }
  if (campaign.title.empty() || campaign.title.size() > 300 ||
      campaign.title.find_first_of("\r\n") != std::string::npos) {
    return fail("ads_error_title");
  }
  if (campaign.slots.empty()) return fail("ads_error_slots");
  for (const std::string& slot : campaign.slots) {
    if (!ads::SlotIndex(slot)) return fail("ads_error_slots");
  }
  if (!campaign.target_url.starts_with("http://") && !campaign.target_url.starts_with("https://")) {
    return fail("ads_error_target");
  }
  if (!starts || !ends || *starts >= *ends) return fail("ads_error_period");
  if (campaign.weight < 1) return fail("ads_error_weight");
  if (campaign.section_id && *campaign.section_id < 0) return fail("ads_error_section");

  // An image: the multipart body's "image" file, when one was chosen.
  const std::optional<std::string> boundary =
      http::MultipartBoundary(request.Header("content-type"));
  if (boundary) {
    const std::optional<std::vector<http::FormPart>> parts =
        http::ParseMultipart(request.body, *boundary);
    if (!parts) return fail("ads_error_image");
    for (const http::FormPart& part : *parts) {
      if (part.name != "image" || !part.filename || part.filename->empty() || part.data.empty()) {
        continue;
      }
      PhotoUploadResult uploaded = StoreUploadedPhoto(
          *context.deps.store.desk, {context.deps.uploads_dir, context.deps.originals_dir},
          part.data, staff.user_id, context.deps.clock->Now());
      if (const PhotoRefusal* refusal = std::get_if<PhotoRefusal>(&uploaded)) {
        return fail(refusal->label_key);
      }
      if (const Error* error = std::get_if<Error>(&uploaded)) {
        result.failure = *error;
        return result;
      }
      campaign.photo_id = std::get<store::PhotoId>(uploaded);
    }
  }
  return result;
}

}  // namespace

http::Response AdListPage(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  const Result<std::vector<store::AdCampaign>> campaigns = context.deps.store.ads->AdCampaigns();
  if (!campaigns) return NewsroomErrorFor(context, campaigns.error());
  const Timestamp now = context.deps.clock->Now();
  nlohmann::json rows = nlohmann::json::array();
  for (const store::AdCampaign& campaign : *campaigns) {
    std::string slots;
    for (const std::string& slot : campaign.slots) {
      const std::optional<std::size_t> index = ads::SlotIndex(slot);
      if (!slots.empty()) slots += ", ";
      slots += index ? Label(context, ads::kSlots[*index].label_key) : slot;
    }
    rows.push_back(
        {{"id", campaign.id},
         {"advertiser", campaign.advertiser},
         {"title", campaign.title},
         {"slots", slots},
         {"period", FormatKst(campaign.starts_at) + " ~ " + FormatKst(campaign.ends_at)},
         {"weight", campaign.weight},
         {"status", Label(context, StatusKey(campaign, now))},
         {"active", campaign.active},
         {"kind", Label(context, campaign.photo_id ? "ads_kind_image" : "ads_kind_text")}});
  }
  nlohmann::json view = {{"campaigns", std::move(rows)}, {"has_campaigns", !campaigns->empty()}};
  if (request.Query("saved")) view["done"] = Label(context, "newsroom_saved");
  return RenderNewsroomPage(context, staff, "newsroom/ads_list", std::move(view),
                            Label(context, "ads_title"));
}

http::Response NewAdPage(const NewsroomContext& context, const http::Request&, const Staff& staff) {
  const Timestamp now = context.deps.clock->Now();
  store::AdCampaign campaign;
  campaign.starts_at = now - now % 60;
  campaign.ends_at = campaign.starts_at + 30 * 86400;
  campaign.weight = 1;
  return FormPage(context, staff, campaign, "", 200);
}

namespace {

// Creates a campaign from the form (`stored` null) or saves the form over `stored`: the form
// again with its message when it is refused, else back to the list.
http::Response SaveForm(const NewsroomContext& context, const http::Request& request,
                        const Staff& staff, const store::AdCampaign* stored) {
  FormResult form = ReadForm(context, request, staff);
  if (form.failure) return NewsroomErrorFor(context, *form.failure);
  const Timestamp now = context.deps.clock->Now();
  form.campaign.id = stored ? stored->id : 0;
  form.campaign.created_at = stored ? stored->created_at : now;
  form.campaign.updated_at = now;
  if (!form.error.empty()) return FormPage(context, staff, form.campaign, form.error, 400);
  Result<store::AdCampaignId> saved = form.campaign.id;
  if (stored) {
    if (Result<> done = context.deps.store.ads->UpdateAdCampaign(form.campaign); !done) {
      saved = tl::unexpected(done.error());
    }
  } else {
    saved = context.deps.store.ads->InsertAdCampaign(form.campaign);
  }
  if (!saved) {
    if (saved.error().code == ErrorCode::kInvalidInput) {
      return FormPage(context, staff, form.campaign, "newsroom_invalid_form", 400);
    }
    return NewsroomErrorFor(context, saved.error());
  }
  RecordAudit(context, staff, request, stored ? "ad_campaign_update" : "ad_campaign_add",
              "ad:" + std::to_string(*saved), form.campaign.advertiser + " " + form.campaign.title);
  return SeeOther("/newsroom/ads?saved=1");
}

}  // namespace

http::Response CreateAd(const NewsroomContext& context, const http::Request& request,
                        const Staff& staff) {
  return SaveForm(context, request, staff, nullptr);
}

http::Response EditAdPage(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<store::AdCampaign> campaign = context.deps.store.ads->AdCampaignById(*id);
  if (!campaign) return NewsroomErrorFor(context, campaign.error());
  return FormPage(context, staff, *campaign, "", 200);
}

http::Response UpdateAd(const NewsroomContext& context, const http::Request& request,
                        const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<store::AdCampaign> stored = context.deps.store.ads->AdCampaignById(*id);
  if (!stored) return NewsroomErrorFor(context, stored.error());
  return SaveForm(context, request, staff, &*stored);
}

// Pause (active=0) or resume (active=1).
http::Response SetAdActive(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const std::string active = request.Form("active").value_or("");
  if (active != "0" && active != "1") return NewsroomError(context, 400);
  const Result<> done =
      context.deps.store.ads->SetAdCampaignActive(*id, active == "1", context.deps.clock->Now());
  if (!done) return NewsroomErrorFor(context, done.error());
  RecordAudit(context, staff, request, active == "1" ? "ad_campaign_resume" : "ad_campaign_pause",
              "ad:" + std::to_string(*id));
  return SeeOther("/newsroom/ads?saved=1");
}

namespace {

struct ReportRow {
  std::string date;
  std::int64_t impressions = 0;
  std::int64_t clicks = 0;
};

std::string Ctr(std::int64_t impressions, std::int64_t clicks) {
  if (impressions == 0) return "0.00%";
  return fmt::format("{:.2f}%",
                     100.0 * static_cast<double>(clicks) / static_cast<double>(impressions));
}

Result<std::vector<ReportRow>> ReportRows(const NewsroomContext& context, store::AdCampaignId id) {
  const Result<std::vector<store::AdDayCounts>> days = context.deps.store.ads->AdCountsByDay(id);
  if (!days) return tl::unexpected(days.error());
  std::vector<ReportRow> rows;
  for (const store::AdDayCounts& day : *days) {
    rows.push_back({FormatKstDate(ads::KstDayStart(day.day)), day.impressions, day.clicks});
  }
  return rows;
}

}  // namespace

http::Response AdReportPage(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<store::AdCampaign> campaign = context.deps.store.ads->AdCampaignById(*id);
  if (!campaign) return NewsroomErrorFor(context, campaign.error());
  const Result<std::vector<ReportRow>> rows = ReportRows(context, *id);
  if (!rows) return NewsroomErrorFor(context, rows.error());
  nlohmann::json days = nlohmann::json::array();
  std::int64_t impressions = 0, clicks = 0;
  for (const ReportRow& row : *rows) {
    days.push_back({{"date", row.date},
                    {"impressions", row.impressions},
                    {"clicks", row.clicks},
                    {"ctr", Ctr(row.impressions, row.clicks)}});
    impressions += row.impressions;
    clicks += row.clicks;
  }
  nlohmann::json view = {{"id", *id},
                         {"advertiser", campaign->advertiser},
                         {"title", campaign->title},
                         {"days", std::move(days)},
                         {"has_days", !rows->empty()},
                         {"impressions", impressions},
                         {"clicks", clicks},
                         {"ctr", Ctr(impressions, clicks)}};
  return RenderNewsroomPage(context, staff, "newsroom/ads_report", std::move(view),
                            Label(context, "ads_report_title"));
}

http::Response AdReportCsv(const NewsroomContext& context, const http::Request& request,
                           const Staff&) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<std::vector<ReportRow>> rows = ReportRows(context, *id);
  if (!rows) return NewsroomErrorFor(context, rows.error());
  std::string csv = "date,impressions,clicks,ctr\r\n";
  for (const ReportRow& row : *rows) {
    csv += fmt::format("{},{},{},{}\r\n", row.date, row.impressions, row.clicks,
                       Ctr(row.impressions, row.clicks));
  }
  http::Response response = http::Text(std::move(csv));
  response.content_type = "text/csv; charset=utf-8";
  response.headers.emplace_back("Content-Disposition",
                                fmt::format("attachment; filename=\"ad-campaign-{}.csv\"", *id));
  return response;
}

}  // namespace sinmun::newsroom
