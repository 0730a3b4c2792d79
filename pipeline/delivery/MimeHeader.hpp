#pragma once
// Header fields with Danish text (RFC 2047 encoded-words in UTF-8, RFC 5322 folding).
// Poco 1.11's MailMessage::encodeWord cuts encoded-words in the middle of a multi-byte
// character ("=C3?=\r\n =?UTF-8?q?=B8"), which RFC 2047 section 5 forbids and some clients
// show as two broken characters; and Poco writes recipient names into To/Cc unencoded.
// So header text is encoded here, whole characters per word.
#include <string>
#include <string_view>
#include <vector>

#include "delivery/Schedule.hpp"

namespace delivery {

// A header value for unstructured text (Subject): as is when it is printable ASCII, else
// Q-encoded words of at most 75 characters, folded with CRLF + space. `used` is the length of
// "Name: " already on the first line.
std::string encodeHeaderText(std::string_view text, size_t used = 9);

// A display name: as is (atoms), quoted (ASCII with specials) or encoded-words.
std::string encodeDisplayName(std::string_view name);

// "Name <a@b>, Other <c@d>", folded between addresses.
std::string formatAddressList(const std::vector<Address>& list, size_t used);

}  // namespace delivery
