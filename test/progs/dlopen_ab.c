/*
 * dlopen plugin A, call it, dlclose; dlopen plugin B (usually mapped where
 * A was), call it: A's 30 and B's 40 getppid must land on the right file.
 * Prints whether B reused A's address (stderr).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <libgen.h>
#include <limits.h>
#include <unistd.h>

static void *load(const char *dir, const char *name, void (**run)(void))
{
	char path[PATH_MAX];
	void *h;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	h = dlopen(path, RTLD_NOW);
	if (!h) {
		fprintf(stderr, "%s\n", dlerror());
		_exit(1);
	}
	*run = (void (*)(void))dlsym(h, "plugin_run");
	return h;
}

int main(int argc, char **argv)
{
	char self[PATH_MAX];
	void (*run_a)(void), (*run_b)(void);
	void *a, *b;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		return 1;
	self[n] = 0;
	a = load(dirname(self), "libplugina.so", &run_a);
	run_a();
	dlclose(a);
	b = load(self, "libpluginb.so", &run_b);
	run_b();
	fprintf(stderr, "plugin B %s plugin A's address\n",
		(void *)run_a == (void *)run_b ? "reused" : "did not reuse");
	dlclose(b);
	return 0;
}
