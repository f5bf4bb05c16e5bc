import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A valid question file; `rubric` marks every interviewer-only line so leak checks can find it. */
export function questionMarkdown(id: string, rubric = `RUBRIC-${id}`): string {
  return `---
id: ${id}
title: Question ${id}
topic: Testing
level: mid
duration: 5
language: python
tags: [custom]
---

## Prompt

Write a function that returns 42.

## Starter code

\`\`\`python
def answer():
    pass
\`\`\`

## Sample strong answer

${rubric} sample answer

## Key points

- ${rubric} key point

## Strong signals

- ${rubric} strong signal

## Red flags

- ${rubric} red flag

## Follow-ups

- ${rubric} follow-up

## Why we ask

${rubric} why we ask
`;
}

/** Writes `{ "bank/file.md": content }` under a fresh temporary folder and returns the folder. */
export function bankDir(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ir-banks-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}
