/*
 * t-config.c -- the reminder settings loader: defaults, every key, and
 * every kind of bad input with the exact "config.yaml:LINE: message".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/xmalloc.h"

#define F	"config.yaml"

/* Parse text that must be good into *c. */
static void
parse_ok(const char *text, struct remind_config *c)
{
	struct diag	d = DIAG_INIT;
	int		r;

	r = config_parse(F, text, strlen(text), c, &d);
	if (d.n != 0)
		print_error("unexpected: %s\n", d.msgs[0]);
	assert_int_equal(d.n, 0);
	assert_int_equal(r, 0);
	diag_release(&d);
}

/* Parse text; it must fail with exactly the messages want, in order. */
static void
expect_errors(const char *text, const char *const *want, size_t nwant)
{
	struct remind_config	c, def;
	struct diag		d = DIAG_INIT;
	size_t			i;

	assert_int_equal(config_parse(F, text, strlen(text), &c, &d), -1);
	for (i = 0; i < d.n && i < nwant; i++)
		assert_string_equal(d.msgs[i], want[i]);
	assert_int_equal(d.n, nwant);
	/* A bad file leaves nothing half-read. */
	config_defaults(&def);
	assert_memory_equal(&c, &def, sizeof c);
	diag_release(&d);
}

/* One bad file, one message. */
static void
expect_error(const char *text, const char *want)
{
	expect_errors(text, &want, 1);
}

static void
assert_defaults(const struct remind_config *c)
{
	assert_int_equal(c->days_mask, CONFIG_WEEKDAYS);
	assert_int_equal(c->start_min, 9 * 60);
	assert_int_equal(c->end_min, 17 * 60 + 30);
	assert_int_equal(c->reset_every_min, 60);
	assert_int_equal(c->angel_every_min, 120);
	assert_int_equal(c->daily_min, 16 * 60);
	assert_int_equal(c->snooze_min, 10);
}

static void
defaults_are_weekdays_nine_to_half_five(void **state)
{
	struct remind_config	c;

	(void)state;
	memset(&c, 0xff, sizeof c);
	config_defaults(&c);
	assert_defaults(&c);
	assert_int_equal(c.days_mask, CONFIG_DAY(0) | CONFIG_DAY(1) |
	    CONFIG_DAY(2) | CONFIG_DAY(3) | CONFIG_DAY(4));
}

static void
empty_blank_and_comment_only_text_give_defaults(void **state)
{
	static const char *const texts[] = {
		"", "\n", "  \n\t\n", "# nothing set yet\n\n  # indented\n",
		"# no newline at the end", "---\n", "--- # empty\n",
		"\r\n# dos\r\n"
	};
	struct remind_config	c;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		memset(&c, 0, sizeof c);
		parse_ok(texts[i], &c);
		assert_defaults(&c);
	}
}

static void
every_key_is_read(void **state)
{
	struct remind_config	c;

	(void)state;
	parse_ok("# my rhythm\n"
	    "work_days: [Mon, wednesday, FRI, sat]\n"
	    "work_hours: \"08:15-16:45\"\n"
	    "posture_reset_every: 45\n"
	    "wall_angel_every: 90\n"
	    "daily_session: \"12:30\"\n"
	    "snooze: 5\n", &c);
	assert_int_equal(c.days_mask, CONFIG_DAY(0) | CONFIG_DAY(2) |
	    CONFIG_DAY(4) | CONFIG_DAY(5));
	assert_int_equal(c.start_min, 8 * 60 + 15);
	assert_int_equal(c.end_min, 16 * 60 + 45);
	assert_int_equal(c.reset_every_min, 45);
	assert_int_equal(c.angel_every_min, 90);
	assert_int_equal(c.daily_min, 12 * 60 + 30);
	assert_int_equal(c.snooze_min, 5);
}

static void
keys_left_out_keep_their_defaults(void **state)
{
	struct remind_config	c;

	(void)state;
	parse_ok("snooze: 15\n", &c);
	assert_int_equal(c.snooze_min, 15);
	c.snooze_min = 10;
	assert_defaults(&c);
}

static void
day_names_short_full_any_case_and_block_lists(void **state)
{
	struct remind_config	c;

	(void)state;
	parse_ok("work_days:\n  - SUNDAY\n  - Tue\n  - thursday\n", &c);
	assert_int_equal(c.days_mask, CONFIG_DAY(6) | CONFIG_DAY(1) |
	    CONFIG_DAY(3));
	parse_ok("work_days: [mon, tue, wed, thu, fri, sat, sun]\n", &c);
	assert_int_equal(c.days_mask, 0x7f);
}

