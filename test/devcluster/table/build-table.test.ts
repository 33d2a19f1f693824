import { describe, expect, it } from 'vitest';
import {
  JsonPathError,
  buildTable,
  tableDefFor,
  type IncludeObject,
  type PrinterColumn,
} from '../../../src/devcluster/table/index.js';
import { aCanary } from '../../support/builders/index.js';

const now = new Date('2024-06-01T12:00:00Z');

// The printer columns Argo Rollouts ships in its Rollout CRD.
const ROLLOUT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Desired',
    type: 'integer',
    description: 'Number of desired pods',
    jsonPath: '.spec.replicas',
  },
  {
    name: 'Current',
    type: 'integer',
    description: 'Total number of non-terminated pods',
    jsonPath: '.status.replicas',
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    description: 'Total number of updated pods',
    jsonPath: '.status.updatedReplicas',
  },
  {
    name: 'Available',
    type: 'integer',
    description: 'Total number of available pods',
    jsonPath: '.status.availableReplicas',
  },
  {
    name: 'Age',
    type: 'date',
    description: 'Time since resource was created',
    jsonPath: '.metadata.creationTimestamp',
  },
];

/** Rollout `web` as the API server stores it; `status` is free-form to reach any printer column. */
function aRollout(
  o: { name?: string; replicas?: number; status?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const rollout = aCanary(
    { steps: [{ setWeight: 20 }] },
    {
      name: o.name ?? 'web',
      metadata: {
        uid: 'u-1',
        resourceVersion: '42',
        labels: { app: 'web' },
        creationTimestamp: '2024-06-01T08:30:00Z',
      },
      spec: { replicas: o.replicas ?? 5 },
    },
  );
  return { ...rollout, ...(o.status ? { status: o.status } : {}) };
}

const rolloutDef = tableDefFor('argoproj.io', 'Rollout', ROLLOUT_COLUMNS);

describe('buildTable for a custom resource', () => {
  it('prints Name then the printer columns, with typed cells', () => {
    const table = buildTable(
      rolloutDef,
      [
        aRollout({ status: { replicas: 5, updatedReplicas: 1, availableReplicas: 4 } }),
        aRollout({ name: 'api', replicas: 2 }),
      ],
      { now, includeObject: 'None', resourceVersion: '42', continue: 'next-page' },
    );
    expect(table).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '42', continue: 'next-page' },
    });
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Up-to-date', 'integer', 0],
      ['Available', 'integer', 0],
      ['Age', 'date', 0],
    ]);
    expect(table.columnDefinitions[0]?.format).toBe('name');
    expect(table.columnDefinitions[1]?.description).toBe('Number of desired pods');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['web', 5, 5, 1, 4, '3h30m'],
      ['api', 2, null, null, null, '3h30m'],
    ]);
  });

  it.each<[IncludeObject, unknown]>([
    ['None', undefined],
    [
      'Metadata',
      {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: aRollout().metadata,
      },
    ],
    ['Object', aRollout()],
  ])('includeObject=%s', (includeObject, expected) => {
    const [row] = buildTable(rolloutDef, [aRollout()], {
      now,
      includeObject,
      resourceVersion: '42',
    }).rows;
    expect(row?.object).toEqual(expected);
    expect(row !== undefined && 'object' in row).toBe(expected !== undefined);
  });

  it('omits continue when there is no next page', () => {
    const table = buildTable(rolloutDef, [], {
      now,
      includeObject: 'Metadata',
      resourceVersion: '7',
    });
    expect(table.metadata).toEqual({ resourceVersion: '7' });
    expect(table.rows).toEqual([]);
  });

  it('falls back to NAME and AGE without printer columns', () => {
    const table = buildTable(
      tableDefFor('argoproj.io', 'AnalysisRun', []),
      [aRollout({ name: 'run-1' })],
      {
        now,
        includeObject: 'None',
        resourceVersion: '1',
      },
    );
    expect(table.columnDefinitions.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Age', 'date'],
    ]);
    expect(table.rows[0]?.cells).toEqual(['run-1', '3h30m']);
  });

  it.each<[string, PrinterColumn, unknown]>([
    ['string of a string', { name: 'Phase', type: 'string', jsonPath: '.status.phase' }, 'Paused'],
    [
      'string of a number',
      { name: 'Step', type: 'string', jsonPath: '.status.currentStepIndex' },
      '1',
    ],
    [
      'string of an object',
      { name: 'Pause', type: 'string', jsonPath: '.status.pauseConditions[0]' },
      '{"reason":"CanaryPauseStep","startTime":"x"}',
    ],
    ['string of null', { name: 'Msg', type: 'string', jsonPath: '.status.message' }, null],
    [
      'filtered',
      {
        name: 'Ready',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Available")].status',
      },
      'True',
    ],
    [
      'first of many',
      { name: 'Types', type: 'string', jsonPath: '.status.conditions[*].type' },
      'Available',
    ],
    ['integer of a string', { name: 'N', type: 'integer', jsonPath: '.status.phase' }, null],
    ['integer truncates', { name: 'N', type: 'integer', jsonPath: '.status.weight' }, 12],
    ['number', { name: 'W', type: 'number', jsonPath: '.status.weight' }, 12.5],
    ['boolean', { name: 'Paused', type: 'boolean', jsonPath: '.status.paused' }, true],
    ['bad date', { name: 'Since', type: 'date', jsonPath: '.status.phase' }, '<invalid>'],
    ['date', { name: 'Since', type: 'date', jsonPath: '.status.pauseStart' }, '10m'],
    ['missing', { name: 'X', type: 'string', jsonPath: '.status.nothing' }, null],
  ])('%s cell', (_name, column, expected) => {
    const rollout = aRollout({
      status: {
        phase: 'Paused',
        currentStepIndex: 1,
        message: null,
        weight: 12.5,
        paused: true,
        pauseStart: '2024-06-01T11:50:00Z',
        pauseConditions: [{ startTime: 'x', reason: 'CanaryPauseStep' }],
        conditions: [
          { type: 'Available', status: 'True' },
          { type: 'Progressing', status: 'False' },
        ],
      },
    });
    const table = buildTable(tableDefFor('argoproj.io', 'Rollout', [column]), [rollout], {
      now,
      includeObject: 'None',
      resourceVersion: '1',
    });
    expect(table.rows[0]?.cells[1]).toEqual(expected);
    expect(table.columnDefinitions[1]?.description).toBe(
      `Custom resource definition column (in JSONPath format): ${column.jsonPath}`,
    );
  });

  it('refuses a printer column whose path does not parse', () => {
    const def = tableDefFor('argoproj.io', 'Rollout', [
      { name: 'Bad', type: 'string', jsonPath: '.spec[' },
    ]);
    expect(() =>
      buildTable(def, [aRollout()], { now, includeObject: 'None', resourceVersion: '1' }),
    ).toThrow(JsonPathError);
  });
});
