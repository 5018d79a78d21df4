#pragma once
// The campaign rules of store.hpp's ads block and the slots' stored form, shared by the SQLite
// and PostgreSQL stores. Internal to store/.

#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/ad_records.hpp"

namespace sinmun::store {

// kInvalidInput naming the first rule `campaign` breaks (see store.hpp); the schema checks
// the rest (known photo and section).
Result<> CheckAdCampaign(const AdCampaign& campaign);

// A campaign write's error as the caller should read it: the schema refuses an unknown photo
// or section id as a foreign-key violation (kInvalidInput), which this names.
Error ExplainAdCampaignWriteError(Error error);

// Slot names are stored as one text, separated by single spaces.
std::string JoinAdSlots(const std::vector<std::string>& slots);
std::vector<std::string> SplitAdSlots(const std::string& text);

}  // namespace sinmun::store
