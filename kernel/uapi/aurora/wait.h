/* wait4's options. */
#ifndef AURORA_UAPI_WAIT_H
#define AURORA_UAPI_WAIT_H

#define WNOHANG		1	/* return 0 at once if no child has changed */
#define WUNTRACED	2	/* report stopped children too */
#define WCONTINUED	8	/* and continued ones */

#endif
