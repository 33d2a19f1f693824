/**
 * The pieces every built-in template shares, written once: what the Rollout is, the plain-text and
 * per-service forms of a headline with its facts, and the approval links when the message carries
 * them. Values are Go templates over the data of buildTemplateData.
 */
export const NAME = '{{.rollout.metadata.name}}';
const NAMESPACE = '{{.rollout.metadata.namespace}}';
const STRATEGY = '{{if .rollout.spec.strategy.blueGreen}}blue-green{{else}}canary{{end}}';
const REVISION =
  '{{with .rollout.metadata.annotations}}{{index . "rollout.argoproj.io/revision"}}{{end}}';
const IMAGES =
  '{{range $i, $c := .rollout.spec.template.spec.containers}}{{if $i}}, {{end}}{{$c.name}}: {{$c.image}}{{end}}';

/** `2 of 4`: steps done out of the canary's steps (empty for blue-green). */
export const STEP_PROGRESS =
  '{{with .rollout.spec.strategy.canary}}{{with .steps}}{{or $.rollout.status.currentStepIndex 0}} of {{len .}}{{end}}{{end}}';

/** The newest AnalysisRun of this revision: `name (Phase)`; its free-text message is not JSON-safe. */
export const LATEST_ANALYSIS =
  '{{with .analysisRuns}}{{with index . 0}}{{.metadata.name}} ({{or .status.phase "Pending"}}){{end}}{{else}}none found{{end}}';

export interface Fact {
  title: string;
  value: string;
}

export interface TemplateSpec {
  headline: string;
  /** Slack attachment and Teams card colour. */
  color: string;
  /** Facts beyond namespace, strategy, revision and images. */
  facts?: readonly Fact[];
  /** Plain-text lines for `message` only (free text such as an analysis message is not JSON-safe). */
  note?: string;
  /** Whether the message lists Promote/Abort links when `.approval` is set. */
  approval?: boolean;
}

const APPROVAL_TEXT =
  '{{if .approval}}\nApprove or stop it from here:\n{{with .approval.promoteURL}}Promote: {{.}}\n{{end}}{{with .approval.abortURL}}Abort: {{.}}\n{{end}}{{end}}';

function factsOf(spec: TemplateSpec): Fact[] {
  return [
    { title: 'Namespace', value: NAMESPACE },
    { title: 'Strategy', value: STRATEGY },
    { title: 'Revision', value: REVISION },
    ...(spec.facts ?? []),
    { title: 'Images', value: IMAGES },
  ];
}

const slackField = (fact: Fact) =>
  `{"title": "${fact.title}", "value": "${fact.value}", "short": ${fact.title !== 'Images'}}`;

const BUTTONS =
  '{{if .approval}}, {"buttonList": {"buttons": [{{with .approval.promoteURL}}{"text": "Promote", "onClick": {"openLink": {"url": "{{.}}"}}}{{end}}{{if and .approval.promoteURL .approval.abortURL}}, {{end}}{{with .approval.abortURL}}{"text": "Abort", "onClick": {"openLink": {"url": "{{.}}"}}}{{end}}]}}{{end}}';

/** One template's YAML as JSON: `message`, `email`, `slack`, `teams` and `googlechat` sections. */
export function buildTemplateSource(spec: TemplateSpec): Record<string, unknown> {
  const facts = factsOf(spec);
  const approval = spec.approval === true ? APPROVAL_TEXT : '';
  const lines = facts.map((f) => `${f.title}: ${f.value}`).join('\n');
  const message = `${spec.headline}\n${lines}\n${spec.note ?? ''}${approval}`;
  return {
    message,
    email: { subject: spec.headline },
    slack: {
      attachments: `[{"color": "${spec.color}", "title": "${spec.headline}", "fields": [${facts
        .map(slackField)
        .join(', ')}]}]`,
      // One thread per Rollout update: every message of a revision lands under the first one.
      groupingKey: `{{.rollout.metadata.uid}}-${REVISION}`,
    },
    teams: {
      title: spec.headline,
      themeColor: spec.color,
      text: `${NAMESPACE}/${NAME}`,
      facts: `[${facts.map((f) => `{"name": "${f.title}", "value": "${f.value}"}`).join(', ')}]`,
      ...(spec.approval === true
        ? {
            potentialAction:
              '{{if .approval}}[{{with .approval.promoteURL}}{"@type": "OpenUri", "name": "Promote", "targets": [{"os": "default", "uri": "{{.}}"}]}{{end}}{{if and .approval.promoteURL .approval.abortURL}}, {{end}}{{with .approval.abortURL}}{"@type": "OpenUri", "name": "Abort", "targets": [{"os": "default", "uri": "{{.}}"}]}{{end}}]{{else}}[]{{end}}',
          }
        : {}),
    },
    googlechat: {
      cardsV2: `[{"cardId": "rollout", "card": {"header": {"title": "${spec.headline}", "subtitle": "${NAMESPACE}/${NAME}"}, "sections": [{"widgets": [${facts
        .map((f) => `{"decoratedText": {"topLabel": "${f.title}", "text": "${f.value}"}}`)
        .join(', ')}${spec.approval === true ? BUTTONS : ''}]}]}}]`,
      threadKey: `{{.rollout.metadata.uid}}-${REVISION}`,
    },
  };
}
