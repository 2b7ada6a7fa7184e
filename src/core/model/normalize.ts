/**
 * Normalises a heading for comparison with section names: drops numbering (`1.`, `3 -`,
 * `IV.`), emoji, emphasis markers, footnote numbers, trailing colons and question marks,
 * accents and non-breaking spaces, and lower-cases the rest.
 */
export function normalizeHeading(raw: string): string {
  let text = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  text = text.replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ');
  text = text.replace(/\p{Extended_Pictographic}|\uFE0F|:[a-z0-9_+-]+:/gu, ' ');
  text = text.replace(/[*_`~]/g, '');
  text = text.replace(/^\s*(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])\s*[.):-]\s+/i, '');
  text = text.replace(/^\s*\d+\s+(?=\p{L})/u, '');
  text = text.toLowerCase().replace(/[’']/g, '');
  text = text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // Footnote numbers glued to a heading, as in "Impact:163" or "Action Items 165".
  text = text.replace(/\s\d+$/, '').trim();
  return text;
}
