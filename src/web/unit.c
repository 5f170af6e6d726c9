/*
 * unit.c -- what the systemd user unit that runs `serve` at login says
 * (sys/unit.h writes it and enables it), and the runtime file that tells a
 * reminder where the page is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include <jansson.h>

#include "web/web.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "sys/unit.h"
#include "core/xmalloc.h"

char *
web_unit_text(int port, char **err)
{
	struct unit_spec	 u = { 0 };
	char			*description, *args, *text;

	description = xasprintf("midback in the browser, on "
	    "http://127.0.0.1:%d/", port);
	args = xasprintf("serve --port %d", port);
	u.description = description;
	u.args = args;
	text = unit_text(&u, err);
	free(description);
	free(args);
	return (text);
}

/*
 * $XDG_RUNTIME_DIR/midback/serve.json: {"pid":N,"url":"..."}, readable
 * by the person alone. `remind` reads it to open a break in the page.
 */
int
web_state_write(int port, char **err)
{
	char	*path, *text;
	int	 rc;

	if ((path = paths_state(WEB_STATE_FILE, err)) == NULL)
		return (-1);
	if (file_mkdirs(path, err) != 0) {
		free(path);
		return (-1);
	}
	text = xasprintf("{\"pid\":%d,\"url\":\"http://127.0.0.1:%d/\"}\n",
	    (int)getpid(), port);
	rc = file_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	free(path);
	return (rc);
}

int
web_state_read(int *port, char **err)
{
	json_error_t	 je;
	json_t		*j;
	char		*path;
	const char	*url;
	int		 pid = 0, rc = -1;

	*port = 0;
	if ((path = paths_state(WEB_STATE_FILE, err)) == NULL)
		return (-1);
	if ((j = json_load_file(path, 0, &je)) == NULL ||
	    json_unpack(j, "{s:i,s:s}", "pid", &pid, "url", &url) != 0 ||
	    sscanf(url, "http://127.0.0.1:%d/", port) != 1 || pid <= 0 ||
	    kill(pid, 0) != 0)
		*err = xstrdup("midback serve is not running (start it with "
		    "midback serve)");
	else
		rc = 0;
	json_decref(j);
	free(path);
	return (rc);
}

/*
 * Only the server that wrote it removes it: with two on one store, the
 * second's file replaced the first's, and the first to stop must not
 * take away the one still running.
 */
void
web_state_remove(void)
{
	json_t	*j;
	char	*path, *err = NULL;

	if ((path = paths_state(WEB_STATE_FILE, &err)) == NULL) {
		free(err);
		return;
	}
	if ((j = json_load_file(path, 0, NULL)) != NULL &&
	    json_integer_value(json_object_get(j, "pid")) ==
	    (json_int_t)getpid())
		(void)unlink(path);
	json_decref(j);
	free(path);
}

void
web_link_url(int port, const char *key, char *buf, size_t len)
{
	snprintf(buf, len, "http://127.0.0.1:%d/?k=%s", port, key);
}

int
web_link_new(int port, char *buf, size_t len, char **err)
{
	char	 key[WEB_TOKEN_LEN + 1], name[64], *path;
	int	 rc;

	if (web_secret(key) != 0) {
		*err = xstrdup("cannot make a link: no randomness");
		return (-1);
	}
	snprintf(name, sizeof name, WEB_LINK_PREFIX "%s", key);
	if ((path = paths_state(name, err)) == NULL)
		return (-1);
	if ((rc = file_mkdirs(path, err)) == 0)
		rc = file_write_atomic(path, "", 0, 0600, err);
	free(path);
	if (rc == 0)
		web_link_url(port, key, buf, len);
	return (rc);
}

char *
web_link_file(const char *url, char **err)
{
	char	*path, *text;
	int	 rc;

	if ((path = paths_state("open.html", err)) == NULL)
		return (NULL);
	if (file_mkdirs(path, err) != 0) {
		free(path);
		return (NULL);
	}
	text = xasprintf("<!doctype html>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"refresh\" content=\"0;url=%s\">\n"
	    "<title>midback</title>\n<p><a href=\"%s\">Open midback</a></p>\n",
	    url, url);
	rc = file_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	if (rc != 0) {
		free(path);
		return (NULL);
	}
	return (path);
}
