//! Allocator settings for a bulk build, for binaries whose global allocator
//! is mimalloc (the `dateline` binary and the benchmarks).
//!
//! Why: by default mimalloc hands freed memory back to the OS a second
//! after it is freed (mimalloc 3; 10 ms in mimalloc 2). Indexing frees and
//! allocates all the time (an article's text and extraction per task, a
//! segment writer's arena per segment), and with transparent huge pages
//! each page handed back costs a 2 MiB zeroing fault when it is used again.
//! Indexing Reuters-21578 (seven runs each, `perf stat`): 650 to 2,000 page
//! faults (median 1,324) before, about 460 with this setting, and a median
//! of 2.96 CPU seconds with it, 3.10 without. An indexing run is a process that ends;
//! its peak memory did not grow (peak anonymous memory on Reuters-21578
//! 159-169 MB either way).

/// mimalloc's `mi_option_purge_delay` (`include/mimalloc.h`: the same
/// position in the option enum in mimalloc 2 and 3). A test checks that the
/// option read through it has the purge delay's default (1000 in mimalloc 3,
/// 10 in mimalloc 2).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to return freed memory to the OS for the rest of
/// the process. Call it before a large indexing run; it has no effect on a
/// binary whose global allocator is not mimalloc.
pub fn keep_freed_memory() {
    // SAFETY: `mi_option_set` only stores an integer in mimalloc's option
    // table; any option value is valid, and -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_number_is_mimallocs_purge_delay() {
        // The purge delay's default is 1000 ms in mimalloc 3 (`options.c`;
        // 10 in mimalloc 2); a wrong option number reads another option, and
        // none of the others defaults to 1000 (or 10 in mimalloc 2).
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads mimalloc's option table.
        let before = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert!(before == 1000 || before == 10, "option 15 reads {before}");
        keep_freed_memory();
        // SAFETY: as above.
        let after = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(after, -1);
    }
}
