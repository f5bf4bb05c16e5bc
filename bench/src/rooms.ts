import { randomBytes } from 'node:crypto';
import { type CreateRoomResponse, CreateRoomResponseSchema, type Question } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import type { RoomSpec } from './load/messages.ts';
import type { Topology } from './servers/topology.ts';

/** Room creations in flight at once: enough to be quick, few enough to leave the server breathing. */
const CREATE_CONCURRENCY = 16;

/** The first two questions that have starter code: pushes alternate between them. */
export function benchQuestions(): [Question, Question] {
  const coding = defaultBank.all().filter((question) => question.starterCode !== '');
  const [first, second] = coding;
  if (!first || !second) throw new Error('the question bank needs two questions with starter code');
  return [first, second];
}

export async function createRooms(baseUrl: string, count: number): Promise<CreateRoomResponse[]> {
  const [first, second] = benchQuestions();
  const created: CreateRoomResponse[] = [];
  let next = 0;
  const createOne = async (n: number) => {
    const res = await fetch(`${baseUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Bench room ${n}`,
        candidateName: `Candidate ${n}`,
        interviewerName: `Interviewer ${n}`,
        questionIds: [first.id, second.id],
      }),
    });
    if (res.status !== 201) throw new Error(`POST /api/rooms answered ${res.status}: ${await res.text()}`);
    created.push(CreateRoomResponseSchema.parse(await res.json()));
  };
  await Promise.all(
    Array.from({ length: Math.min(CREATE_CONCURRENCY, count) }, async () => {
      while (next < count) await createOne(next++);
    }),
  );
  return created;
}

/** The rooms of a scenario: created on our server (one per spec), or fresh documents on the stock one. */
export async function roomSpecs(topology: Topology, count: number): Promise<RoomSpec[]> {
  const [first, second] = benchQuestions();
  if (topology.target === 'stock') {
    return Array.from({ length: count }, () => ({
      kind: 'stock' as const,
      docName: randomBytes(16).toString('base64url'),
      interviewerUrl: topology.interviewerUrl,
      candidateUrl: topology.candidateUrl,
      starterCode: first.starterCode,
      questionId: first.id,
    }));
  }
  const created = await createRooms(topology.interviewerUrl, count);
  return created.map((room) => ({
    kind: 'ours' as const,
    roomId: room.id,
    interviewerUrl: topology.interviewerUrl,
    candidateUrl: topology.candidateUrl,
    interviewerToken: room.interviewer.token,
    candidateToken: room.candidate.token,
    questionIds: [first.id, second.id] as [string, string],
  }));
}
