# Installation and packaging.  install.sh runs with `make check`; the Debian
# package is built and tried in a fresh Debian 12 chroot by `make check-deb`.
TESTS += tests/pkg/install.sh tests/pkg/systemd.sh
EXTRA_DIST += tests/pkg/install.sh tests/pkg/deb.sh tests/pkg/systemd.sh
EXTRA_DIST += debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/fourway.postinst

# Build the .deb from the tree, lintian it, install it with apt in a fresh
# Debian 12 debootstrap chroot and run it there (several minutes; needs root
# and the network for the chroot part).
check-deb:
	top_srcdir='$(abs_top_srcdir)' $(SHELL) '$(srcdir)/tests/pkg/deb.sh'
.PHONY: check-deb
