/* Process identities. */
#ifndef HARDEXEC_IDS_H
#define HARDEXEC_IDS_H

/*
 * hardexec is never a privilege boundary for its caller: refuse (exit 71)
 * when installed setuid, setgid or with file capabilities.
 */
void ids_refuse_setid(void);

#endif
