import { fencedBlocks } from './markdown-blocks.ts';

/** One command a reader would type, as written in a document. */
export interface ShellCommand {
  /** The command as bash runs it (continuation lines joined). */
  text: string;
  /** Without comments and with whitespace folded: what the rules match. */
  normalized: string;
  /** Where it is: "docs/DEPLOYMENT.md:42". */
  where: string;
}

const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell']);

/** Drops a trailing `# comment` (a # after whitespace, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

/** Splits `a && b` at top level (outside quotes and $(…)), as the reader's shell would run them. */
function splitAndList(command: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && command.startsWith(' && ', i)) {
      parts.push(command.slice(start, i));
      start = i + 4;
    }
  }
  parts.push(command.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * The commands of a Markdown file's ```bash/```sh blocks: continuation lines (`\`) joined, a
 * shell function definition (`name() {` … `}`) kept whole, `a && b` split into its commands, and
 * comment-only lines dropped.
 */
export function shellCommands(markdown: string, file: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const block of fencedBlocks(markdown)) {
    if (!SHELL_LANGUAGES.has(block.language)) continue;
    const lines = block.code.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const first = i;
      let text = lines[i] ?? '';
      if (/^\s*[\w-]+\(\)\s*\{\s*$/.test(text)) {
        while (i + 1 < lines.length && !/^\s*\}\s*$/.test(lines[i] ?? '')) text += `\n${lines[++i] ?? ''}`;
      } else {
        while (/\\\s*$/.test(withoutComment(text)) && i + 1 < lines.length) {
          text = `${withoutComment(text).replace(/\\\s*$/, '')} ${(lines[++i] ?? '').trim()}`;
        }
      }
      if (withoutComment(text).trim() === '') continue;
      const where = `${file}:${block.line + 1 + first}`;
      const parts = text.includes('\n') ? [text] : splitAndList(withoutComment(text));
      for (const part of parts) {
        commands.push({ text: part, normalized: withoutComment(part).replace(/\s+/g, ' ').trim(), where });
      }
    }
  }
  return commands;
}
