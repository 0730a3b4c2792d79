#pragma once
// Helpers for the ingest tests: a project in a temporary directory, loading it, and writing
// small XLSX workbooks and SQLite files without any tool outside the build.
#include <Poco/Zip/Compress.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "Support.hpp"
#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"

namespace ingest_test {

struct Loaded {
    project::Project project;
    dataset::Dataset data;
    core::Diagnostics diag{500};
    std::vector<std::string> lines() const {
        std::vector<std::string> out;
        for (const auto& d : diag.items()) out.push_back(d.str());
        return out;
    }
    std::string first() const { return diag.items().empty() ? std::string() : diag.items().front().str(); }
};

// Writes project.yaml into `t` and loads it with its data; paths in messages are relative to
// the test directory (the tests run there through chdir-free absolute paths, so we strip it).
inline Loaded load(const testing::TempDir& t, const std::string& yaml) {
    t.write("project.yaml", yaml);
    Loaded l;
    l.project = project::loadProject(t.file("project.yaml"));
    l.data = ingest::loadDataset(l.project, l.diag);
    return l;
}

// Removes the temporary directory prefix from a message, so expectations read as in a project.
inline std::string rel(const testing::TempDir& t, std::string s) {
    const std::string prefix = t.path() + "/";
    for (size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
    return s;
}

inline std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

struct Sheet {
    std::string name;
    std::string sheetData;  // the <row> elements
};

// A minimal but complete .xlsx: workbook, relationships, shared strings and styles where
// style 1 is a date format (numFmtId 14) and style 2 a custom "dd-mm-yyyy".
inline std::string writeXlsx(const testing::TempDir& t, const std::string& name, const std::vector<Sheet>& sheets,
                             const std::vector<std::string>& shared = {}, bool date1904 = false) {
    const std::string dir = t.file(name + ".parts");
    auto put = [&](const std::string& rel, const std::string& content) { t.write(name + ".parts/" + rel, content); };
    std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    put("[Content_Types].xml", types);
    put("_rels/.rels",
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"xl/workbook.xml\"/></Relationships>");
    std::string wb = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
    wb += date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>";
    wb += "<sheets>";
    std::string rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (size_t i = 0; i < sheets.size(); ++i) {
        std::string n = std::to_string(i + 1);
        wb += "<sheet name=\"" + xmlEscape(sheets[i].name) + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
        rels += "<Relationship Id=\"rId" + n +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" + n +
                ".xml\"/>";
        put("xl/worksheets/sheet" + n + ".xml",
            "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" +
                sheets[i].sheetData + "</sheetData></worksheet>");
    }
    wb += "</sheets></workbook>";
    rels += "</Relationships>";
    put("xl/workbook.xml", wb);
    put("xl/_rels/workbook.xml.rels", rels);
    std::string sst = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    for (const auto& s : shared) sst += "<si><t xml:space=\"preserve\">" + xmlEscape(s) + "</t></si>";
    sst += "</sst>";
    put("xl/sharedStrings.xml", sst);
    put("xl/styles.xml",
        "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd\\-mm\\-yyyy\"/></numFmts>"
        "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>");
    const std::string path = t.file(name);
    std::ofstream out(path, std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    zip.addRecursive(Poco::Path(dir + "/"), Poco::Zip::ZipCommon::CL_NORMAL, true);
    zip.close();
    return path;
}

// Runs SQL statements against a new SQLite file.
inline std::string writeSqlite(const testing::TempDir& t, const std::string& name, const std::string& sql) {
    const std::string path = t.write(name, "");  // creates the directory; SQLite takes an empty file as a new database
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "?";
        sqlite3_free(err);
        sqlite3_close(db);
        throw std::runtime_error("sqlite: " + msg);
    }
    sqlite3_close(db);
    return path;
}

}  // namespace ingest_test
