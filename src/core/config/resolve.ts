import type { ConfigFile, ProfileName, ResolvedConfig } from './types';

const DEFAULT_SECTIONS = [
  'executive-summary',
  'detection',
  'impact',
  'root-cause',
  'timeline',
  'resolution',
  'what-went-well',
  'what-could-have-gone-better',
  'action-items',
  'lessons-learned',
];

const DEFAULT_METADATA = ['title', 'date', 'authors', 'status', 'severity', 'duration'];

const BASE: Omit<ResolvedConfig, 'profile'> = {
  rules: {},
  synonyms: {},
  requiredSections: DEFAULT_SECTIONS,
  requiredMetadata: DEFAULT_METADATA,
  severities: ['SEV1', 'SEV2', 'SEV3'],
  statuses: ['Draft', 'In Review', 'Final'],
  actionTypes: ['Detect', 'Prevent', 'Mitigate', 'Repair', 'Process', 'Investigate'],
  priorities: ['P0', 'P1', 'P2', 'P3'],
  summaryMaxSentences: 3,
};

/** The built-in profiles: which sections and metadata each requires, and its allowed values. */
export const PROFILES: Record<ProfileName, ResolvedConfig> = {
  default: { ...BASE, profile: 'default' },
  'google-sre': {
    ...BASE,
    profile: 'google-sre',
    requiredSections: [
      'executive-summary',
      'impact',
      'trigger',
      'detection',
      'root-cause',
      'resolution',
      'timeline',
      'what-went-well',
      'what-could-have-gone-better',
      'where-we-got-lucky',
      'action-items',
      'lessons-learned',
      'supporting-information',
    ],
    priorities: ['P0', 'P1', 'P2'],
  },
  minimal: {
    ...BASE,
    profile: 'minimal',
    requiredSections: ['executive-summary', 'impact', 'root-cause', 'timeline', 'action-items'],
    requiredMetadata: ['title', 'date'],
  },
};

/**
 * Resolves the configuration a lint run uses: the profile's values, then the config file's,
 * then `overrides` (editor settings), each replacing the one before key by key. Rule levels
 * and synonyms are merged per rule and per section.
 */
export function resolveConfig(file: ConfigFile = {}, overrides: ConfigFile = {}): ResolvedConfig {
  const profileName = overrides.profile ?? file.profile ?? 'default';
  const profile = PROFILES[profileName] ?? PROFILES.default;
  const pick = <K extends keyof ConfigFile & keyof ResolvedConfig>(key: K): ResolvedConfig[K] =>
    (overrides[key] ?? file[key] ?? profile[key]) as ResolvedConfig[K];
  const synonyms: Record<string, string[]> = { ...profile.synonyms };
  for (const source of [file.synonyms ?? {}, overrides.synonyms ?? {}]) {
    for (const [id, names] of Object.entries(source))
      synonyms[id] = [...(synonyms[id] ?? []), ...names];
  }
  return {
    profile: profile.profile,
    rules: { ...profile.rules, ...file.rules, ...overrides.rules },
    synonyms,
    requiredSections: pick('requiredSections'),
    requiredMetadata: pick('requiredMetadata'),
    severities: pick('severities'),
    statuses: pick('statuses'),
    actionTypes: pick('actionTypes'),
    priorities: pick('priorities'),
    summaryMaxSentences: pick('summaryMaxSentences'),
  };
}
