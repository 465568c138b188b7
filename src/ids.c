/* Identity checks. */
#include "ids.h"
#include "report.h"

#include <errno.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

void ids_refuse_setid(void)
{
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;

	if (getresuid(&ruid, &euid, &suid) != 0)
		die(EXIT_CONFINE, "getresuid: %s", strerror(errno));
	if (getresgid(&rgid, &egid, &sgid) != 0)
		die(EXIT_CONFINE, "getresgid: %s", strerror(errno));
	if (ruid != euid || ruid != suid)
		die(EXIT_CONFINE, "refusing to run set-user-ID (real uid %u, effective uid %u): "
		    "hardexec must not be installed setuid", (unsigned)ruid, (unsigned)euid);
	if (rgid != egid || rgid != sgid)
		die(EXIT_CONFINE, "refusing to run set-group-ID (real gid %u, effective gid %u): "
		    "hardexec must not be installed setgid", (unsigned)rgid, (unsigned)egid);
	/*
	 * AT_SECURE is also set when the exec gained file capabilities
	 * (getauxval(3)), which the id comparison alone cannot see.
	 */
	errno = 0;
	unsigned long secure = getauxval(AT_SECURE);
	if (secure == 0 && errno == ENOENT)
		die(EXIT_CONFINE, "getauxval(AT_SECURE): no auxiliary vector entry");
	if (secure != 0)
		die(EXIT_CONFINE, "refusing to run in secure-execution mode (setuid, setgid or file "
		    "capabilities): hardexec must be installed as a plain executable");
}
