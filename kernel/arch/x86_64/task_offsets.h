/* Field offsets of struct task (task.h) that assembly needs. */
#define TASK_SAVED_RSP 0
