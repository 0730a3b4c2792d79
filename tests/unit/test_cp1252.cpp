// The Windows-1252 table behind the PDF's single-byte text (pipeline/text/Fonts.cpp).
// Expected code points from Python's cp1252 codec:
//   /usr/bin/python3 -c "print(hex(ord(bytes([0x80]).decode('cp1252'))))"  -> 0x20ac, etc.;
//   0x81, 0x8d, 0x8f, 0x90 and 0x9d do not decode (unassigned).
#include <catch2/catch.hpp>

#include "text/Fonts.hpp"

TEST_CASE("CP1252: the table agrees with Python's cp1252 codec", "[text]") {
    const std::pair<unsigned char, char32_t> known[] = {
        {0x41, 0x41},   {0x80, 0x20AC}, {0x82, 0x201A}, {0x8A, 0x0160}, {0x8C, 0x0152}, {0x91, 0x2018},
        {0x93, 0x201C}, {0x96, 0x2013}, {0x97, 0x2014}, {0x99, 0x2122}, {0x9F, 0x0178}, {0xA0, 0x00A0},
        {0xC6, 0x00C6}, {0xD8, 0x00D8}, {0xC5, 0x00C5}, {0xE6, 0x00E6}, {0xF8, 0x00F8}, {0xE5, 0x00E5}};
    for (auto [byte, cp] : known) {
        INFO(int(byte));
        CHECK(text::cp1252ToUnicode(byte) == cp);
    }
    for (unsigned char unassigned : {0x81, 0x8D, 0x8F, 0x90, 0x9D}) CHECK(text::cp1252ToUnicode(unassigned) == 0);
    // Danish letters, the euro sign and typographic punctuation round-trip; the rest is
    // transliterated or '?'.
    CHECK(text::toCp1252("Æble, øl og år – “citat” € …") == "\xC6" "ble, \xF8l og \xE5r \x96 \x93" "citat\x94 \x80 \x85");
    CHECK(text::toCp1252("≥ 5 − 2") == ">= 5 - 2");
    CHECK(text::toCp1252("中") == "?");
}
