// Generates the postmortems that `npm run bench` measures: a typical single postmortem of about
// 7 KiB, and incident logs of 1 MB and 10 MB made of many postmortems with long timelines and
// action-item tables. The text depends only on the seed, so every run measures the same input.

const SERVICES = ['checkout', 'search', 'payments', 'login', 'ingest', 'billing', 'catalog'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1', 'eu-central-1'];
const OWNERS = ['@sre-team', '@payments-oncall', 'Priya Raman', 'Platform team', '@db-team'];
const TYPES = ['Detect', 'Prevent', 'Mitigate'];
const EVENTS = [
  'Synthetic probe pages the on-call engineer',
  'Error rate for the service passes 5% of requests',
  'Incident channel opened and incident commander assigned',
  'Deploy pipeline paused for the affected region',
  'Rollback to the previous image digest starts',
  'Database connection pool saturates on the primary',
  'Cache hit ratio drops below 40% after the config push',
  'Traffic shifted to the healthy region',
  'Error rate returns to the baseline',
];

/** A small deterministic pseudo-random generator (mulberry32), so that documents repeat exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Writes one postmortem body with every section, at heading level `depth` and below. */
function postmortemSections(
  next: () => number,
  index: number,
  depth: number,
  entries: number,
): string {
  const h = '#'.repeat(depth);
  const service = pick(next, SERVICES);
  const region = pick(next, REGIONS);
  const day = 1 + (index % 28);
  const lines: string[] = [];
  lines.push(`${h} Executive Summary`, '');
  lines.push(
    `For ${20 + Math.floor(next() * 60)} minutes the ${service} service in ${region} returned errors ` +
      `for ${Math.floor(next() * 30) + 2}% of requests after a configuration change reached every node at once.`,
    '',
  );
  lines.push(
    `${h} Detection`,
    '',
    `A synthetic probe paged the on-call engineer two minutes after the first errors.`,
    '',
  );
  lines.push(
    `${h} Impact`,
    '',
    `About ${Math.floor(next() * 90000)} requests failed and ${Math.floor(next() * 900)} orders were retried.`,
    '',
  );
  lines.push(
    `${h} Root Cause`,
    '',
    `The deploy tool applied the change to all regions in one step, because the rollout policy had no ` +
      `canary stage for ${service}. The health check read a cached value, so it stayed green while requests failed.`,
    '',
  );
  lines.push(`${h} Timeline`, '');
  let minutes = 9 * 60 + Math.floor(next() * 60);
  for (let entry = 0; entry < entries; entry++) {
    minutes += 1 + Math.floor(next() * 4);
    const time = `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
    lines.push(`- 2024-05-${pad(day)} ${time} UTC: ${pick(next, EVENTS)} (${service}, ${region}).`);
  }
  lines.push('');
  lines.push(
    `${h} Resolution`,
    '',
    'The team rolled back the change and added a canary stage to the rollout policy.',
    '',
  );
  lines.push(
    `${h} What Went Well`,
    '',
    '- The probe detected the failure within two minutes.',
    '- The rollback took seven minutes.',
    '',
  );
  lines.push(
    `${h} What Could Have Gone Better`,
    '',
    '- The health check could not see the failure.',
    '- Staging has a single region.',
    '',
  );
  lines.push(`${h} Action Items`, '', '| Action | Owner | Type | Priority |', '|---|---|---|---|');
  const actions = 4 + Math.floor(next() * 6);
  for (let action = 0; action < actions; action++) {
    lines.push(
      `| Add a canary stage for ${service} step ${action + 1} | ${pick(next, OWNERS)} | ${pick(next, TYPES)} | P${Math.floor(next() * 3)} |`,
    );
  }
  lines.push('');
  lines.push(
    `${h} Lessons Learned`,
    '',
    'A rollout without a canary turns one bad value into a global outage.',
    '',
  );
  return lines.join('\n');
}

function frontmatter(title: string): string {
  return [
    '---',
    `title: ${title}`,
    'date: 2024-05-14',
    'authors: [Priya Raman, "@sre-team"]',
    'status: Final',
    'severity: SEV2',
    'duration: 47m',
    '---',
    '',
    `# ${title}`,
    '',
  ].join('\n');
}

/** Returns a single postmortem of about 7 KiB: every section, a 60-entry timeline and an action-item table. */
export function typicalPostmortem(seed = 1): string {
  const next = random(seed);
  return (
    frontmatter('Checkout errors after a global config push') + postmortemSections(next, 0, 2, 60)
  );
}

/**
 * An incident log of at least `bytes` UTF-16 units: a frontmatter block, then one `##` heading per
 * incident with its own sections at `###`, each with a 40-entry timeline and an action-item table.
 */
export function incidentLog(bytes: number, seed = 1): string {
  const next = random(seed);
  const parts = [frontmatter('Incident log')];
  let length = parts[0]?.length ?? 0;
  for (let index = 1; length < bytes; index++) {
    const part = `## Incident ${index}: ${pick(next, SERVICES)} outage\n\n${postmortemSections(next, index, 3, 40)}\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}
