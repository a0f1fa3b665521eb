import CAllocatorTuning

/// glibc's allocator tuned for a short-lived process that moves a lot of page bytes.
///
/// By default glibc serves each response body over 128 KiB with its own `mmap`, unmaps it when freed, and
/// trims the heap as soon as 128 KiB are free at its top, so every page of a listing pays for fresh,
/// zeroed memory again (measured: page faults were a fifth of a 160-page listing's time). Keeping freed
/// memory for reuse changes what is kept between allocations, not the peak: resident memory still grows
/// only with the rows a query holds.
enum AllocatorTuning {
    static func apply() {
        rtkql_keep_freed_memory()
    }
}
