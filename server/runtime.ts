// How the app's own processes (the server, the metodist command) use memory. Imported first by
// their entry points; tests and tools that import modules directly keep Node's defaults.
import v8 from "node:v8";

// V8 lets the old generation grow to as much as four times the live data before a full
// collection. An import allocates ~1 GB over a few seconds while keeping ~50 MB alive, so the
// heap swelled to ~150 MB of mostly garbage. Growing by half of the live data instead keeps the
// 10,000-row import's process ~25 MB smaller at no measurable cost in time: a full collection of
// this heap takes ~20 ms (docs/BENCHMARKS.md). The flag is read at every collection, so setting it
// at start-up takes effect.
v8.setFlagsFromString("--heap-growing-percent=50");
