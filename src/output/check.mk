# The check stage of the outputs: `fourway check` judges captures by their
# .expect rules, a policy or a baseline, and writes text, TAP and JUnit.
libfwoutput_a_SOURCES += \
	src/output/check.c src/output/check.h \
	src/output/expect.c src/output/expect.h \
	src/output/baseline.c src/output/baseline.h \
	src/output/jread.c src/output/jread.h \
	src/output/tap.c src/output/junit.c src/output/checkout.h \
	$(NULL)
