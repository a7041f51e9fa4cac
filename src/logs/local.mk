# hostapd and wpa_supplicant debug logs: lines to events, and each log's
# clock aligned to the capture's (pure parsing, bounded; beside keys/).
noinst_LIBRARIES += libfwlogs.a
libfwlogs_a_SOURCES = \
	src/logs/dlog.h \
	src/logs/line.c \
	src/logs/read.c \
	src/logs/align.c \
	$(NULL)
