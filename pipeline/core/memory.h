// Memory settings of a long-lived process.
#ifndef PLANMINE_CORE_MEMORY_H_
#define PLANMINE_CORE_MEMORY_H_

namespace planmine {

// For a process that answers query after query (serve, search_bench): the
// memory a query frees is kept for the next one instead of going back to the
// kernel. By default glibc maps each allocation over 128 KB afresh and unmaps
// it when freed, and trims the heap's free top, so every query's few
// megabytes of hits fault their pages in again; on a virtual machine a fault
// costs microseconds, and a document search of 90,000 hits on a million
// sentences spent a third of its time so (71 -> 47 ms p50 with this). Not
// for ingest, which measured no better with it.
void KeepFreedMemoryForReuse();

}  // namespace planmine

#endif  // PLANMINE_CORE_MEMORY_H_
