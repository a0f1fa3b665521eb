#ifndef RTKQL_ALLOCATOR_TUNING_H
#define RTKQL_ALLOCATOR_TUNING_H

/// Keeps freed memory in glibc's heap for reuse instead of returning it to the kernel at once
/// (see AllocatorTuning.swift). No effect where the C library is not glibc.
void rtkql_keep_freed_memory(void);

#endif
