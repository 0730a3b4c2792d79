#include "dataset/Dataset.hpp"

namespace dataset {

bool Column::missing(size_t row) const {
    if (numeric()) return std::isnan(num[row]);
    if (type == ColumnType::Date) return date[row] == core::kNoDate;
    return sym[row] == 0;
}

uint32_t Column::symbolOf(std::string_view s) const {
    if (s.empty()) return 0;
    auto it = index.find(std::string(s));
    return it == index.end() ? 0 : it->second;
}

uint32_t Column::intern(std::string_view s) {
    if (s.empty()) return 0;
    auto [it, inserted] = index.try_emplace(std::string(s), static_cast<uint32_t>(dict.size()));
    if (inserted) dict.emplace_back(s);
    return it->second;
}

const Column* Table::column(std::string_view n) const {
    for (const auto& c : columns)
        if (c.name == n) return &c;
    return nullptr;
}

Column* Table::column(std::string_view n) {
    for (auto& c : columns)
        if (c.name == n) return &c;
    return nullptr;
}

const Table* Dataset::table(std::string_view n) const {
    for (const auto& t : tables)
        if (t.name == n) return &t;
    return nullptr;
}

}  // namespace dataset
