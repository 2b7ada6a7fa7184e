import type { RuleLevel } from '../types';

export type ProfileName = 'default' | 'google-sre' | 'minimal';

/** Contents of `.postmortem.json`, every key optional. */
export interface ConfigFile {
  $schema?: string;
  profile?: ProfileName;
  rules?: Record<string, RuleLevel>;
  /** Extra headings per canonical section id, e.g. `{ "root-cause": ["Why it happened"] }`. */
  synonyms?: Record<string, string[]>;
  /** Replaces the profile's required section ids. */
  requiredSections?: string[];
  /** Replaces the profile's required metadata keys. */
  requiredMetadata?: string[];
  severities?: string[];
  statuses?: string[];
  actionTypes?: string[];
  priorities?: string[];
  /** Maximum sentences in the executive summary. */
  summaryMaxSentences?: number;
}

/** Configuration with every value resolved: what the rules read. */
export interface ResolvedConfig {
  profile: ProfileName;
  rules: Record<string, RuleLevel>;
  synonyms: Record<string, string[]>;
  requiredSections: string[];
  requiredMetadata: string[];
  severities: string[];
  statuses: string[];
  actionTypes: string[];
  priorities: string[];
  summaryMaxSentences: number;
}
