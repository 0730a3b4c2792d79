#pragma once
// One RowSource per format. Each turns its input into cells for the TableBuilder and names
// locations in its own terms: file:line:column (CSV, JSON), file[sheet]!A12 (XLSX) and
// query 'name' row 12 (SQL).
#include <memory>
#include <string>

#include "ingest/CsvReader.hpp"
#include "ingest/Source.hpp"
#include "project/Project.hpp"

namespace ingest {

std::unique_ptr<RowSource> openCsv(const std::string& path, Encoding enc, const std::string& decimalSeparator);
std::unique_ptr<RowSource> openXlsx(const std::string& path, const std::string& sheet, const std::string& decimalSeparator);
std::unique_ptr<RowSource> openJson(const std::string& path, const std::string& decimalSeparator);
std::unique_ptr<RowSource> openSql(const project::Project& p, const project::TableSpec& spec);

// "comma" | "point" | "auto" for sources whose numbers are mostly typed.
NumberStyle numberStyleFor(const std::string& decimalSeparator);

}  // namespace ingest
