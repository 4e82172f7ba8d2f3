#ifndef AURORA_MONITOR_H
#define AURORA_MONITOR_H

#define MONITOR_PROMPT "aurora> "

/* The kernel monitor's thread: read commands from the console and run them. */
__attribute__((noreturn)) void monitor_main(void *unused);

/* If a monitor command is running, abandon it and return to the prompt
   (the trap handler calls this after reporting a fault); else return. */
void monitor_abandon_command(void);

#endif
