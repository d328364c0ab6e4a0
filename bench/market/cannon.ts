/**
 * One autocannon run in its own process (so that the load generator does not share the event
 * loop of the server it measures): `tsx bench/market/cannon.ts '{"url":…,"paths":[…],"connections":50,"duration":10}'`.
 * Prints the summary as one JSON line.
 */
import autocannon from 'autocannon';

const cfg = JSON.parse(process.argv[2]!) as { url: string; paths: string[]; connections: number; duration: number };
const result = await autocannon({
  url: cfg.url,
  connections: cfg.connections,
  duration: cfg.duration,
  requests: cfg.paths.map((path) => ({ method: 'GET', path })),
});
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    latencyMs: { median: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
