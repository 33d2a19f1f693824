export type { Expr } from './ast.js';
export type { ExprEnv } from './builtin.js';
export { evaluateCondition } from './condition.js';
export { ExprError, type ExprPosition } from './errors.js';
export { evaluateExpr, evaluateRaw } from './evaluate.js';
export { parseExpr } from './parser.js';
export { printExpr } from './print.js';
export { GoDuration } from './time.js';
