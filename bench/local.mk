# The benchmark (bench/RESULTS.md): a generator of large captures, the bare
# libpcap loops that are its floor, the live benchmark's TUN writer, and
# `make bench`, which is never part of `make check` (the generator's
# correctness is: bench/smoke.sh; and so that the scripts do not rot, run.sh
# on a tiny file, bench/smoke_run.sh, live.sh in a tiny mode,
# bench/smoke_live.sh, and the live screen's key-press benchmark, tui.sh,
# in a tiny mode, bench/smoke_tui.sh).
check_PROGRAMS += bench/fwbench-gen bench/fwbench-loop bench/fwbench-cpu bench/fwbench-live \
	bench/fwbench-stages
TESTS += bench/smoke.sh bench/smoke_run.sh bench/smoke_live.sh bench/smoke_tui.sh
EXTRA_DIST += bench/smoke.sh bench/smoke_run.sh bench/smoke_live.sh bench/run.sh bench/live.sh \
	bench/RESULTS.md bench/tui.sh bench/smoke_tui.sh
bench_fwbench_gen_SOURCES = bench/gen.c
bench_fwbench_gen_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
bench_fwbench_gen_LDADD = libfwsynth.a libfwcapture.a libfwcrypto.a libfwdecode.a \
	libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)
bench_fwbench_loop_SOURCES = bench/loop.c
bench_fwbench_loop_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_fwbench_loop_LDADD = $(PCAP_LIBS)
bench_fwbench_stages_SOURCES = bench/stages.c
bench_fwbench_stages_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
bench_fwbench_stages_LDADD = libfwdrive.a libfwhandshake.a libfwlogs.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) $(JSONC_LIBS)
bench_fwbench_cpu_SOURCES = bench/cpu.c
bench_fwbench_live_SOURCES = bench/live.c
bench_fwbench_live_CFLAGS = $(AM_CFLAGS) -pthread
bench_fwbench_live_LDADD = libfwcapture.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS) -lpthread

# make bench [BENCH_SIZE=1000000000] [BENCH_RUNS=5] [BENCH_FILE=path] [BENCH_CACHE=read|written]
#            [BENCH_LIVE=yes|no]
# make bench-live [BENCH_LIVE_SIZE=150000000] [BENCH_LIVE_LINKS=10000] [BENCH_LIVE_RATE=30000]
#                 [BENCH_LIVE_SECONDS=5]   (as root: a TUN device; make bench runs it too)
# make bench-tui [BENCH_TUI_LINKS=16000] [BENCH_TUI_PRESSES=20] [BENCH_TUI_SPEED=1]
#                (tmux: the live screen's answer to a key)
BENCH_SIZE ?= 1000000000
BENCH_RUNS ?= 5
BENCH_FILE ?= bench-$(BENCH_SIZE).pcap
BENCH_CACHE ?= read
BENCH_LIVE ?= yes
BENCH_LIVE_SIZE ?= 150000000
BENCH_LIVE_LINKS ?= 10000
BENCH_LIVE_RATE ?= 30000
BENCH_LIVE_SECONDS ?= 5
BENCH_TUI_LINKS ?= 16000
BENCH_TUI_PRESSES ?= 20
BENCH_TUI_SPEED ?= 1
BENCH_PROGS = fourway$(EXEEXT) bench/fwbench-gen$(EXEEXT) bench/fwbench-loop$(EXEEXT) \
	bench/fwbench-cpu$(EXEEXT) bench/fwbench-live$(EXEEXT) bench/fwbench-stages$(EXEEXT)
BENCH_ENV = top_srcdir='$(top_srcdir)' top_builddir=. \
	BENCH_SIZE='$(BENCH_SIZE)' BENCH_RUNS='$(BENCH_RUNS)' BENCH_FILE='$(BENCH_FILE)' \
	BENCH_CACHE='$(BENCH_CACHE)' BENCH_LIVE='$(BENCH_LIVE)' \
	BENCH_LIVE_SIZE='$(BENCH_LIVE_SIZE)' BENCH_LIVE_LINKS='$(BENCH_LIVE_LINKS)' \
	BENCH_LIVE_RATE='$(BENCH_LIVE_RATE)' BENCH_LIVE_SECONDS='$(BENCH_LIVE_SECONDS)'
bench: $(BENCH_PROGS)
	$(BENCH_ENV) sh $(top_srcdir)/bench/run.sh
bench-live: $(BENCH_PROGS)
	$(BENCH_ENV) sh $(top_srcdir)/bench/live.sh
bench-tui: fourway$(EXEEXT) tests/hostile/mkbudget$(EXEEXT)
	top_srcdir='$(top_srcdir)' top_builddir=. BENCH_TUI_LINKS='$(BENCH_TUI_LINKS)' \
		BENCH_TUI_PRESSES='$(BENCH_TUI_PRESSES)' BENCH_TUI_SPEED='$(BENCH_TUI_SPEED)' \
		sh $(top_srcdir)/bench/tui.sh
.PHONY: bench bench-live bench-tui
