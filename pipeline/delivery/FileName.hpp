#pragma once
// File names for batch and scheduled PDFs, from a template's `output:` pattern
// ("statusnotat-{kommune}-{period}.pdf"). Values become safe, lower-case ASCII
// ("Ærø" -> "aeroe", "Lyngby-Taarbæk" -> "lyngby-taarbaek"), so a name never holds a
// '/', a "..", a space or a character a mail client or a Windows share would mangle.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Error.hpp"

namespace delivery {

// Lower-case ASCII letters, digits and '-': Danish letters transliterated (æ ae, ø oe,
// å aa), accents dropped (é e, ü ue), anything else a '-', runs collapsed, ends trimmed.
std::string safeFileComponent(std::string_view text);

// Expands `{name}` from `values` (each value through safeFileComponent). A placeholder whose
// value is empty is dropped with the separator before it ("-", "_" or "."), so
// "statusnotat-{kommune}-{period}.pdf" with no period gives "statusnotat-odder.pdf".
// ".pdf" is appended if missing. Throws core::Error at `where` for an unknown placeholder,
// an unclosed brace or a pattern that is not a plain file name.
std::string outputFileName(const std::string& pattern, const std::vector<std::pair<std::string, std::string>>& values,
                           const core::Location& where);

}  // namespace delivery
