import type {
  CreateRoomRequest,
  CreateRoomResponse,
  CreateSavedPlanRequest,
  ExportFormat,
  QuestionSummary,
  RegenerateLinksResponse,
  Role,
  SavedPlan,
} from '@interview-room/protocol';
import {
  CreateRoomResponseSchema,
  HttpErrorBodySchema,
  QuestionSummarySchema,
  RegenerateLinksResponseSchema,
  SavedPlanListSchema,
  SavedPlanSchema,
} from '@interview-room/protocol';
import { slugify } from './format.ts';

/** A failed HTTP call, carrying the server's error body when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic message.
  }
  const parsed = HttpErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError(res.status, code, message, field);
  }
  return new ApiError(res.status, 'HTTP_ERROR', `The server answered ${res.status} ${res.statusText}`.trim());
}

async function send(input: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(input, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', 'The server sent a response the app could not read.');
  }
}

export async function listQuestions(signal?: AbortSignal): Promise<QuestionSummary[]> {
  const res = await send('/api/questions', { signal: signal ?? null });
  const parsed = QuestionSummarySchema.array().safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', 'The question bank could not be read.');
  return parsed.data;
}

export async function listSavedPlans(signal?: AbortSignal): Promise<SavedPlan[]> {
  const res = await send('/api/plans', { signal: signal ?? null, cache: 'no-store' });
  const parsed = SavedPlanListSchema.safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', 'The saved plans could not be read.');
  return parsed.data;
}

export async function createSavedPlan(request: CreateSavedPlanRequest): Promise<SavedPlan> {
  const res = await send('/api/plans', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const parsed = SavedPlanSchema.safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', 'The saved plan could not be read.');
  return parsed.data;
}

export async function deleteSavedPlan(id: string): Promise<void> {
  await send(`/api/plans/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function createRoom(request: CreateRoomRequest): Promise<CreateRoomResponse> {
  const res = await send('/api/rooms', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const parsed = CreateRoomResponseSchema.safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', 'The new room could not be read.');
  return parsed.data;
}

/** New links for these roles (interviewer token); the old ones stop working at once. */
export async function regenerateLinks(
  roomId: string,
  token: string,
  roles: Role[],
): Promise<RegenerateLinksResponse> {
  const res = await send(`/api/rooms/${encodeURIComponent(roomId)}/links`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify({ roles }),
    cache: 'no-store',
  });
  const parsed = RegenerateLinksResponseSchema.safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', 'The new link could not be read.');
  return parsed.data;
}

const EXTENSIONS: Record<ExportFormat, string> = { md: 'md', json: 'json' };

/** `attachment; filename="x.md"` (or RFC 5987 `filename*=UTF-8''x.md`) -> `x.md`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header);
    name = plain?.[1] ?? plain?.[2] ?? null;
  }
  if (name === null) return null;
  // Never let a header choose a path.
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' ? null : base;
}

export interface ExportFile {
  blob: Blob;
  filename: string;
}

/** Fetches the interview report; the token goes in a header, never in the URL. */
export async function fetchExport(
  roomId: string,
  token: string,
  format: ExportFormat,
  fallbackTitle: string,
): Promise<ExportFile> {
  const res = await send(`/api/rooms/${encodeURIComponent(roomId)}/export?format=${format}`, {
    headers: { Authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  const blob = await res.blob();
  const date = new Date().toISOString().slice(0, 10);
  const filename =
    filenameFromDisposition(res.headers.get('Content-Disposition')) ??
    `${slugify(fallbackTitle)}-${date}.${EXTENSIONS[format]}`;
  return { blob, filename };
}
