#pragma once
// Every definition of SqlStore's methods (sql_store.hpp), one area a file. Included only by the
// backends' store .cpp files, each of which instantiates SqlStore for itself: a new area is
// added here, once for both.

#include "store/sql/account_methods.hpp"
#include "store/sql/ad_methods.hpp"
#include "store/sql/breaking_methods.hpp"
#include "store/sql/catalog_methods.hpp"
#include "store/sql/comment_ban_methods.hpp"
#include "store/sql/comment_methods.hpp"
#include "store/sql/correction_methods.hpp"
#include "store/sql/desk_methods.hpp"
#include "store/sql/import_methods.hpp"
#include "store/sql/index_now_methods.hpp"
#include "store/sql/page_methods.hpp"
#include "store/sql/photo_library_methods.hpp"
#include "store/sql/reader_methods.hpp"
#include "store/sql/related_methods.hpp"
#include "store/sql/series_methods.hpp"
#include "store/sql/tip_methods.hpp"
#include "store/sql/traffic_methods.hpp"
