"""Lab 5's planted mistakes (see tools/mistakes/__init__.py).

All are caught by the host unit tests (tests/test_ext2*.c,
tests/test_bcache.c), which run ext2 over images mke2fs made and leave
what they wrote for e2fsck and debugfs (tests/ext2_judge.sh): a second or
two each, where a grader test boots QEMU for tens of seconds.
"""
from . import Mistake

BEHAVIOURS = [
    "free counts stay exact in the superblock and group descriptors",
    "unlink frees the inode and its blocks with the last reference",
    "rename moves a directory and fixes its '..'",
    "the cache writes a dirty buffer back before reusing it",
    "fsync makes data durable before it returns",
    "a corrupt directory entry is an error, not a crash",
]

PATH = "exercise: find a file block's path through the indirect blocks"
WALK = "exercise: walk a directory block's entries by rec_len"
ADD = "exercise: put a new name in an entry with room, splitting it"
TAKE = "exercise: take the first free bit of a bitmap block"
VICTIM = "exercise: choose the least recently used buffer nobody holds"
COUNTS, UNLINK, RENAME, WRITE_BACK, FSYNC, CORRUPT = (f"behaviour: {b}" for b in BEHAVIOURS)

BMAP = "kernel/fs/ext2/bmap.c"
DIR = "kernel/fs/ext2/dir.c"
BITMAP = "kernel/fs/ext2/bitmap.c"
BCACHE = "kernel/block/bcache.c"
INODE = "kernel/fs/ext2/inode.c"
NAMEI = "kernel/fs/ext2/namei.c"
RENAME_C = "kernel/fs/ext2/rename.c"
SYNC = "kernel/fs/ext2/sync.c"

UNIT = ["unit"]

