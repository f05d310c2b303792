// The clusters are real processes on a machine of few cores: one test class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
