/*
 * A subject access pack as PDF: the same words as the text pack, laid out
 * on A4 pages with Pango on Cairo's PDF surface.
 */
#ifndef CD_CASEWORK_SARPDF_H
#define CD_CASEWORK_SARPDF_H

#include "common/status.h"

struct buf;

/*
 * Lay out text (the text pack: a line followed by "====" is a title, by
 * "----" a heading) as PDF into out, with title as the document's title.
 */
enum cd_status sarpdf_render(const char *text, const char *title,
    struct buf *out, struct cd_err *err);

#endif
