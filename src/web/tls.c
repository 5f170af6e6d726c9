/*
 * tls.c -- the key and certificate of `serve --lan`; see tls.h.
 *
 * An ECDSA P-256 key, and a certificate for it signed by itself: no
 * authority vouches for it, so a phone's browser warns the first time,
 * and the person compares the fingerprint it shows with the one serve
 * prints. Both files are made once, 0600, and kept: a new certificate on
 * every start would have the phone warn every time.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "web/tls.h"
#include "core/xmalloc.h"
#include "sys/dynlib.h"
#include "sys/fileio.h"
#include "sys/paths.h"

#define TLS_FUNCS(X) \
	X(gnutls_strerror) \
	X(gnutls_x509_privkey_init) \
	X(gnutls_x509_privkey_deinit) \
	X(gnutls_x509_privkey_generate) \
	X(gnutls_x509_privkey_export) \
	X(gnutls_x509_privkey_import) \
	X(gnutls_x509_crt_init) \
	X(gnutls_x509_crt_deinit) \
	X(gnutls_x509_crt_set_version) \
	X(gnutls_x509_crt_set_serial) \
	X(gnutls_x509_crt_set_activation_time) \
	X(gnutls_x509_crt_set_expiration_time) \
	X(gnutls_x509_crt_set_dn_by_oid) \
	X(gnutls_x509_crt_set_key) \
	X(gnutls_x509_crt_set_key_usage) \
	X(gnutls_x509_crt_set_basic_constraints) \
	X(gnutls_x509_crt_sign2) \
	X(gnutls_x509_crt_export) \
	X(gnutls_x509_crt_import) \
	X(gnutls_x509_crt_get_fingerprint)

TLS_FUNCS(DYNLIB_DECLARE)
DYNLIB_LIBRARY(tls_lib, "libgnutls.so.30", TLS_FUNCS);

#define gnutls_strerror	(*dl_gnutls_strerror)
#define gnutls_x509_privkey_init	(*dl_gnutls_x509_privkey_init)
#define gnutls_x509_privkey_deinit	(*dl_gnutls_x509_privkey_deinit)
#define gnutls_x509_privkey_generate	(*dl_gnutls_x509_privkey_generate)
#define gnutls_x509_privkey_export	(*dl_gnutls_x509_privkey_export)
#define gnutls_x509_privkey_import	(*dl_gnutls_x509_privkey_import)
#define gnutls_x509_crt_init	(*dl_gnutls_x509_crt_init)
#define gnutls_x509_crt_deinit	(*dl_gnutls_x509_crt_deinit)
#define gnutls_x509_crt_set_version	(*dl_gnutls_x509_crt_set_version)
#define gnutls_x509_crt_set_serial	(*dl_gnutls_x509_crt_set_serial)
#define gnutls_x509_crt_set_activation_time \
	(*dl_gnutls_x509_crt_set_activation_time)
#define gnutls_x509_crt_set_expiration_time \
	(*dl_gnutls_x509_crt_set_expiration_time)
#define gnutls_x509_crt_set_dn_by_oid	(*dl_gnutls_x509_crt_set_dn_by_oid)
#define gnutls_x509_crt_set_key	(*dl_gnutls_x509_crt_set_key)
#define gnutls_x509_crt_set_key_usage	(*dl_gnutls_x509_crt_set_key_usage)
#define gnutls_x509_crt_set_basic_constraints \
	(*dl_gnutls_x509_crt_set_basic_constraints)
#define gnutls_x509_crt_sign2	(*dl_gnutls_x509_crt_sign2)
#define gnutls_x509_crt_export	(*dl_gnutls_x509_crt_export)
#define gnutls_x509_crt_import	(*dl_gnutls_x509_crt_import)
#define gnutls_x509_crt_get_fingerprint	(*dl_gnutls_x509_crt_get_fingerprint)

#define TLS_PEM_MAX	8192
/* The certificate is good for ten years: it is checked by its print. */
#define TLS_YEARS	10

