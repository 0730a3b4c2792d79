#pragma once
// Loads a plugin: a shared object built with evalreport that holds code whose libraries are
// costly to load (libpq, OpenSSL, Poco::Data, Poco::Net). Each plugin exports one C function,
// `entry`, returning a pointer to a table of function pointers; the table's first member is
// an int version. A command that never needs the plugin never maps its libraries, which keeps
// `evalreport render` start-up to the libraries rendering needs (docs/ARCHITECTURE.md).
//
// The file `<name>.so` is looked for in EVALREPORT_PLUGIN_DIR, then in the build directory it
// was built in, then next to the executable. Loading happens once per process and name.
#include <string>

namespace core {

// Returns the table `entry` gives, checked against `version`. Throws core::Error naming the
// file, what went wrong and the fix.
const void* loadPlugin(const std::string& name, const char* entry, int version, const std::string& purpose);

}  // namespace core