static void
off_turns_the_wall_angel_and_daily_session_off(void **state)
{
	struct remind_config	c;

	(void)state;
	parse_ok("wall_angel_every: off\ndaily_session: Off\n", &c);
	assert_int_equal(c.angel_every_min, 0);
	assert_int_equal(c.daily_min, -1);
	parse_ok("wall_angel_every: \"OFF\"\ndaily_session: 'off'\n", &c);
	assert_int_equal(c.angel_every_min, 0);
	assert_int_equal(c.daily_min, -1);
}

static void
times_take_one_digit_hours_blanks_and_midnight(void **state)
{
	struct remind_config	c;

	(void)state;
	parse_ok("work_hours: 9:00 - 17:00\ndaily_session: 9:05\n", &c);
	assert_int_equal(c.start_min, 9 * 60);
	assert_int_equal(c.end_min, 17 * 60);
	assert_int_equal(c.daily_min, 9 * 60 + 5);
	parse_ok("work_hours: 00:00-24:00\n", &c);
	assert_int_equal(c.start_min, 0);
	assert_int_equal(c.end_min, 1440);
	/* The edges: the session may be at the start, not at the end. */
	parse_ok("daily_session: \"09:00\"\n", &c);
	assert_int_equal(c.daily_min, 9 * 60);
	parse_ok("daily_session: \"17:29\"\n", &c);
	assert_int_equal(c.daily_min, 17 * 60 + 29);
}

static void
bad_work_hours_each_say_what_is_wrong(void **state)
{
	(void)state;
	expect_error("# hours\nwork_hours: \"25:00-17:00\"\n",
	    F ":2: 'work_hours': '25:00' is not a time of day "
	    "(00:00 to 23:59)");
	expect_error("work_hours: 9am\n",
	    F ":1: 'work_hours' must be HH:MM-HH:MM, found '9am'");
	expect_error("work_hours: 9am-5pm\n",
	    F ":1: 'work_hours' must be HH:MM-HH:MM, found '9am-5pm'");
	expect_error("work_hours: \"09:00\"\n",
	    F ":1: 'work_hours' must be HH:MM-HH:MM, found '09:00'");
	expect_error("work_hours: 0900-1730\n",
	    F ":1: 'work_hours' must be HH:MM-HH:MM, found '0900-1730'");
	expect_error("\n\nwork_hours: \"17:30-09:00\"\n",
	    F ":3: 'work_hours': the end 09:00 must come after the start "
	    "17:30 (hours cannot cross midnight)");
	expect_error("work_hours: 09:00-09:00\n",
	    F ":1: 'work_hours': the end 09:00 must come after the start "
	    "09:00 (hours cannot cross midnight)");
	expect_error("work_hours: 09:60-17:00\n",
	    F ":1: 'work_hours': '09:60' is not a time of day "
	    "(00:00 to 23:59)");
	expect_error("work_hours: 24:00-24:00\n",
	    F ":1: 'work_hours': '24:00' is not a time of day "
	    "(00:00 to 23:59)");
	expect_errors("work_hours: 25:00-24:30\n", (const char *const[]){
	    F ":1: 'work_hours': '25:00' is not a time of day "
	    "(00:00 to 23:59)",
	    F ":1: 'work_hours': '24:30' is not a time of day "
	    "(00:00 to 24:00)" }, 2);
	expect_error("work_hours: [9, 17]\n",
	    F ":1: 'work_hours' must be text, found a list");
	expect_error("work_hours: \"\"\n",
	    F ":1: 'work_hours' must not be empty");
}

static void
bad_work_days_each_say_what_is_wrong(void **state)
{
	(void)state;
	expect_error("work_days: [mon, funday]\n",
	    F ":1: unknown day 'funday' in 'work_days' (expected mon to "
	    "sun, or monday to sunday)");
	expect_error("work_days:\n  - mon\n  - tue\n  - Monday\n",
	    F ":4: 'work_days' lists Mon twice");
	expect_error("work_days: []\n", F ":1: 'work_days' lists no day");
	expect_error("work_days: mon\n",
	    F ":1: 'work_days' must be a list, found a scalar");
	expect_error("work_days:\n  - mon\n  - [tue, wed]\n",
	    F ":3: 'work_days' must list day names");
	expect_error("work_days:\n  - mon\n  -\n  - tue\n",
	    F ":3: 'work_days' has an empty item");
	expect_errors("work_days: [mo,\n  tues]\n", (const char *const[]){
	    F ":1: unknown day 'mo' in 'work_days' (expected mon to sun, "
	    "or monday to sunday)",
	    F ":2: unknown day 'tues' in 'work_days' (expected mon to sun, "
	    "or monday to sunday)" }, 2);
}

