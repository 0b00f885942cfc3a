// Bad input, second half: NULL, negative and absurd values in the source tables, an empty caption bank, a page with no history.
// Each case is judged as described in bad-input.ts (answered clearly, naming where; nothing lost);
// the suite prints the table of cases tried, answered clearly and lost, and asserts lost = 0.
import { badInputSuite } from './suites';
import { SOURCE_CASES } from './bad-input-cases-source';

badInputSuite('Bad input (source rows)', SOURCE_CASES);
