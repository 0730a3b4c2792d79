// Danish number formatting and rounding, in one place.
#include <catch2/catch.hpp>

#include "core/Format.hpp"

TEST_CASE("Danish numbers: decimal comma and thousands dot", "[format]") {
    CHECK(core::formatNumber(1234.5, 1) == "1.234,5");
    CHECK(core::formatNumber(1234567.891, 2) == "1.234.567,89");
    CHECK(core::formatNumber(0.5, 1) == "0,5");
    CHECK(core::formatNumber(999.96, 1) == "1.000,0");
    CHECK(core::formatCount(200000) == "200.000");
    CHECK(core::formatCount(-1234) == "-1.234");
}

TEST_CASE("Rounding is half away from zero, from unrounded values", "[format]") {
    CHECK(core::formatNumber(2.5, 0) == "3");
    CHECK(core::formatNumber(-2.5, 0) == "-3");
    CHECK(core::formatNumber(0.125, 2) == "0,13");
    // 0.285 is 0.28499999999999998 in binary; as a decimal it is a half and rounds up.
    CHECK(core::formatNumber(0.285, 2) == "0,29");
    CHECK(core::formatPercent(14.0 / 34.0, 0) == "41");
    CHECK(core::formatPercent(1.0 / 8.0, 0) == "13");  // 12,5 -> 13
    CHECK(core::formatNumber(-0.4, 0) == "0");         // never "-0"
}

TEST_CASE("Signed changes carry a plus sign only when positive after rounding", "[format]") {
    CHECK(core::formatSigned(9.88, 0) == "+10");
    CHECK(core::formatSigned(-3.2, 0) == "-3");
    CHECK(core::formatSigned(0.2, 0) == "0");
}
