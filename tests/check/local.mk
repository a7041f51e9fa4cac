# The check stage: .expect parser, rules, baseline and JSON reader, writers.
EXTRA_DIST += tests/check/check.sh
