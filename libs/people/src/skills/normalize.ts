/**
 * Skill names are compared by a normalized form: Unicode-compatible, lower case, with
 * '-', '_' and runs of white space folded to one space, and stray punctuation dropped —
 * but the characters that tell skills apart are kept ("C++", "C#", ".NET", "Node.js", "CI/CD").
 */
export function normalizeSkillName(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_\-–—]+/g, ' ')
    .replace(/[^\p{L}\p{N}+#./ ]+/gu, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=\S)\.+$/, '');
}

/** A display name from what someone typed: trimmed, inner white space folded. */
export function cleanSkillName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
