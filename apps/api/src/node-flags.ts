/**
 * The V8 heap settings the API runs with (`npm start`, the benchmarks). Measured on the 2-core
 * reference machine with `npm run bench` (README "Performance").
 *
 * V8 grows the old generation up to fourfold between major collections by default (peak RSS near
 * 400 MB for a live heap of ~70 MB); growing it by half at most keeps the peak near 200 MB for a
 * few per cent of CPU. The young generation is pinned at 16 MB semi-spaces (Node 20's default;
 * Node 26 would grow them further): since at most `GRAPHQL_CONCURRENCY` requests run at once
 * (server/graphql-http.ts), a request's objects die young in 16 MB. Before that gate, 50
 * requests in flight needed 32 MB semi-spaces (64 MB of RSS) to avoid promoting them.
 *
 * `--heap-growing-percent` is not accepted in NODE_OPTIONS, so the flags go on the command
 * line: `package.json`'s start script must carry every one of them (a test checks it).
 */
export const NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50'] as const;