static char *
tls_path(const char *name, char **err)
{
	char	*db, *slash, *p;

	if ((db = paths_db(err)) == NULL)
		return (NULL);
	if ((slash = strrchr(db, '/')) != NULL)
		*slash = '\0';
	p = xasprintf("%s/%s", db, name);
	free(db);
	return (p);
}

/* Make a key and its certificate as PEM into key and cert. */
static int
tls_make(long long now, char *key, size_t *keylen, char *cert,
    size_t *certlen, char **err)
{
	gnutls_x509_privkey_t	 k = NULL;
	gnutls_x509_crt_t	 c = NULL;
	unsigned char		 serial[16];
	const char		*what = "make a key";
	int			 rc;

	if (getrandom(serial, sizeof serial, 0) != (ssize_t)sizeof serial) {
		*err = xstrdup("cannot make a certificate: no randomness");
		return (-1);
	}
	serial[0] &= 0x7f;	/* a positive number */
	if ((rc = gnutls_x509_privkey_init(&k)) < 0 ||
	    (rc = gnutls_x509_privkey_generate(k, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0)) < 0 ||
	    (rc = gnutls_x509_privkey_export(k, GNUTLS_X509_FMT_PEM, key,
	    keylen)) < 0)
		goto fail;
	what = "make a certificate";
	if ((rc = gnutls_x509_crt_init(&c)) < 0 ||
	    (rc = gnutls_x509_crt_set_version(c, 3)) < 0 ||
	    (rc = gnutls_x509_crt_set_serial(c, serial, sizeof serial)) < 0 ||
	    (rc = gnutls_x509_crt_set_activation_time(c,
	    (time_t)(now - 86400))) < 0 ||
	    (rc = gnutls_x509_crt_set_expiration_time(c,
	    (time_t)(now + TLS_YEARS * 365LL * 86400))) < 0 ||
	    (rc = gnutls_x509_crt_set_dn_by_oid(c, GNUTLS_OID_X520_COMMON_NAME,
	    0, "midback serve", strlen("midback serve"))) < 0 ||
	    (rc = gnutls_x509_crt_set_key(c, k)) < 0 ||
	    (rc = gnutls_x509_crt_set_basic_constraints(c, 0, -1)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_usage(c,
	    GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
	    (rc = gnutls_x509_crt_sign2(c, c, k, GNUTLS_DIG_SHA256, 0)) < 0 ||
	    (rc = gnutls_x509_crt_export(c, GNUTLS_X509_FMT_PEM, cert,
	    certlen)) < 0)
		goto fail;
	gnutls_x509_crt_deinit(c);
	gnutls_x509_privkey_deinit(k);
	return (0);
fail:
	*err = xasprintf("cannot %s: %s", what, gnutls_strerror(rc));
	if (c != NULL)
		gnutls_x509_crt_deinit(c);
	if (k != NULL)
		gnutls_x509_privkey_deinit(k);
	return (-1);
}

/* Check that pem is a key (what "key") or a certificate, at path. */
static int
tls_check(const char *path, const char *pem, int is_key, char *fp,
    char **err)
{
	gnutls_datum_t		 d = { (unsigned char *)(uintptr_t)pem,
				    (unsigned)strlen(pem) };
	gnutls_x509_privkey_t	 k;
	gnutls_x509_crt_t	 c;
	unsigned char		 sum[32];
	size_t			 n = sizeof sum, i;
	int			 rc;

	if (is_key) {
		if ((rc = gnutls_x509_privkey_init(&k)) >= 0) {
			rc = gnutls_x509_privkey_import(k, &d,
			    GNUTLS_X509_FMT_PEM);
			gnutls_x509_privkey_deinit(k);
		}
	} else if ((rc = gnutls_x509_crt_init(&c)) >= 0) {
		if ((rc = gnutls_x509_crt_import(c, &d,
		    GNUTLS_X509_FMT_PEM)) >= 0)
			rc = gnutls_x509_crt_get_fingerprint(c,
			    GNUTLS_DIG_SHA256, sum, &n);
		gnutls_x509_crt_deinit(c);
		if (rc >= 0 && n == sizeof sum)
			for (i = 0; i < n; i++)
				snprintf(fp + 3 * i, 4, i + 1 < n ? "%02X:" :
				    "%02X", sum[i]);
	}
	if (rc < 0) {
		*err = xasprintf("%s: not a %s: %s (remove it, and midback "
		    "makes a new one)", path, is_key ? "private key" :
		    "certificate", gnutls_strerror(rc));
		return (-1);
	}
	return (0);
}

/* Read path, kept by its owner alone; NULL with *err set. */
static char *
tls_read(const char *path, char **err)
{
	struct stat	 st;
	size_t		 len;
	char		*s;

	if ((s = file_read(path, &len, err)) == NULL)
		return (NULL);
	if (stat(path, &st) == 0 && (st.st_mode & 077) != 0) {
		free(s);
		*err = xasprintf("%s: others may read it (chmod 600 it, or "
		    "remove it to have a new one made)", path);
		return (NULL);
	}
	if (strlen(s) != len) {
		free(s);
		*err = xasprintf("%s: not a PEM file", path);
		return (NULL);
	}
	return (s);
}

int
web_tls_load(struct web_tls *t, long long now, char **err)
{
	char	*kp = NULL, *key[1] = { NULL }, *cert = NULL, kbuf[TLS_PEM_MAX],
		 cbuf[TLS_PEM_MAX];
	size_t	 klen = sizeof kbuf, clen = sizeof cbuf;
	int	 have_k, have_c;

	memset(t, 0, sizeof *t);
	if (dynlib_open(&tls_lib, "%s (Debian package libgnutls30)",
	    err) != 0)
		return (-1);
	if ((kp = tls_path("serve-key.pem", err)) == NULL ||
	    (t->cert_path = tls_path("serve-cert.pem", err)) == NULL)
		goto fail;
	have_k = access(kp, F_OK) == 0;
	have_c = access(t->cert_path, F_OK) == 0;
	if (!have_k && !have_c) {
		if (tls_make(now, kbuf, &klen, cbuf, &clen, err) != 0 ||
		    file_mkdirs(kp, err) != 0 ||
		    file_write_atomic(kp, kbuf, klen, 0600, err) != 0 ||
		    file_write_atomic(t->cert_path, cbuf, clen, 0600,
		    err) != 0)
			goto fail;
		t->made = 1;
	} else if (have_k != have_c) {
		*err = xasprintf("%s is there without %s: remove it, and "
		    "midback makes both anew", have_k ? kp : t->cert_path,
		    have_k ? t->cert_path : kp);
		goto fail;
	}
	if ((key[0] = tls_read(kp, err)) == NULL ||
	    (cert = tls_read(t->cert_path, err)) == NULL ||
	    tls_check(kp, key[0], 1, t->fingerprint, err) != 0 ||
	    tls_check(t->cert_path, cert, 0, t->fingerprint, err) != 0)
		goto fail;
	explicit_bzero(kbuf, sizeof kbuf);
	t->key_pem = key[0];
	t->cert_pem = cert;
	free(kp);
	return (0);
fail:
	explicit_bzero(kbuf, sizeof kbuf);
	if (key[0] != NULL) {
		explicit_bzero(key[0], strlen(key[0]));
		free(key[0]);
	}
	free(cert);
	free(kp);
	free(t->cert_path);
	t->cert_path = NULL;
	return (-1);
}

void
web_tls_release(struct web_tls *t)
{
	if (t->key_pem != NULL) {
		explicit_bzero(t->key_pem, strlen(t->key_pem));
		free(t->key_pem);
	}
	free(t->cert_pem);
	free(t->cert_path);
	memset(t, 0, sizeof *t);
}
