#include "charts/Chart.hpp"

namespace charts {

std::string truncationNote(const std::vector<std::string>& labels) {
    if (labels.empty()) return "";
    std::string out = "Forkortede betegnelser i figuren: ";
    for (size_t i = 0; i < labels.size(); ++i) out += (i ? "; " : "") + labels[i];
    return out + ".";
}

}  // namespace charts
