// Kill and resume, first half of the cut points, deployed bound to the spreadsheet: a daily run
// started by the hourly trigger and killed at a cut point between two service calls is carried on
// by the triggers that exist (nothing is called by hand) and ends with exactly the same schedules,
// locks, tabs and logs as an uninterrupted run: no lost rows, no duplicates, no orphan locks, no
// checkpoint or lock left behind. The cut points (rule in kill-resume.ts) are split between two
// files so they run on two workers, one per deployment mode.
import { killResumeSuite } from './suites';

killResumeSuite(1, 2, 'bound');
