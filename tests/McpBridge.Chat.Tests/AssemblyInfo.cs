// The tests start real processes (gateway, time server, chat, Chromium) on a two-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
