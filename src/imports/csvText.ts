import { isUtf8 } from 'node:buffer';
import { FileProblem } from './fileProblem.ts';

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8');

/** The first line (1-based, from `firstLine`) of `bytes` that is not valid UTF-8. */
function firstBadLine(bytes: Buffer, firstLine: number): number {
  let line = firstLine;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line++;
    start = end + 1;
  }
  return line;
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  let at = bytes.indexOf(NEWLINE);
  while (at !== -1) {
    n++;
    at = bytes.indexOf(NEWLINE, at + 1);
  }
  return n;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const HTML_START = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<\?xml)/i;

/** Refuses, from its first bytes, a file that is clearly not CSV text. */
function refuseNonText(first: Buffer): void {
  if (first.subarray(0, 4).equals(ZIP))
    throw new FileProblem(
      null,
      'This is a zip archive (probably an XLSX workbook), not a CSV file: send it as XLSX.',
    );
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff))
    throw new FileProblem(1, 'The file is encoded as UTF-16; save it as CSV UTF-8.');
  if (first.subarray(0, 1024).includes(0))
    throw new FileProblem(1, 'The file contains binary data (NUL bytes), not CSV text.');
  if (HTML_START.test(utf8.decode(first.subarray(0, 512))))
    throw new FileProblem(
      1,
      'This looks like an HTML (or XML) page, not a CSV file; export the data as CSV.',
    );
}

/**
 * Decodes a byte stream as UTF-8 text, refusing the first line that is not valid UTF-8 (for
 * example a Windows-1252 export) by its number, and an HTML page, UTF-16 text or a zip archive up
 * front. A UTF-8 byte-order mark is dropped. Chunks are checked whole; lines are only counted to
 * name the broken one.
 */
export async function* utf8Text(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0);
  let linesBefore = 0;
  let first = true;
  const check = (bytes: Buffer) => {
    if (!isUtf8(bytes)) {
      const line = firstBadLine(bytes, linesBefore + 1);
      throw new FileProblem(
        line,
        'This line is not valid UTF-8 (the file may be in Windows-1252 or Latin-1); save the file as CSV UTF-8.',
      );
    }
    linesBefore += countNewlines(bytes);
  };
  for await (const piece of source) {
    let chunk = carry.length ? Buffer.concat([carry, piece]) : Buffer.from(piece);
    if (first) {
      // Enough bytes to recognise an HTML page or a binary file before anything is parsed.
      if (chunk.length < 512) {
        carry = chunk;
        continue;
      }
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      refuseNonText(chunk);
    }
    // Only whole lines are checked, so a character split between two chunks is not mistaken for an error.
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      carry = chunk;
      continue;
    }
    const whole = chunk.subarray(0, lastNewline + 1);
    carry = chunk.subarray(lastNewline + 1);
    check(whole);
    yield utf8.decode(whole);
  }
  if (first && carry.length) {
    if (carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf) carry = carry.subarray(3);
    refuseNonText(carry);
  }
  if (carry.length) {
    check(carry);
    yield utf8.decode(carry);
  }
}

/** The delimiter of a CSV file from its header line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}
