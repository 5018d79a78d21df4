#pragma once
// Where the binary finds what it serves besides the store: templates/, static/, messages/.

#include <string>

namespace sinmun::app {

// The first of: `explicit_dir` when given; $SINMUN_SHARE; the folder above the binary (a build
// tree: build/sinmun beside templates/); <binary dir>/../share/sinmun (an install).
// Empty when none holds a templates/ folder.
std::string FindShareDir(const std::string& explicit_dir);

}  // namespace sinmun::app
