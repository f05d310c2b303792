// Each browser test class starts its own app, emulator and Chromium; one at a time keeps their short token
// lifetimes meaningful on a small, busy machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
