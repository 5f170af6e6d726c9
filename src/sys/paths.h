/*
 * paths.h -- where midback keeps its files (the XDG base directories).
 *
 * config: $XDG_CONFIG_HOME/midback, data: $XDG_DATA_HOME/midback, runtime
 * state: $XDG_RUNTIME_DIR/midback (else the data folder). An XDG variable
 * that is unset or not absolute is ignored, as the spec says; then the
 * home folder is $HOME if it is absolute, else the password database's.
 * With neither, there is no safe place, and the call fails: falling back
 * to the current folder would split the history by folder.
 *
 * Each function returns an allocated path the caller frees, or NULL with
 * *err set to an allocated message.
 */
#ifndef MIDBACK_SYS_PATHS_H
#define MIDBACK_SYS_PATHS_H

/* $XDG_CONFIG_HOME/midback */
char	*paths_config_dir(char **err);
/* $XDG_CONFIG_HOME/NAME, for files of other programs (systemd units) */
char	*paths_config_home(const char *name, char **err);
/* $XDG_DATA_HOME/midback/midback.db */
char	*paths_db(char **err);
/* $XDG_RUNTIME_DIR/midback/NAME, else $XDG_DATA_HOME/midback/NAME */
char	*paths_state(const char *name, char **err);
/*
 * This program's own path, to run it again (the break that a reminder
 * opens, a systemd unit's ExecStart). An upgrade that replaced the
 * program while it ran leaves /proc/self/exe as "PATH (deleted)"; the
 * new program is at PATH.
 */
char	*paths_self(char **err);

#endif
