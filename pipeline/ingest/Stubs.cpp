#include "ingest/Sources.hpp"
namespace ingest {
std::unique_ptr<RowSource> openXlsx(const std::string& path, const std::string&, const std::string&) { throw core::Error({path}, "reading .xlsx workbooks is not implemented yet"); }
std::unique_ptr<RowSource> openJson(const std::string& path, const std::string&) { throw core::Error({path}, "reading JSON is not implemented yet"); }
std::unique_ptr<RowSource> openSql(const project::Project&, const project::TableSpec& s) { throw core::Error({s.name}, "reading from a database is not implemented yet"); }
}
