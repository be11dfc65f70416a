# The kernel matrix (test/kernels/README.md): Debian's stock kernels booted
# under qemu, the suite run inside each. Included by GNUmakefile.
#   make test-kernels                   6.1 and 6.12, the fast subset
#   make test-kernels KERNELS=6.12 MATRIX_CASES=all
KERNELS ?= 6.1 6.12
MATRIX_CASES ?= fast
DEPS_KERNELS := qemu-system-x86 busybox-static xz-utils

.PHONY: test-kernels deps-kernels
test-kernels: deps-kernels $(BIN) $(TEST_PROGS)
	$(Q)MATRIX_CASES='$(MATRIX_CASES)' V=$(V) bash test/kernels/run-matrix.sh $(KERNELS)

deps-kernels:
	$(call install_missing,$(DEPS_KERNELS))
