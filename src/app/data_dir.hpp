#pragma once
// The data folder of one paper: its configuration, its SQLite store and its uploads.
//   DIR/sinmun.toml   DIR/sinmun.db (+ -wal, -shm)   DIR/uploads/
// Backing up a paper is backing up this folder.

#include <string>

#include "core/config.hpp"
#include "core/error.hpp"

namespace sinmun::app {

struct DataDir {
  std::string path;
  std::string config_path;
  std::string store_url;  // "sqlite:DIR/sinmun.db", or as ChooseStore sets it
  std::string uploads_path;
  std::string originals_path;  // uploads as sent, private: never served (newsroom/photo_upload)
};

// DIR/search: the search index, a follower of the store (deletable, rebuilt by reindex).
inline std::string SearchFolder(const DataDir& data) { return data.path + "/search"; }
// This node's search index: `configured` ([search] dir or --search-dir, relative to DIR),
// or DIR/search when empty. Several nodes on one data folder each name their own.
inline std::string SearchFolder(const DataDir& data, const std::string& configured) {
  if (configured.empty()) return SearchFolder(data);
  return configured.front() == '/' ? configured : data.path + "/" + configured;
}
// DIR/ads.key: the key that signs banner click links (made on first serve; keep it with the
// store, or links in cached copies of pages stop working).
inline std::string AdKeyPath(const DataDir& data) { return data.path + "/ads.key"; }
// DIR/tokens.key: the key that signs the tokens of reader forms ("e-mail this article") and
// the newsroom's device cookies; made on first serve. Nodes sharing a paper share it, so a
// form shown by one is taken by another.
inline std::string TokenKeyPath(const DataDir& data) { return data.path + "/tokens.key"; }

// Opens DIR, creating it first when `create` is set (its parent must exist), then creates
// what is missing inside: uploads/ and a sinmun.toml with commented defaults.
// kNotFound when DIR (or, with `create`, its parent) does not exist; kUnavailable when DIR
// is not a writable folder.
Result<DataDir> PrepareDataDir(const std::string& dir, bool create);

// Reads DIR/sinmun.toml.
Result<Config> LoadPaperConfig(const DataDir& data);

// Sets data->store_url to the store the paper uses: `flag` (a command's --store) when given,
// else sinmun.toml's [server] store when set, else the SQLite file in DIR. The search index
// and the uploads stay in DIR whatever the store. kInvalidInput when sinmun.toml does not
// parse.
Result<> ChooseStore(DataDir* data, const std::string& flag);

}  // namespace sinmun::app
