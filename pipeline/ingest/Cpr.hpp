#pragma once
#include <string>
#include <string_view>

namespace ingest {

// True if `s` contains something shaped like a Danish CPR number: ddmmyy-xxxx, ddmmyy xxxx or
// ten digits standing alone, whose first six digits form a valid calendar date.
// The number itself is never copied into a message.
bool containsCprLike(std::string_view s);

// True if a whole number read from a spreadsheet or database could be a CPR number whose
// leading zero was lost (nine digits that form a CPR number with a 0 in front).
bool cprLikeNumber(double v);

// `s` with every CPR-like number replaced by "<CPR number>": for text from the data that a
// message repeats (column names, sheet names, keys).
std::string redactCpr(std::string_view s);

}  // namespace ingest
