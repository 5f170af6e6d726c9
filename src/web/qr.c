/*
 * qr.c -- QR codes with libqrencode; see qr.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "web/qr.h"
#include "core/xmalloc.h"
#include "sys/dynlib.h"

#define QR_FUNCS(X) \
	X(QRcode_encodeString) \
	X(QRcode_free)

QR_FUNCS(DYNLIB_DECLARE)
DYNLIB_LIBRARY(qr_lib, "libqrencode.so.4", QR_FUNCS);

#define QRcode_encodeString	(*dl_QRcode_encodeString)
#define QRcode_free		(*dl_QRcode_free)

/* The quiet zone, in modules: the standard asks 4; 2 reads well on a
   screen and keeps the terminal's drawing small. */
#define QR_QUIET	2

static QRcode *
qr_make(const char *text, char **err)
{
	QRcode	*q;

	if (dynlib_open(&qr_lib, "%s (Debian package libqrencode4)",
	    err) != 0)
		return (NULL);
	if ((q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		*err = xstrdup("cannot make the QR code");
	return (q);
}

/* Whether the module at x, y (the quiet zone around) is dark. */
static int
dark(const QRcode *q, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return (0);
	return (q->data[y * q->width + x] & 1);
}

char *
web_qr_text(const char *text, int colour, char **err)
{
	QRcode	*q;
	char	*out, *p;
	size_t	 size;
	int	 n, x, y, top, bot;

	if ((q = qr_make(text, err)) == NULL)
		return (NULL);
	n = q->width + 2 * QR_QUIET;
	/* Per cell at most 3 bytes of a block; per line two colour codes. */
	size = (size_t)((n + 1) / 2) * ((size_t)n * 3 + 32) + 1;
	out = p = xmalloc(size);
	for (y = 0; y < n; y += 2) {
		/* Black on white, so the code reads on a dark terminal. */
		if (colour)
			p += sprintf(p, "\033[30;47m");
		for (x = 0; x < n; x++) {
			top = dark(q, x, y);
			bot = y + 1 < n && dark(q, x, y + 1);
			p += sprintf(p, "%s", top && bot ? "\u2588" : top ?
			    "\u2580" : bot ? "\u2584" : " ");
		}
		p += sprintf(p, "%s\n", colour ? "\033[0m" : "");
	}
	QRcode_free(q);
	return (out);
}

char *
web_qr_svg(const char *text, char **err)
{
	QRcode	*q;
	char	*out, *p;
	size_t	 size;
	int	 n, x, y;

	if ((q = qr_make(text, err)) == NULL)
		return (NULL);
	n = q->width + 2 * QR_QUIET;
	size = 512 + (size_t)n * (size_t)n * 24;
	out = p = xmalloc(size);
	p += sprintf(p, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\" role=\"img\" "
	    "aria-label=\"QR code of the pairing link\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", n, n, n, n);
	for (y = 0; y < n; y++)
		for (x = 0; x < n; x++)
			if (dark(q, x, y))
				p += sprintf(p, "M%d %dh1v1h-1z", x, y);
	p += sprintf(p, "\"/></svg>\n");
	QRcode_free(q);
	return (out);
}
