/* Where sig_altstack's signals interrupt: kill(2) called from this library
 * (not as a tail call), so the interrupted code's object is not the
 * handlers' object. */
#include <signal.h>
#include <unistd.h>

volatile int sigsrc_kills;

void sigsrc_kill_self(int sig)
{
	kill(getpid(), sig);
	sigsrc_kills++;
}
