#pragma once
// The chart gallery: a document with every chart type, fed from the sample projects, and the
// edge cases (one category, 0 % and 100 %, suppressed cells, long labels at a narrow width,
// negative change, a missing quarter). Written to PDF by evalreport-gallery.
#include "charts/gallery/Aeldre.hpp"
#include "document/Document.hpp"

namespace gallery {

// `figureWidth` is the width the layout gives a figure, so truncated labels can be listed in
// the figure notes at the width they are drawn.
document::Document buildGallery(const AeldreStats& aeldre, double figureWidth, const std::string& dateText,
                                long long creationTime);

}  // namespace gallery
