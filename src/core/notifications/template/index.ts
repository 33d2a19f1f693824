export { TemplateError } from './errors.js';
export { renderTemplate } from './exec.js';
export { parseTemplate, type Template } from './parser.js';
export { GoDuration, GoTime } from './time.js';
export { buildTimeFunctions } from './time-functions.js';
