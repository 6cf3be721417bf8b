// Transfers are timed against real clients on a shared 2-core machine: run test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