MISTAKES = [
    # --- path_of ---------------------------------------------------------------------
    Mistake("file block 268 still counts as single indirect (> where >= belongs)",
            PATH, BMAP,
            "fblock >= span * a; depth++)", "fblock > span * a; depth++)",
            UNIT),
    Mistake("the twelve direct blocks are not taken off before the indirect levels",
            PATH, BMAP,
            "\tfblock -= EXT2_NDIR_BLOCKS;\n", "",
            UNIT),
    Mistake("a depth of 1 starts at the double indirect slot (the slot off by one)",
            PATH, BMAP,
            "EXT2_IND_BLOCK + (uint32_t)depth - 1;", "EXT2_IND_BLOCK + (uint32_t)depth;",
            UNIT),
    Mistake("every level's entry is fblock % 256: the span of the level is forgotten",
            PATH, BMAP,
            "(uint32_t)(fblock / span % a);", "(uint32_t)(fblock % a);",
            UNIT),

    # --- visit_block -----------------------------------------------------------------
    Mistake("the walk steps by the name's length, not by rec_len",
            WALK, DIR,
            "\t\toffset += e->rec_len;\n", "\t\toffset += EXT2_DIR_REC_LEN(e->name_len);\n",
            UNIT),
    Mistake("the walk starts at the cursor, which may sit inside an entry that grew over "
            "a removed one",
            WALK, DIR,
            "for (uint32_t offset = 0; offset < dir->fs->block_size;) {",
            "for (uint32_t offset = start; offset < dir->fs->block_size;) {",
            UNIT),
    Mistake("the entry is handed to the visitor before it is checked",
            WALK, DIR,
            "\t\tint r = check_entry(dir->fs, b->data, offset);\n"
            "\t\tstruct ext2_dir_entry *e = (void *)(b->data + offset);\n\n"
            "\t\tif (!r && offset >= start)\n\t\t\tr = visit(ctx, b, e, prev, base + offset);\n",
            "\t\tint r = 0;\n"
            "\t\tstruct ext2_dir_entry *e = (void *)(b->data + offset);\n\n"
            "\t\tif (offset >= start)\n\t\t\tr = visit(ctx, b, e, prev, base + offset);\n"
            "\t\tif (!r)\n\t\t\tr = check_entry(dir->fs, b->data, offset);\n",
            UNIT),
    Mistake("the previous entry is never remembered, so a removed name's space is not "
            "given back to the entry before it",
            WALK, DIR,
            "\t\tprev = e;\n", "",
            UNIT),

    # --- visit_add -------------------------------------------------------------------
    Mistake("the entry that is split keeps its whole rec_len, hiding the new one",
            ADD, DIR,
            "\t\te->rec_len = used;\n", "",
            UNIT),
    Mistake("the old entry is shortened before the slack's length is worked out from it",
            ADD, DIR,
            "\t\tslack->rec_len = (uint16_t)(e->rec_len - used);\n\t\te->rec_len = used;\n",
            "\t\te->rec_len = used;\n\t\tslack->rec_len = (uint16_t)(e->rec_len - used);\n",
            UNIT),
    Mistake("the slack is found by pointer arithmetic on the entry type, not in bytes",
            ADD, DIR,
            "(void *)((uint8_t *)e + used);", "(void *)(e + used);",
            UNIT),
    Mistake("an entry is split if the new name alone fits, forgetting the room the old "
            "name needs",
            ADD, DIR,
            "if (e->rec_len < used + need)", "if (e->rec_len < need)",
            UNIT),
    # --- take_bit --------------------------------------------------------------------
    Mistake("the bit is set in the cached bitmap, which is never marked dirty",
            TAKE, BITMAP,
            "\t\t\tb->data[i / 8] |= (uint8_t)(1u << (i % 8));\n\t\t\tbcache_mark_dirty(b);\n",
            "\t\t\tb->data[i / 8] |= (uint8_t)(1u << (i % 8));\n",
            UNIT),
    Mistake("the byte is assigned the bit, clearing the other seven",
            TAKE, BITMAP,
            "b->data[i / 8] |= (uint8_t)(1u << (i % 8));",
            "b->data[i / 8] = (uint8_t)(1u << (i % 8));",
            UNIT),
    Mistake("the bit's mask shifts by the bit number, not by its place in the byte",
            TAKE, BITMAP,
            "b->data[i / 8] |= (uint8_t)(1u << (i % 8));",
            "b->data[i / 8] |= (uint8_t)(1u << i);",
            UNIT),
    Mistake("bits are counted from 1, as inode numbers are",
            TAKE, BITMAP,
            "\t\t\t*bit = i;\n", "\t\t\t*bit = i + 1;\n",
            UNIT),

    # --- claim_victim ----------------------------------------------------------------
    Mistake("the victim is not marked held, so its refs stay 0",
            VICTIM, BCACHE,
            "\t\t\tb->refs = 1;\n", "",
            UNIT),
    Mistake("only the least recently used buffer is tried: if it is held, the cache is busy",
            VICTIM, BCACHE,
            "\t\t\treturn b;\n\t\t}\n\t}\n\treturn NULL;",
            "\t\t\treturn b;\n\t\t}\n\t\treturn NULL;\n\t}\n\treturn NULL;",
            UNIT),
    Mistake("a dirty buffer is never chosen, so a cache full of writes is busy",
            VICTIM, BCACHE,
            "\t\tif (b->refs == 0) {", "\t\tif (b->refs == 0 && !b->dirty) {",
            UNIT),
    Mistake("the walk goes from the list's tail: the most recently used buffer is reused",
            VICTIM, BCACHE,
            "\tlist_for_each(n, &c->lru) {\n\t\tstruct buf *b = container_of(n, struct buf, lru);",
            "\tfor (n = c->lru.prev; n != &c->lru; n = n->prev) {\n"
            "\t\tstruct buf *b = container_of(n, struct buf, lru);",
            UNIT),

    # --- free counts -----------------------------------------------------------------
    Mistake("the superblock's free block count is never moved",
            COUNTS, BITMAP,
            "\tfs->sb.s_free_blocks_count += (uint32_t)blocks;\n", "",
            UNIT),
    Mistake("the superblock's free inode count is never moved",
            COUNTS, BITMAP,
            "\tfs->sb.s_free_inodes_count += (uint32_t)inodes;\n", "",
            UNIT),
    Mistake("freeing a directory's inode adds it to the group's directories (the call "
            "copied from the allocation)",
            COUNTS, BITMAP,
            "account(fs, g, 0, 1, dir ? -1 : 0);", "account(fs, g, 0, 1, dir ? 1 : 0);",
            UNIT),
    Mistake("the group descriptor's free inode count moves the wrong way",
            COUNTS, BITMAP,
            "(uint16_t)(gd->bg_free_inodes_count + inodes);",
            "(uint16_t)(gd->bg_free_inodes_count - inodes);",
            UNIT),

    # --- unlink ----------------------------------------------------------------------
    Mistake("the last reference frees the inode but not its blocks",
            UNLINK, INODE,
            "int err = ext2_inode_has_blocks(ei) ? ext2_free_blocks_from(ei, 0) : 0;",
            "int err = 0;",
            UNIT),
    Mistake("a freed inode gets no deletion time",
            UNLINK, INODE,
            "\tei->disk.i_dtime = (uint32_t)ext2_now();\n", "",
            UNIT),
    Mistake("unlink takes every link away, not one",
            UNLINK, NAMEI,
            "child, child->vfs.nlink - 1);", "child, 0);",
            UNIT),
    Mistake("a freed inode is given back as a file even when it was a directory",
            UNLINK, INODE,
            "\t\t\t\t\t   ei->vfs.type == INODE_DIR);", "\t\t\t\t\t   false);",
            UNIT),

    # --- rename ----------------------------------------------------------------------
    Mistake("the moved directory's '..' is pointed at the parent it left",
            RENAME, RENAME_C,
            "ext2_dir_retarget(src, \"..\", 2, new_dir);",
            "ext2_dir_retarget(src, \"..\", 2, old_dir);",
            UNIT),
    Mistake("every move to another directory is reparented, files too",
            RENAME, RENAME_C,
            "bool moves_dir = src->vfs.type == INODE_DIR && od != nd;",
            "bool moves_dir = od != nd;",
            UNIT),
    Mistake("the old parent keeps the link of the moved directory's '..'",
            RENAME, RENAME_C,
            "\told_dir->vfs.nlink--;\n", "",
            UNIT),
    Mistake("the new parent does not gain a link for the moved directory's '..'",
            RENAME, RENAME_C,
            "\tnew_dir->vfs.nlink++;\n", "",
            UNIT),
    Mistake("replacing an empty directory leaves its '..' counted in the new parent",
            RENAME, RENAME_C,
            "\tif (dir)\n\t\tnew_dir->vfs.nlink--;", "",
            UNIT),

    # --- write-back before reuse -----------------------------------------------------
    Mistake("a dirty victim is given to the new block without being written back",
            WRITE_BACK, BCACHE,
            "\tif (b && !b->dirty)\n\t\treassign(c, b, blockno);",
            "\tif (b)\n\t\treassign(c, b, blockno);",
            UNIT),
    Mistake("the buffer is written to the sector numbered as its block",
            WRITE_BACK, BCACHE,
            "blockdev_write(c->dev, first_sector(b),", "blockdev_write(c->dev, b->blockno,",
            UNIT),
    Mistake("a zeroed block is handed out without being marked dirty, so reusing its "
            "buffer loses it",
            WRITE_BACK, BCACHE,
            "\tb->valid = true;\n\tbcache_mark_dirty(b);\n", "\tb->valid = true;\n",
            UNIT),
    Mistake("a buffer is marked clean even when its write failed",
            WRITE_BACK, BCACHE,
            "\tif (err == 0) {\n\t\tb->dirty = false;\n\t\tc->stats.dirty--;\n"
            "\t\tc->stats.writes++;\n\t}",
            "\tb->dirty = false;\n\tc->stats.dirty--;\n\tif (err == 0)\n"
            "\t\tc->stats.writes++;",
            UNIT),

    # --- fsync -----------------------------------------------------------------------
    Mistake("sync writes the dirty buffers but never flushes the disk's cache",
            FSYNC, BCACHE,
            "\tint err = blockdev_flush(cache->dev);\n", "\tint err = 0;\n",
            UNIT),
    Mistake("sync's search for the next dirty block skips the block it starts from",
            FSYNC, BCACHE,
            "b->blockno >= *from &&", "b->blockno > *from &&",
            UNIT),
    Mistake("each write's result overwrites the last, so an early failure is lost",
            FSYNC, BCACHE,
            "\t\tif (first_err == 0)\n\t\t\tfirst_err = err;\n", "\t\tfirst_err = err;\n",
            UNIT),
    Mistake("sync takes the first dirty buffer it finds, not the lowest block, and "
            "passes over the lower ones",
            FSYNC, BCACHE,
            "(!next || b->blockno < next->blockno)", "!next",
            UNIT),

    # --- corrupt directory entries ---------------------------------------------------
    Mistake("a rec_len that is not a multiple of 4 is accepted",
            CORRUPT, DIR,
            " || e->rec_len % EXT2_DIR_ROUND ||", " ||",
            UNIT),
    Mistake("a rec_len past the end of the block is accepted",
            CORRUPT, DIR,
            "\t    e->rec_len > fs->block_size - offset || ", "\t    ",
            UNIT),
    Mistake("a name longer than its record is accepted",
            CORRUPT, DIR,
            " || EXT2_DIR_REC_LEN(e->name_len) > e->rec_len ||", " ||",
            UNIT),
    Mistake("an inode number past the last inode is accepted",
            CORRUPT, DIR,
            " ||\n\t    e->inode > fs->sb.s_inodes_count)", ")",
            UNIT),
]
