/*
 * tls.h -- the key and self-signed certificate of `serve --lan`, made
 * with GnuTLS (opened with dlopen(), as libmicrohttpd is: only serve
 * --lan loads it) at first use and kept, readable by the owner alone,
 * next to the store: $XDG_DATA_HOME/midback/serve-key.pem and
 * serve-cert.pem.
 */
#ifndef MIDBACK_WEB_TLS_H
#define MIDBACK_WEB_TLS_H

#include <stddef.h>

/* "AB:CD:..." -- 32 bytes of SHA-256 as the browsers show them. */
#define WEB_TLS_FP_LEN	(32 * 3)

struct web_tls {
	char	*key_pem;		/* NUL-terminated */
	char	*cert_pem;
	char	 fingerprint[WEB_TLS_FP_LEN];	/* SHA-256 of the cert */
	char	*cert_path;
	int	 made;			/* 1: made by this call */
};

/*
 * Read the key and certificate, making them first when there are none.
 * now: seconds since the epoch (the certificate's start). Returns 0, or
 * -1 with *err set (a file that cannot be read or parsed is named, never
 * replaced).
 */
int	web_tls_load(struct web_tls *, long long now, char **err);
void	web_tls_release(struct web_tls *);

#endif
