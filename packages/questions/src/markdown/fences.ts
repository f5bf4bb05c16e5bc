/** A line of a file with its 1-based number. */
export interface Line {
  text: string;
  number: number;
}

/** A fenced code block: ``` or ~~~ (three or more) at the start of a line, closed by a longer-or-equal run. */
export interface Fence {
  /** The opening marker (```python) line. */
  open: Line;
  /** The run of backticks or tildes that opened it. */
  marker: string;
  /** What follows the marker, e.g. `python`. */
  info: string;
  /** The lines between the markers, verbatim. */
  body: string[];
  closed: boolean;
  /** Index of the first line after the block. */
  next: number;
}

const OPEN = /^(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$/;

export function fenceMarker(text: string): { marker: string; info: string } | null {
  const match = OPEN.exec(text);
  if (!match?.[1]) return null;
  return { marker: match[1], info: match[2] ?? '' };
}

const closes = (text: string, marker: string): boolean => {
  const trimmed = text.trimEnd();
  return trimmed.length >= marker.length && trimmed === (marker[0] ?? '').repeat(trimmed.length);
};

/** Reads the fenced block whose opening marker is `lines[start]`; null if that line opens none. */
export function readFence(lines: readonly Line[], start: number): Fence | null {
  const open = lines[start];
  const marker = open ? fenceMarker(open.text) : null;
  if (!open || !marker) return null;
  const body: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (closes(line.text, marker.marker))
      return { open, marker: marker.marker, info: marker.info, body, closed: true, next: i + 1 };
    body.push(line.text);
  }
  return { open, marker: marker.marker, info: marker.info, body, closed: false, next: lines.length };
}
