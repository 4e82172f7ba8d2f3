"""Lab 4's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "dup2 over a pipe's last write end closes it",
    "fork copies what it must and shares what it may",
    "exec replaces the image and keeps what it must",
    "a pipe delivers everything, then end of file",
    "wait reaps each child once with its status",
    "copy-on-write copies on the first write, and frees",
]

SEGMENT = "exercise: map and fill one of the program's segments"
COPY = "exercise: copy a shared page on its first write"
SHARE = "exercise: share the parent's pages copy-on-write"
DUP2, FORK, EXEC, PIPE, WAIT, COW = (f"behaviour: {b}" for b in BEHAVIOURS)

EXEC_IMAGE = "kernel/exec/exec_image.c"
UVM = "kernel/mm/uvm.c"
FILE = "kernel/vfs/file.c"
SYS_FD = "kernel/vfs/sys_fd.c"
PIPE_C = "kernel/ipc/pipe.c"
PROCESS = "kernel/proc/process.c"
SYS_PROC = "kernel/proc/sys_proc.c"
SYS_EXEC = "kernel/exec/sys_exec.c"

MISTAKES = [
    # --- exec_load_segment ---------------------------------------------------------
    Mistake("the region ends where the file's bytes end, leaving the .bss outside it",
            SEGMENT, EXEC_IMAGE,
            "page_up(s->vaddr + s->memsz)", "page_up(s->vaddr + s->filesz)",
            ["unit"]),
    Mistake("memsz bytes are copied from the file, so the .bss gets what follows there",
            SEGMENT, EXEC_IMAGE,
            "image + s->offset, s->filesz);", "image + s->offset, s->memsz);",
            ["unit"]),
    Mistake("the file's bytes go to the start of the segment's first page, not to its address",
            SEGMENT, EXEC_IMAGE,
            "uvm_fill(uvm, s->vaddr,", "uvm_fill(uvm, page_down(s->vaddr),",
            ["unit"]),
    Mistake("every segment is made writable, text included",
            SEGMENT, EXEC_IMAGE,
            "s->write, s->exec, UVM_SEGMENT", "true, s->exec, UVM_SEGMENT",
            ["unit"]),

    # --- copy_on_write -------------------------------------------------------------
    Mistake("two owners are taken for 'only me' (reference count off by one)",
            COPY, UVM,
            "frame_refs(uvm->ops->ctx, old) == 1", "frame_refs(uvm->ops->ctx, old) <= 2",
            ["unit", "test_copy_on_write"]),
    Mistake("the copy is made but the old frame's reference is never dropped",
            COPY, UVM,
            "\tuvm->ops->put_frame(uvm->ops->ctx, old);\n\tuvm->cow_copies++;",
            "\tuvm->cow_copies++;",
            ["unit", "test_copy_on_write"]),
    Mistake("the old frame's reference is dropped twice",
            COPY, UVM,
            "\tuvm->ops->put_frame(uvm->ops->ctx, old);\n\tuvm->cow_copies++;",
            "\tuvm->ops->put_frame(uvm->ops->ctx, old);\n"
            "\tuvm->ops->put_frame(uvm->ops->ctx, old);\n\tuvm->cow_copies++;",
            ["unit", "test_copy_on_write"]),
    Mistake("memcpy's arguments swapped: the fresh zeroes overwrite the shared page",
            COPY, UVM,
            "memcpy(frame_data(uvm, copy), frame_data(uvm, old), PAGE_SIZE);",
            "memcpy(frame_data(uvm, old), frame_data(uvm, copy), PAGE_SIZE);",
            ["unit", "test_copy_on_write"]),
    Mistake("the shared frame, not the copy, is mapped writable",
            COPY, UVM,
            "set_leaf(uvm, w, page, copy, page_perm(uvm, r, true));",
            "set_leaf(uvm, w, page, old, page_perm(uvm, r, true));",
            ["unit", "test_copy_on_write"]),

    # --- share_run -----------------------------------------------------------------
    Mistake("the child maps the frame without taking a reference on it",
            SHARE, UVM,
            "\t\tf->parent->ops->get_frame(f->parent->ops->ctx, pa);\n", "",
            ["unit", "test_copy_on_write"]),
    Mistake("every page of a run takes its reference on the run's first frame",
            SHARE, UVM,
            "get_frame(f->parent->ops->ctx, pa);", "get_frame(f->parent->ops->ctx, run->pa);",
            ["unit", "test_copy_on_write"]),
    Mistake("the parent's pages stay writable (the test is the wrong way round)",
            SHARE, UVM,
            "\t\tif (run->writable)\n\t\t\tpt_protect", "\t\tif (!run->writable)\n\t\t\tpt_protect",
            ["unit", "test_copy_on_write"]),
    Mistake("the child's page gets the region's write permission",
            SHARE, UVM,
            "page_perm(f->parent, r, false)", "page_perm(f->parent, r, r->write)",
            ["unit", "test_copy_on_write"]),
    Mistake("the child's pages are not counted",
            SHARE, UVM,
            "\t\tf->child->pages++;\n", "",
            ["unit"]),

    # --- dup2 ----------------------------------------------------------------------
    Mistake("dup2 overwrites newfd's slot without closing what it held",
            DUP2, FILE,
            "\tif (p->fds.slots[fd].file)\n\t\tfd_close(p, fd);\n", "",
            ["test_pipes"]),
    Mistake("a closing write end counts as a reader leaving (the test the wrong way round)",
            DUP2, PIPE_C,
            "\tif (file_readable(f))\n\t\tp->readers--;",
            "\tif (file_writable(f))\n\t\tp->readers--;",
            ["test_pipes"]),
    Mistake("the last close of a file never drops its inode, so a closed pipe stays",
            DUP2, FILE,
            "\tif (f->inode)\n\t\tvfs_put(f->inode);\n", "",
            ["test_pipes"]),

    # --- pipes ---------------------------------------------------------------------
    Mistake("a reader woken with the pipe still empty takes it for end of file (if, not while)",
            PIPE, PIPE_C,
            "\twhile (p->count == 0 && p->writers) {", "\tif (p->count == 0 && p->writers) {",
            ["test_pipes"]),
    Mistake("closing an end wakes only the writers: a sleeping reader misses end of file",
            PIPE, PIPE_C,
            "\twait_wake_all(&p->readable);\n\twait_wake_all(&p->writable);\n",
            "\twait_wake_all(&p->writable);\n",
            ["test_pipes"]),
    Mistake("a read that makes room does not wake the writers",
            PIPE, PIPE_C,
            "\tp->count -= (unsigned)due;\n\twait_wake_all(&p->writable);\n",
            "\tp->count -= (unsigned)due;\n",
            ["test_pipes"]),
    Mistake("the read position does not wrap around the ring",
            PIPE, PIPE_C,
            "p->head = (p->head + 1) % PIPE_SIZE;", "p->head = p->head + 1;",
            ["test_pipes"]),

    # --- wait ----------------------------------------------------------------------
    Mistake("the exit code is stored as the wait status, not shifted into its second byte",
            WAIT, SYS_PROC,
            "long sys_exit_group(const uint64_t *a)\n{\n\tprocess_exit(((int)a[0] & 0xff) << 8);",
            "long sys_exit_group(const uint64_t *a)\n{\n\tprocess_exit((int)a[0] & 0xff);",
            ["test_fork_exec_wait"]),
    Mistake("the exit code is not cut to its low byte",
            WAIT, SYS_PROC,
            "long sys_exit_group(const uint64_t *a)\n{\n\tprocess_exit(((int)a[0] & 0xff) << 8);",
            "long sys_exit_group(const uint64_t *a)\n{\n\tprocess_exit((int)a[0] << 8);",
            ["test_fork_exec_wait"]),
    Mistake("WNOHANG with children that have not exited says there are none",
            WAIT, PROCESS,
            "(options & WNOHANG) ? 0 :", "(options & WNOHANG) ? -ECHILD :",
            ["test_fork_exec_wait"]),
    Mistake("a stop is reported again on every wait: the report is never cleared",
            WAIT, PROCESS,
            "\tc->report = REPORT_NONE;\n\treturn status;", "\treturn status;",
            ["test_fork_exec_wait"]),

    # --- fork ----------------------------------------------------------------------
    Mistake("fork does not copy the signal dispositions",
            FORK, PROCESS,
            "\tmemcpy(child->actions, parent->actions, sizeof(child->actions));\n", "",
            ["test_fork_exec_wait"]),
    Mistake("fork does not copy the blocked signals",
            FORK, PROCESS,
            "\tchild->signals_blocked = parent->signals_blocked;\n", "",
            ["test_fork_exec_wait"]),
    Mistake("fork copies the heap's start but not the program break",
            FORK, UVM,
            "\tchild->brk = parent->brk;\n", "",
            ["test_fork_exec_wait"]),

    # --- exec ----------------------------------------------------------------------
    Mistake("execve never closes the close-on-exec descriptors",
            EXEC, SYS_EXEC,
            "\tfd_close_on_exec(p);\n", "",
            ["test_fork_exec_wait"]),
    Mistake("dup2 copies the close-on-exec mark of the old descriptor",
            EXEC, SYS_FD,
            "return dup_file(f, newfd, false, false);",
            "return dup_file(f, newfd, false, fd_cloexec(process_current(), oldfd));",
            ["test_fork_exec_wait"]),
    Mistake("F_DUPFD_CLOEXEC makes a descriptor without the mark",
            EXEC, SYS_FD,
            "case F_DUPFD_CLOEXEC: return dup_lowest(fd, (int)a[2], true);",
            "case F_DUPFD_CLOEXEC: return dup_lowest(fd, (int)a[2], false);",
            ["test_fork_exec_wait"]),
    Mistake("execve closes the close-on-exec descriptors before it knows the program loads",
            EXEC, SYS_EXEC,
            "\tint err = copy_args(p->uvm, a, &e);\n\n",
            "\tint err = copy_args(p->uvm, a, &e);\n\n\tfd_close_on_exec(p);\n",
            ["test_fork_exec_wait"]),
    Mistake("a failed execve does not destroy the address space it was loading",
            EXEC, SYS_EXEC,
            "\t\tif (err)\n\t\t\tuvm_destroy(fresh);\n", "",
            ["test_fork_exec_wait"]),

    # --- copy-on-write, around the exercises -----------------------------------------
    Mistake("unmapping a run flushes only its first page: freed frames stay reachable",
            COW, UVM,
            "flush_tlb(uvm->ops->ctx, run.va + off);", "flush_tlb(uvm->ops->ctx, run.va);",
            ["unit"]),
    Mistake("unmapping drops the reference of a run's first frame for every page",
            COW, UVM,
            "put_frame(uvm->ops->ctx, run.pa + off);", "put_frame(uvm->ops->ctx, run.pa);",
            ["unit", "test_copy_on_write"]),
    Mistake("the frame allocator frees a frame one reference late (post-decrement)",
            COW, "kernel/mm/physmem.c",
            "if (--f->refs == 0)", "if (f->refs-- == 0)",
            ["test_copy_on_write"]),
]
