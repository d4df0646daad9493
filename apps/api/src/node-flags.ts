/**
 * The V8 heap settings the API runs with (`npm start`, the benchmarks). Measured on the 2-core
 * reference machine with `npm run bench` (README "Performance"): under 50 concurrent list
 * requests, Node's default young generation (16 MB semi-spaces) is too small to let a request's
 * objects die young, so they are promoted and the old generation fills and is marked and
 * compacted again and again (a sixth of the API's CPU). 32 MB semi-spaces cut the CPU per list
 * request by about a quarter. The old generation then grows fourfold between collections by
 * default (peak RSS near 400 MB for a live heap of ~70 MB); growing it by half at most keeps
 * peak RSS near 230 MB for a few per cent of that CPU back.
 *
 * `--heap-growing-percent` is not accepted in NODE_OPTIONS, so the flags go on the command
 * line: `package.json`'s start script must carry every one of them (a test checks it).
 */
export const NODE_FLAGS = ['--max-semi-space-size=32', '--heap-growing-percent=50'] as const;
