#pragma once
// The layout stage: typesets a document onto A4 pages as scenes (one per page), with an
// outline of the headings for PDF bookmarks. Backend-neutral: pdf::PdfWriter and
// scene::toSvg paint the result.
#include <string>
#include <vector>

#include "document/Document.hpp"
#include "scene/Scene.hpp"

namespace layout {

struct OutlineEntry {
    std::string title;  // "2.1 Resultater"
    int level = 1;
    int page = 0;       // 0-based
    double y = 0;
};

struct Pages {
    std::vector<scene::Scene> pages;
    std::vector<OutlineEntry> outline;
    std::string title, subject, author, keywords;
    long long creationTime = 0;
};

struct PageStyle {
    double width = 595.28, height = 841.89;  // A4 in points
    double marginLeft = 68, marginRight = 68, marginTop = 70, marginBottom = 70;
    bool justify = true;
    bool hyphenate = true;
};

Pages layoutDocument(const document::Document& doc, const PageStyle& style = {});

}  // namespace layout
