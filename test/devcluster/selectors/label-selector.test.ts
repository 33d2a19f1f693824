import { describe, expect, it } from 'vitest';
import {
  SelectorError,
  equalityTerms,
  formatLabelSelector,
  labelSelectorFromObject,
  matchesLabels,
  parseLabelSelector,
  type LabelSelectorObject,
} from '../../../src/devcluster/selectors/index.js';

const KEY_NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and " +
  "end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector', () => {
  it.each([
    ['', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a==b'],
    ['a!=b', 'a!=b'],
    ['a', 'a'],
    ['!a', '!a'],
    ['  a = b ,\tc  ', 'a=b,c'],
    ['b=1,a=2', 'a=2,b=1'],
    ['x in (b,a)', 'x in (a,b)'],
    ['x notin (a)', 'x notin (a)'],
    ['x in (in)', 'x in (in)'],
    ['x in (a,a)', 'x in (a)'],
    ['x in (,prod)', 'x in (,prod)'],
    ['x in ()', 'x in ()'],
    ['a=', 'a='],
    ['example.com/tier=web', 'example.com/tier=web'],
    ['a>5,b<10', 'a>5,b<10'],
  ])('parses %j to %j', (text, canonical) => {
    expect(formatLabelSelector(parseLabelSelector(text))).toBe(canonical);
  });

  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['-a=b', `unable to parse requirement: <nil>: Invalid value: "-a": name part ${KEY_NAME_RULE}`],
    ['a=-b', `unable to parse requirement: values[0][a]: Invalid value: "-b": ${VALUE_RULE}`],
    [`${'k'.repeat(64)}=v`, 'name part must be no more than 63 characters'],
    [`a=${'v'.repeat(64)}`, 'Invalid value: "vvvv'],
    ['/a=b', 'prefix part must be non-empty'],
    [
      'Example.com/a=b',
      'prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric',
    ],
    ['a/b/c=d', 'a valid label key must consist of alphanumeric characters'],
    [
      'a>b',
      `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
  ])('rejects %j', (text, message) => {
    const attempt = (): unknown => parseLabelSelector(text);
    expect(attempt).toThrow(SelectorError);
    expect(attempt).toThrow(message);
  });

  it('answers as a 400 BadRequest', () => {
    const err = (() => {
      try {
        parseLabelSelector('a b');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toMatchObject({
      code: 'SelectorError',
      status: 400,
      reason: 'BadRequest',
      retryable: false,
    });
  });
});

describe('matchesLabels', () => {
  const web = { app: 'web', tier: 'frontend', replicas: '3' };
  it.each([
    ['', web, true],
    ['', undefined, true],
    ['app=web', web, true],
    ['app==web', web, true],
    ['app=api', web, false],
    ['app!=api', web, true],
    ['missing!=x', web, true],
    ['app in (api,web)', web, true],
    ['app in (api)', web, false],
    ['app notin (api)', web, true],
    ['missing notin (api)', web, true],
    ['app notin (web)', web, false],
    ['tier', web, true],
    ['missing', web, false],
    ['!missing', web, true],
    ['!app', web, false],
    ['app=web,tier=backend', web, false],
    ['app=web,tier=frontend', web, true],
    ['replicas>2', web, true],
    ['replicas<3', web, false],
    ['app>1', web, false],
    ['app=web', undefined, false],
  ])('%j against %j is %s', (text, labels, expected) => {
    expect(matchesLabels(parseLabelSelector(text), labels)).toBe(expected);
  });
});

describe('labelSelectorFromObject', () => {
  it.each<[string, LabelSelectorObject | null | undefined, Record<string, string>, boolean]>([
    ['null selects nothing', null, {}, false],
    ['undefined selects nothing', undefined, { app: 'web' }, false],
    ['{} selects everything', {}, {}, true],
    ['matchLabels', { matchLabels: { app: 'web' } }, { app: 'web', x: 'y' }, true],
    ['matchLabels mismatch', { matchLabels: { app: 'web' } }, { app: 'api' }, false],
    [
      'In',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] },
      { env: 'prod' },
      true,
    ],
    [
      'NotIn',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      { env: 'prod' },
      false,
    ],
    ['Exists', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, { env: '' }, true],
    [
      'DoesNotExist',
      { matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: [] }] },
      { env: 'a' },
      false,
    ],
  ])('%s', (_name, sel, labels, expected) => {
    expect(matchesLabels(labelSelectorFromObject(sel), labels)).toBe(expected);
  });

  it('formats canonically, sorted by key', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { b: '2', a: '1' },
      matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }],
    });
    expect(formatLabelSelector(sel)).toBe('a=1,b=2,c in (x,y)');
  });

  it.each<[LabelSelectorObject, string]>([
    [
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
      '"Equals" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'a b': 'c' } }, `key: Invalid value: "a b": name part ${KEY_NAME_RULE}`],
    [{ matchLabels: { a: 'b c' } }, `values[0][a]: Invalid value: "b c": ${VALUE_RULE}`],
  ])('rejects %j', (sel, message) => {
    expect(() => labelSelectorFromObject(sel)).toThrow(new SelectorError(message));
  });
});

describe('equalityTerms', () => {
  it.each<[string, Array<[string, string]>]>([
    ['', []],
    [
      'a=1,b==2,c in (3)',
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ],
    ],
    ['d in (4,5),e!=6,f,!g,h notin (7)', []],
  ])('%j gives %j', (text, terms) => {
    expect(equalityTerms(parseLabelSelector(text))).toEqual(terms);
  });
});
