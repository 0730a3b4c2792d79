#pragma once
#include <string_view>

namespace ingest {

// True if `s` contains something shaped like a Danish CPR number: ddmmyy-xxxx, ddmmyy xxxx or
// ten digits standing alone, whose first six digits form a valid calendar date.
// The number itself is never copied into a message.
bool containsCprLike(std::string_view s);

}  // namespace ingest
