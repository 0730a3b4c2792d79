// --shape vaeresteder: not yet available (added once samples/vaeresteder exists).
#include <stdexcept>

#include "Gen.hpp"

namespace gen {

Summary generateVaeresteder(const Options&) {
    throw std::runtime_error("--shape vaeresteder is not available yet; use --shape aeldre");
}

}  // namespace gen
