/** `npm run bench`: every benchmark in turn, on throwaway databases on the loopback Postgres. Prints figures. */
import { runAcceptRaceBench } from './accept-race.ts';
import { runCandidateSearchBench } from './candidate-search.ts';
import { runContentionBench } from './contention.ts';

await runCandidateSearchBench();
await runAcceptRaceBench();
await runContentionBench();
process.exit(0);
