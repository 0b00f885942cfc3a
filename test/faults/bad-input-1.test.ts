// Bad input, first half: malformed Overrides cells (every field: wrong type, out of range), an unknown page and category, a renamed column or tab, invalid settings, tabs missing, renamed or edited by hand mid-run.
// Each case is judged as described in bad-input.ts (answered clearly, naming where; nothing lost);
// the suite prints the table of cases tried, answered clearly and lost, and asserts lost = 0.
import { badInputSuite } from './suites';
import { cellCases, OTHER_OVERRIDES_CASES, SETTINGS_CASES } from './bad-input-cases-overrides';
import { TAB_CASES } from './bad-input-cases-tabs';

badInputSuite('Bad input (Overrides, settings, tabs)', [...cellCases(4), ...OTHER_OVERRIDES_CASES, ...SETTINGS_CASES, ...TAB_CASES]);
