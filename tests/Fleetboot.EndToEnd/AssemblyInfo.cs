// Each end-to-end test boots real firmware under QEMU TCG on a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