static void
bad_minutes_each_say_what_is_wrong(void **state)
{
	(void)state;
	expect_error("posture_reset_every: 0\n",
	    F ":1: 'posture_reset_every' must be from 1 to 480, found 0");
	expect_error("posture_reset_every: 481\n",
	    F ":1: 'posture_reset_every' must be from 1 to 480, found 481");
	expect_error("posture_reset_every: sixty\n",
	    F ":1: 'posture_reset_every' must be a whole number, found "
	    "'sixty'");
	expect_error("posture_reset_every: off\n",
	    F ":1: 'posture_reset_every' must be a whole number, found "
	    "'off'");
	expect_error("wall_angel_every: sometimes\n",
	    F ":1: 'wall_angel_every' must be minutes from 1 to 480, or "
	    "off; found 'sometimes'");
	expect_error("wall_angel_every: 0\n",
	    F ":1: 'wall_angel_every' must be from 1 to 480, found 0");
	expect_error("snooze: 0\n",
	    F ":1: 'snooze' must be from 1 to 120, found 0");
	expect_error("snooze: 121\n",
	    F ":1: 'snooze' must be from 1 to 120, found 121");
	expect_error("snooze: \"10\"\n",
	    F ":1: 'snooze' must be a whole number, found quoted text '10' "
	    "(remove the quotes)");
}

static void
bad_daily_session_each_say_what_is_wrong(void **state)
{
	(void)state;
	expect_error("daily_session: four\n",
	    F ":1: 'daily_session' must be HH:MM or off, found 'four'");
	expect_error("daily_session: 16:61\n",
	    F ":1: 'daily_session': '16:61' is not a time of day "
	    "(00:00 to 23:59)");
	expect_error("daily_session: 24:00\n",
	    F ":1: 'daily_session': '24:00' is not a time of day "
	    "(00:00 to 23:59)");
	expect_error("daily_session: \"18:00\"\n",
	    F ":1: 'daily_session' 18:00 is outside the work hours "
	    "09:00-17:30");
	expect_error("work_hours: 09:00-17:30\ndaily_session: \"17:30\"\n",
	    F ":2: 'daily_session' 17:30 is outside the work hours "
	    "09:00-17:30");
	expect_error("daily_session: 08:59\n",
	    F ":1: 'daily_session' 08:59 is outside the work hours "
	    "09:00-17:30");
	expect_error("# early shift\nwork_hours: 06:00-14:00\n",
	    F ":2: the default 'daily_session' 16:00 is outside the work "
	    "hours 06:00-14:00 (set daily_session)");
}

static void
one_mistake_is_reported_once(void **state)
{
	(void)state;
	/* Bad hours: the session is not also said to be outside them. */
	expect_error("work_hours: 9-5\ndaily_session: \"18:00\"\n",
	    F ":1: 'work_hours' must be HH:MM-HH:MM, found '9-5'");
	/* A bad session time is not also said to be outside the hours. */
	expect_error("work_hours: 06:00-14:00\ndaily_session: 99:00\n",
	    F ":2: 'daily_session': '99:00' is not a time of day "
	    "(00:00 to 23:59)");
	/* Off needs no hours. */
	{
		struct remind_config	c;

		parse_ok("work_hours: 06:00-14:00\ndaily_session: off\n", &c);
		assert_int_equal(c.daily_min, -1);
	}
}

static void
unknown_and_duplicate_keys(void **state)
{
	(void)state;
	expect_error("snooze: 5\nwork_hour: 09:00-17:00\n",
	    F ":2: unknown key 'work_hour'");
	expect_error("snooze: 5\nsnooze: 6\n", F ":2: duplicate key 'snooze'");
}

static void
several_errors_are_all_reported_in_line_order(void **state)
{
	static const char text[] =
	    "# reminders\n"					/* 1 */
	    "work_days: [mon, tue, mon]\n"			/* 2 */
	    "work_hours: \"08:00-25:00\"\n"			/* 3 */
	    "posture_reset_every: 0\n"				/* 4 */
	    "wall_angel: 120\n"					/* 5 */
	    "daily_session: \"7pm\"\n"				/* 6 */
	    "snooze: lots\n";					/* 7 */
	static const char *const want[] = {
		F ":2: 'work_days' lists Mon twice",
		F ":3: 'work_hours': '25:00' is not a time of day "
		    "(00:00 to 24:00)",
		F ":4: 'posture_reset_every' must be from 1 to 480, found 0",
		F ":5: unknown key 'wall_angel'",
		F ":6: 'daily_session' must be HH:MM or off, found '7pm'",
		F ":7: 'snooze' must be a whole number, found 'lots'",
	};

	(void)state;
	expect_errors(text, want, sizeof want / sizeof want[0]);
}

