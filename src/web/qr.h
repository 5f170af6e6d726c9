/*
 * qr.h -- the pairing link as a QR code (libqrencode, opened with
 * dlopen() by serve --lan alone): drawn with Unicode half blocks for
 * the terminal, and as SVG for the computer's page.
 */
#ifndef MIDBACK_WEB_QR_H
#define MIDBACK_WEB_QR_H

/*
 * The code of text as lines of half blocks (two modules a character
 * cell, a quiet zone of two around), with colour black on white
 * whatever the terminal's own; or as an SVG document. Allocated; NULL
 * with *err set.
 */
char	*web_qr_text(const char *text, int colour, char **err);
char	*web_qr_svg(const char *text, char **err);

#endif
