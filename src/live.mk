# `fourway live`: its sources and the libraries only it needs (libnl,
# libcap-ng, ncursesw), added to the program defined in Makefile.am.  The
# stage libraries they use come again after them, for the static link.
fourway_SOURCES += src/main_live.c src/main_live.h src/main_live_buf.c
fourway_LDADD += libfwtui.a libfwlive.a libfwoutput.a libfwhandshake.a libfwcapture.a \
	libfwdecode.a libfwutil.a \
	$(NL_LIBS) $(CAPNG_LIBS) $(NCURSES_LIBS) $(PCAP_LIBS)
