/** `npm run bench`: every benchmark in turn, on throwaway databases on the loopback Postgres. Prints figures. */
import { runAcceptRaceBench } from './accept-race.ts';
import { runCandidateSearchBench } from './candidate-search.ts';

await runCandidateSearchBench();
await runAcceptRaceBench();
process.exit(0);
