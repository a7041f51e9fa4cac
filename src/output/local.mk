noinst_LIBRARIES += libfwoutput.a
libfwoutput_a_SOURCES = \
	src/output/view.c src/output/view.h \
	src/output/annot.c src/output/annot.h \
	src/output/json.c src/output/json.h \
	src/output/text.c src/output/text.h \
	src/output/ladder.c src/output/ladder.h \
	src/output/tstyle.c src/output/tstyle.h \
	src/output/fmt.c src/output/fmt.h \
	src/output/clock.c src/output/clock.h \
	src/output/lstate.c src/output/lstate.h \
	src/output/utf8.c src/output/utf8.h \
	src/output/events.c src/output/events.h \
	src/output/logrows.c src/output/logrows.h \
	src/output/rwalk.c src/output/rwalk.h \
	src/output/report.h src/output/html.c \
	src/output/svg.c src/output/svg.h \
	src/output/xmlesc.c src/output/xmlesc.h \
	src/output/markdown.c \
	src/output/logsonly.c src/output/logsonly.h \
	$(NULL)
libfwoutput_a_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)

# The live screen: the only curses users.
noinst_LIBRARIES += libfwtui.a
libfwtui_a_SOURCES = \
	src/output/tui.c src/output/tui.h \
	src/output/tui_panes.c src/output/tui_internal.h \
	src/output/tui_find.c \
	src/output/tui_rows.c \
	src/output/tui_draw.c \
	$(NULL)
libfwtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
