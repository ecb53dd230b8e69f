/*
 * The subject access pack as PDF. The text pack is turned into Pango
 * markup (titles and headings bold, everything else as written), laid out
 * to the page's width and cut into A4 pages line by line, each with a
 * footer. Fonts come from fontconfig (DejaVu Serif, a Debian package), so
 * names in any script print. Nothing is written but the PDF's bytes.
 */
#include "config.h"

#include "casework/sarpdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"

#define PAGE_W 595.28	/* A4 in points */
#define PAGE_H 841.89
#define MARGIN 56.7	/* 2 cm */
#define FOOTER 20.0

/* Cairo's stream writer: append to the buffer. */
static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* One line of the text pack, escaped, into markup. */
static void
markup_line(struct buf *m, const char *line, size_t n, const char *style)
{
	char *esc = g_markup_escape_text(line, (gssize)n);

	if (style)
		buf_addf(m, "<span %s>%s</span>\n", style, esc);
	else
		buf_addf(m, "%s\n", esc);
	g_free(esc);
}

/* The text pack as Pango markup. */
static void
markup(const char *text, struct buf *m)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");
		const char *next = p + n + (p[n] == '\n');
		size_t rule = strcspn(next, "\n");

		if (rule == 4 && strncmp(next, "====", 4) == 0) {
			markup_line(m, p, n, "size=\"x-large\" weight=\"bold\"");
			next += 4 + (next[4] == '\n');
		} else if (rule == 4 && strncmp(next, "----", 4) == 0) {
			markup_line(m, p, n, "size=\"large\" weight=\"bold\"");
			next += 4 + (next[4] == '\n');
		} else
			markup_line(m, p, n, NULL);
		p = next;
	}
}

/* Whether line is a title or heading: its text is set in bold. */
static int
heading_line(PangoLayout *lay, PangoLayoutLine *line)
{
	PangoAttrIterator *ai;
	PangoAttribute *a;
	int start, end, bold = 0;

	if (line->runs == NULL)
		return 0;
	ai = pango_attr_list_get_iterator(pango_layout_get_attributes(lay));
	do {
		pango_attr_iterator_range(ai, &start, &end);
		if (start <= line->start_index && end > line->start_index &&
		    (a = pango_attr_iterator_get(ai, PANGO_ATTR_WEIGHT)) != NULL)
			bold = ((PangoAttrInt *)a)->value >= PANGO_WEIGHT_BOLD;
	} while (!bold && pango_attr_iterator_next(ai));
	pango_attr_iterator_destroy(ai);
	return bold;
}

/* "title, page N" at the foot of the page. */
static void
footer(cairo_t *cr, PangoFontDescription *fd, const char *title, int page)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	char s[256];

	snprintf(s, sizeof s, "%s, page %d", title, page);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, MARGIN, PAGE_H - MARGIN + 6);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

enum cd_status
sarpdf_render(const char *text, const char *title, struct buf *out,
    struct cd_err *err)
{
	const double usable = PAGE_H - 2 * MARGIN - FOOTER;
	struct buf m = { 0 };
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoLayout *lay;
	PangoLayoutIter *it;
	PangoFontDescription *fd, *small;
	double top = 0;
	int page = 1;
	cairo_status_t cs;

	surf = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W,
	    PAGE_H);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
	    "casedesk");
	cr = cairo_create(surf);
	lay = pango_cairo_create_layout(cr);
	fd = pango_font_description_from_string("DejaVu Serif 10");
	small = pango_font_description_from_string("DejaVu Serif 8");
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	markup(text, &m);
	pango_layout_set_markup(lay, buf_str(&m), -1);
	it = pango_layout_get_iter(lay);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle r;
		double y, h;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		y = (double)r.y / PANGO_SCALE - top;
		h = (double)r.height / PANGO_SCALE;
		/* A heading goes over with the text it heads. */
		if (y + h > usable || (heading_line(lay, line) && y + 3 * h >
		    usable)) {
			footer(cr, small, title, page++);
			cairo_show_page(cr);
			top = (double)r.y / PANGO_SCALE;
		}
		cairo_move_to(cr, MARGIN + (double)r.x / PANGO_SCALE, MARGIN +
		    (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE -
		    top);
		pango_cairo_show_layout_line(cr, line);
	} while (pango_layout_iter_next_line(it));
	footer(cr, small, title, page);
	pango_layout_iter_free(it);
	pango_font_description_free(fd);
	pango_font_description_free(small);
	g_object_unref(lay);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	cs = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	buf_fini(&m);
	if (cs != CAIRO_STATUS_SUCCESS)
		return cd_err_set(err, CD_ERR_IO, "making the PDF: %s",
		    cairo_status_to_string(cs));
	return CD_OK;
}
