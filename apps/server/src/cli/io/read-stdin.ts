import type { Readable } from 'node:stream';

/** The whole of stdin as one text: a single text is read whole (files go through --input). */
export async function readAllText(input: Readable): Promise<string> {
  input.setEncoding('utf8');
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text;
}
