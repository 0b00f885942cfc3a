// Kill and resume, second half of the cut points: a daily run killed at a cut point between two service calls, then resumed,
// ends with exactly the same schedules, locks, tabs and logs as an uninterrupted run: no lost rows,
// no duplicates, no orphan locks, no checkpoint, lock or follow-up trigger left behind. The cut
// points (rule in kill-resume.ts) are split between two files so they run on two workers.
import { killResumeSuite } from './suites';

killResumeSuite(2, 2);