static void
a_file_that_is_not_a_mapping_is_refused(void **state)
{
	(void)state;
	expect_error("- snooze\n- 5\n",
	    F ":1: config: expected a mapping, found a list");
	expect_error("# a comment\nsnooze 5\n",
	    F ":2: config: expected a mapping, found a scalar");
}

static void
broken_yaml_points_at_its_line(void **state)
{
	struct remind_config	c;
	struct diag		d = DIAG_INIT;
	const char		*text = "snooze: 5\nwork_days: [mon, tue\n";

	(void)state;
	assert_int_equal(config_parse(F, text, strlen(text), &c, &d), -1);
	assert_int_equal(d.n, 1);
	assert_true(strncmp(d.msgs[0], F ":2: not valid YAML: ",
	    strlen(F ":2: not valid YAML: ")) == 0);
	assert_defaults(&c);
	diag_release(&d);
}

static void
hhmm_and_describe(void **state)
{
	struct remind_config	 c;
	char			 buf[CONFIG_HHMM_BUFSZ], *s;

	(void)state;
	config_hhmm(0, buf);
	assert_string_equal(buf, "00:00");
	config_hhmm(9 * 60 + 5, buf);
	assert_string_equal(buf, "09:05");
	config_hhmm(1440, buf);
	assert_string_equal(buf, "24:00");

	config_defaults(&c);
	s = config_describe(&c);
	assert_string_equal(s,
	    "work days: Mon Tue Wed Thu Fri\n"
	    "work hours: 09:00-17:30\n"
	    "posture reset: every 60 min of desk time\n"
	    "wall angel: every 120 min of desk time\n"
	    "daily session: 16:00\n"
	    "snooze: 10 min\n");
	free(s);
	parse_ok("work_days: [sun, sat]\nwall_angel_every: off\n"
	    "daily_session: off\n", &c);
	s = config_describe(&c);
	assert_string_equal(s,
	    "work days: Sat Sun\n"
	    "work hours: 09:00-17:30\n"
	    "posture reset: every 60 min of desk time\n"
	    "wall angel: off\n"
	    "daily session: off\n"
	    "snooze: 10 min\n");
	free(s);
}

/*
 * Lists and mappings nested past 64 levels are refused where the level
 * too deep opens, before libyaml builds the tree: 100,000 levels take no
 * longer than 65.
 */
static void
deep_nesting_is_refused_as_it_is_read(void **state)
{
	char	*text;
	size_t	 n = 100000;

	(void)state;
	text = xcalloc(1, 2 * n + 32);
	strcpy(text, "snooze: 5\nwork_days: ");
	memset(text + strlen(text), '[', n);
	memset(text + strlen(text), ']', n);
	expect_error(text, F ":2: nested deeper than 64 levels");
	free(text);
	/* 64 levels: the file's mapping and 63 lists are read. */
	text = xcalloc(1, 256);
	strcpy(text, "work_days: ");
	memset(text + strlen(text), '[', 63);
	memset(text + strlen(text), ']', 63);
	expect_error(text, F ":1: 'work_days' must list day names");
	free(text);
	expect_error("a:\n b:\n  c: {d: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	    "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n",
	    F ":3: nested deeper than 64 levels");
}

/* A number past 32 bits is out of range, not wrapped to one in it. */
static void
huge_numbers_are_refused_not_wrapped(void **state)
{
	(void)state;
	expect_error("posture_reset_every: 4294967356\n", F ":1: "
	    "'posture_reset_every' must be from 1 to 480, found 4294967356");
	expect_error("snooze: 18446744073709551621\n", F ":1: 'snooze' must "
	    "be from 1 to 120, found 18446744073709551621");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test(f)
		T(defaults_are_weekdays_nine_to_half_five),
		T(empty_blank_and_comment_only_text_give_defaults),
		T(every_key_is_read),
		T(keys_left_out_keep_their_defaults),
		T(day_names_short_full_any_case_and_block_lists),
		T(off_turns_the_wall_angel_and_daily_session_off),
		T(times_take_one_digit_hours_blanks_and_midnight),
		T(bad_work_hours_each_say_what_is_wrong),
		T(bad_work_days_each_say_what_is_wrong),
		T(bad_minutes_each_say_what_is_wrong),
		T(bad_daily_session_each_say_what_is_wrong),
		T(one_mistake_is_reported_once),
		T(unknown_and_duplicate_keys),
		T(several_errors_are_all_reported_in_line_order),
		T(a_file_that_is_not_a_mapping_is_refused),
		T(broken_yaml_points_at_its_line),
		T(hhmm_and_describe),
		T(deep_nesting_is_refused_as_it_is_read),
		T(huge_numbers_are_refused_not_wrapped),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
