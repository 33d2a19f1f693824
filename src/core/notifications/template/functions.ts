import type { FunctionTable } from './function.js';
import { GO_FUNCTIONS } from './funcs-go.js';
import { SPRIG_ENCODING } from './sprig-encoding.js';
import { SPRIG_LISTS } from './sprig-lists.js';
import { SPRIG_MATH } from './sprig-math.js';
import { SPRIG_MUST } from './sprig-must.js';
import { SPRIG_REGEX } from './sprig-regex.js';
import { SPRIG_STRINGS } from './sprig-strings.js';
import { SPRIG_TIME } from './sprig-time.js';

/**
 * Every function a template can call: Go's builtins, overridden by sprig's where names clash
 * (`slice`), as `template.New(name).Funcs(sprig.TxtFuncMap())` arranges in notifications-engine.
 * `env` and `expandenv` are absent there too. A name missing here fails at parse time, as in Go.
 */
export const FUNCTIONS: FunctionTable = {
  ...GO_FUNCTIONS,
  ...SPRIG_STRINGS,
  ...SPRIG_LISTS,
  ...SPRIG_MATH,
  ...SPRIG_ENCODING,
  ...SPRIG_REGEX,
  ...SPRIG_TIME,
  ...SPRIG_MUST,
};
